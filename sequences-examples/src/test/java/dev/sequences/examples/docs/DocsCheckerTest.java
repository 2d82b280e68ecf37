package dev.sequences.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.examples.docs.Markdown.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks of {@link DocsTest} fail where they should, on the small repository of
 * src/test/resources/docs-fixtures: good.md passes every check, bad.md fails each one.
 */
class DocsCheckerTest {

  private static final Path ROOT = Path.of("src/test/resources/docs-fixtures");
  private static final DocsChecker CHECKER = new DocsChecker(ROOT);
  private static final Markdown GOOD = Markdown.read(ROOT.resolve("good.md"));
  private static final Markdown BAD = Markdown.read(ROOT.resolve("bad.md"));

  @Test
  void theDocumentsAreTheMarkdownFilesAtTheRootAndUnderDocs() {
    assertEquals(
        List.of("bad.md", "docs/other.md", "good.md"),
        DocsChecker.documents(ROOT).stream().map(CHECKER::name).toList());
  }

  @BeforeAll
  static void compileTheFragments() {
    CHECKER.compile(List.of(GOOD, BAD));
  }

  @Test
  void aFileMembersAndStatementsEachCompileAndSoDoesSpringsConfigurationWithItsImport() {
    List<Block> blocks = DocsChecker.checkedBlocks(GOOD);
    assertEquals(List.of(16, 32, 43, 59, 72, 88), blocks.stream().map(Block::firstLine).toList());
    for (Block block : blocks) {
      assertEquals(Optional.empty(), CHECKER.check(GOOD, block), "good.md:" + block.firstLine());
    }
    assertEquals(
        List.of(
            Wrapping.FILE,
            Wrapping.MEMBERS,
            Wrapping.STATEMENTS,
            Wrapping.FILE,
            Wrapping.STATEMENTS),
        Stream.of(0, 1, 2, 3, 5).map(i -> CHECKER.outcome(blocks.get(i)).wrapping()).toList());
  }

  @Test
  void aFragmentThatDoesNotCompileFailsWithJavacsMessageAtItsLine() {
    assertEquals(
        Optional.of(
            "bad.md:6: this Java block compiles neither as a file, nor as class members, nor as"
                + " the statements of a method with dsl, dataSource, configuration and"
                + " connectionFactory (each with the imports at its top and those of"
                + " Wrapping.DEFAULT_IMPORTS); or if it shows a file, put <!-- include: PATH -->"
                + " right before it. As statements, the most plausible, javac says:\n"
                + "  bad.md:7: incompatible types: long cannot be converted to java.lang.String"),
        CHECKER.check(BAD, BAD.blocks().get(0)));
  }

  /**
   * Fragments are compiled together: one's errors neither hide another's, nor are they counted as
   * another's, down to the flow analysis (an uninitialised variable, an unreported exception).
   */
  @Test
  void fragmentsCompiledTogetherKeepTheirOwnErrors() throws IOException {
    try (FragmentCompiler compiler = new FragmentCompiler()) {
      List<FragmentCompiler.Outcome> outcomes =
          compiler.compileAll(
              List.of(
                  "String text = 1;",
                  "int x;\nSystem.out.println(x);",
                  "Runnable r = () -> { throw new Exception(); };",
                  "long n = GaplessSequence.named(\"n\").nextValue(dsl);"));
      assertEquals(
          List.of(
              List.of(
                  new FragmentCompiler.CompileError(
                      1, "incompatible types: int cannot be converted to java.lang.String")),
              List.of(
                  new FragmentCompiler.CompileError(
                      2, "variable x might not have been initialized")),
              List.of(
                  new FragmentCompiler.CompileError(
                      1,
                      "unreported exception java.lang.Exception; must be caught or declared to be"
                          + " thrown")),
              List.of()),
          outcomes.stream().map(FragmentCompiler.Outcome::errors).toList());
    }
  }

  @Test
  void aFragmentWithAnEllipsisFails() {
    String problem = CHECKER.check(BAD, BAD.blocks().get(1)).orElseThrow();
    assertTrue(problem.startsWith("bad.md:13: this Java block compiles neither"), problem);
  }

  @Test
  void anIncludedBlockMustBeTheFileAsItIs() {
    assertEquals(
        Optional.of(
            "bad.md:21: the block must be the text of Included.java (its include marker), and"
                + " differs: line 3 of the file is\n"
                + "    /** Shown in good.md and in bad.md. */\n"
                + "  the block has\n"
                + "    /** Shown in good.md. */\n"
                + "  (copy the file into the block)"),
        CHECKER.check(BAD, BAD.blocks().get(2)));
    assertEquals(
        Optional.of("bad.md:31: the include marker names Missing.java, which is no file"),
        CHECKER.check(BAD, BAD.blocks().get(3)));
  }

  @Test
  void linksReachTheirFilesAndAnchorsTheirHeadings() {
    assertEquals(List.of(), CHECKER.problems(GOOD));
    assertEquals(List.of(), CHECKER.problems(Markdown.read(ROOT.resolve("docs/other.md"))));
  }

  @Test
  void aMissingFileAMissingAnchorAndAMarkerWithoutItsBlockFail() {
    assertEquals(
        List.of(
            "bad.md:38: [a missing file](docs/missing.md): no file docs/missing.md (from bad.md)",
            "bad.md:38: [a missing anchor](docs/other.md#setup-2): no heading of docs/other.md"
                + " has the anchor #setup-2",
            "bad.md:39: [a missing anchor here](#bad): no heading of bad.md has the anchor #bad",
            "bad.md:39: [out of the repository](../logback-test.xml): no file ../logback-test.xml"
                + " (from bad.md)",
            "bad.md:34: an include marker must be right before a fenced block"),
        CHECKER.problems(BAD));
  }

  @Test
  void anchorsAreGitHubsSlugs() {
    assertEquals(
        "versions-jooq-and-flyway-under-spring-boot",
        Markdown.slug("Versions: jOOQ and Flyway under Spring Boot"));
    assertEquals("nextvalue-and-friends_2", Markdown.slug("`nextValue` and *friends*_2"));
    assertEquals("the-cli-reference", Markdown.slug("The [CLI](cli.md) reference"));
    assertEquals("zürich--café", Markdown.slug("Zürich & café"));
    assertEquals(
        List.of("first", "setup", "setup-1"),
        List.copyOf(Markdown.read(ROOT.resolve("docs/other.md")).anchors()));
  }

  @AfterAll
  static void closeTheCompiler() throws IOException {
    CHECKER.close();
  }
}
