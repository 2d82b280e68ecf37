package dev.sequences.examples.docs;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The repository's documentation (every *.md file at its root and under docs/) as a reader meets
 * it: each Java block compiles as shown, or is, after an {@code <!-- include: path -->} line, the
 * exact text of that file; each relative link reaches a file, and each anchor a heading. One test
 * per block ({@code README.md:264}) and one per document for its links. Which imports a fragment
 * gets, and how it is wrapped: {@link FragmentCompiler}.
 */
class DocsTest {

  /**
   * The repository: this one, or the checkout named by {@code -Dsequences.docs.root=PATH} (its
   * documents checked against this build's class path).
   */
  private static final Path ROOT =
      Path.of(System.getProperty("sequences.docs.root", "..")).toAbsolutePath().normalize();

  private static final DocsChecker CHECKER = new DocsChecker(ROOT);

  @TestFactory
  Stream<DynamicContainer> theDocumentationCompilesAndItsLinksResolve() {
    List<Markdown> documents = DocsChecker.documents(ROOT).stream().map(Markdown::read).toList();
    CHECKER.compile(documents);
    return documents.stream().map(DocsTest::testsOf);
  }

  private static DynamicContainer testsOf(Markdown markdown) {
    Path file = markdown.file();
    String name = CHECKER.name(file);
    List<DynamicTest> tests = new ArrayList<>();
    for (Markdown.Block block : DocsChecker.checkedBlocks(markdown)) {
      tests.add(
          dynamicTest(
              name + ":" + block.firstLine(),
              at(file, block.firstLine()),
              () -> CHECKER.check(markdown, block).ifPresent(problem -> fail(problem))));
    }
    tests.add(
        dynamicTest(
            name + " links",
            file.toUri(),
            () -> {
              List<String> problems = CHECKER.problems(markdown);
              if (!problems.isEmpty()) {
                fail(
                    name
                        + ": "
                        + problems.size()
                        + " links or include markers are wrong:\n"
                        + String.join("\n", problems));
              }
            }));
    return dynamicContainer(name, file.toUri(), tests.stream());
  }

  private static URI at(Path file, int line) {
    return URI.create(file.toUri() + "?line=" + line);
  }

  @AfterAll
  static void closeTheCompiler() throws IOException {
    CHECKER.close();
  }
}
