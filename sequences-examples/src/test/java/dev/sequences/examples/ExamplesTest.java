package dev.sequences.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sequences.examples.boot.InvoicesApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The examples of the README and the guides run, print what the pages show, and are shown as they
 * are.
 */
class ExamplesTest {

  private static final String NUMBER_SERIES_OUTPUT =
      """
      issued INV-2026-000001 to acme, dated 2026-03-14
      issued INV-2026-000002 to acme, dated 2026-03-14
      issued INV-2026-000001 to globex, dated 2026-03-15
      issued INV-2026-000003 to acme, dated 2026-03-16
      refused: series 'invoices', scope 'acme', period '2026': document date 2026-03-01 is earlier than 2026-03-16, the latest date already issued there; nothing was issued (the counter and the ledger are as they were). Issue it with a date on or after 2026-03-16, or allow backdating
      voided INV-2026-000002
      verified acme 2026: numbers 1..3, voided [INV-2026-000002 (order cancelled)], gaps []
      OK: no finding
      verified acme 2026: numbers 1..3, voided [INV-2026-000002 (order cancelled)], gaps []
      FINDINGS: [chain broken at entry 1 (number 1): its hash does not match its contents (edited)]
      """;

  private static final String QUICK_START_OUTPUT =
      """
      invoice 1
      rolled back: a negative total; number 2 is given back
      invoice 2
      last value: 2
      """;

  @Test
  void quickStartRunsOnH2InMemory() {
    assertEquals(QUICK_START_OUTPUT, stdoutOf(() -> QuickStart.main(new String[0])));
  }

  /**
   * The PostgreSQL of {@code SEQUENCES_TEST_POSTGRES_URL}; the test is skipped without it, and
   * fails if {@code SEQUENCES_TEST_REQUIRED} lists postgres.
   */
  private static PGSimpleDataSource postgres() {
    String url = System.getenv("SEQUENCES_TEST_POSTGRES_URL");
    boolean required =
        Arrays.asList(System.getenv().getOrDefault("SEQUENCES_TEST_REQUIRED", "").split(","))
            .contains("postgres");
    if ((url == null || url.isBlank()) && required) {
      fail("SEQUENCES_TEST_REQUIRED lists postgres, but SEQUENCES_TEST_POSTGRES_URL is not set");
    }
    Assumptions.assumeTrue(url != null && !url.isBlank(), "set SEQUENCES_TEST_POSTGRES_URL");
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser(System.getenv("SEQUENCES_TEST_POSTGRES_USER"));
    dataSource.setPassword(System.getenv("SEQUENCES_TEST_POSTGRES_PASSWORD"));
    return dataSource;
  }

  /** On the PostgreSQL of {@code SEQUENCES_TEST_POSTGRES_URL}, as the contract suite finds it. */
  @Test
  void quickStartRunsOnPostgres() {
    PGSimpleDataSource dataSource = postgres();
    var dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    dsl.dropTableIfExists(QuickStart.INVOICE).execute();
    dsl.dropTableIfExists(DSL.name("sequences_sequence")).execute();
    dsl.dropTableIfExists(DSL.name("sequences_schema_history")).execute();
    assertEquals(
        QUICK_START_OUTPUT, stdoutOf(() -> QuickStart.run(dataSource, SQLDialect.POSTGRES)));
  }

  @Test
  void numberingAtCommitNumbersTheCommittedInvoicesOnly() {
    assertEquals(
        """
        invoice 102 failed: nothing was numbered
        invoice 101 has number 1
        invoice 103 has number 2
        """,
        stdoutOf(() -> NumberingAtCommit.main(new String[0])));
  }

  @Test
  void numberingAtCommitWorksInSpringTransactions() {
    assertEquals(
        "order 1 has number 1\n", stdoutOf(() -> NumberingAtCommitSpring.main(new String[0])));
  }

  @Test
  void theSpringBootApplicationIssuesAndGivesBack() {
    assertEquals(
        """
        invoice 1
        rolled back: a negative total; number 2 is given back
        invoice 2
        """,
        stdoutOf(() -> InvoicesApplication.main(new String[0])));
  }

  /**
   * Each example is shown whole, imports included, in the page that explains it: the line {@code
   * <!-- include: PATH -->}, then a Java block that is exactly the file.
   */
  @ParameterizedTest
  @CsvSource({
    "README.md, InvoiceNumbers",
    "docs/getting-started.md, QuickStart",
    "docs/numbering-at-commit.md, NumberingAtCommit",
    "docs/numbering-at-commit.md, NumberingAtCommitSpring",
    "docs/number-series.md, NumberSeriesExample",
    "docs/spring.md, boot/InvoicesApplication",
    "docs/reactive.md, ReactiveInvoices"
  })
  void theDocsShowTheExamplesAsTheyAre(String page, String example) throws IOException {
    String path = "sequences-examples/src/main/java/dev/sequences/examples/" + example + ".java";
    String source = Files.readString(Path.of("..", path));
    assertTrue(
        Files.readString(Path.of("..", page))
            .contains("<!-- include: " + path + " -->\n```java\n" + source + "```\n"),
        page + " must show " + example + ".java whole, after its include line");
  }

  @Test
  void theReadmesFirstJavaIsTheCompleteExampleAndShortAsPromised() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    String include =
        "<!-- include: sequences-examples/src/main/java/dev/sequences/examples/InvoiceNumbers.java"
            + " -->\n```java\n";
    assertEquals(readme.indexOf("```java"), readme.indexOf(include) + include.indexOf("```java"));
    assertTrue(
        Files.readAllLines(Path.of("src/main/java/dev/sequences/examples/InvoiceNumbers.java"))
                .size()
            <= 30,
        "the README's example is at most 30 lines");
    assertTrue(readme.lines().count() <= 200, "README.md is at most 200 lines");
  }

  @Test
  void invoiceNumbersGiveARolledBackNumberBack() {
    assertEquals(
        """
        issued 1
        rolled back: 2 is given back
        issued 2
        """,
        stdoutOf(() -> InvoiceNumbers.main(new String[0])));
  }

  @Test
  void theReadmeShowsTheCompleteExamplesOutput() throws IOException {
    assertTrue(
        Files.readString(Path.of("../README.md"))
            .contains("```text\nissued 1\nrolled back: 2 is given back\nissued 2\n```\n"));
  }

  @Test
  void aNumberSeriesIsIssuedVoidedVerifiedAndReported() throws IOException {
    String output = stdoutOf(() -> NumberSeriesExample.main(new String[0]));
    assertEquals(NUMBER_SERIES_OUTPUT, output);
    assertTrue(
        Files.readString(Path.of("../docs/number-series.md"))
            .contains("```text\n" + NUMBER_SERIES_OUTPUT + "```\n"),
        "docs/number-series.md shows the example's output");
  }

  /**
   * The two Spring Boot applications' pom.xml files, built by the modules of these names, are in
   * the Spring guide as they are: from {@code <project}, without the blocks marked as the project's
   * build only (what keeps them out of the deployment, the format check).
   */
  @ParameterizedTest
  @ValueSource(strings = {"sequences-examples-boot-bom", "sequences-examples-boot-parent"})
  void theReadmeShowsTheBootPomsAsTheyAre(String module) throws IOException {
    String pom = Files.readString(Path.of("../" + module + "/pom.xml"));
    String projectOnly =
        "(?s)\\n *<!-- The project's build only:[^\\n]*-->\\n.*?<!-- end of the project's build"
            + " only -->";
    assertTrue(pom.contains("<skipPublishing>true</skipPublishing>"), module + " is not deployed");
    String shown =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + pom.substring(pom.indexOf("<project")).replaceAll(projectOnly, "");
    assertFalse(shown.contains("skipPublishing"), module + ": the deployment block is marked");
    assertTrue(
        Files.readString(Path.of("../docs/spring.md")).contains("```xml\n" + shown + "```\n"),
        "docs/spring.md must show " + module + "/pom.xml as it is");
  }

  /** The reactive example (R2DBC) on the same PostgreSQL, with the quick start's output. */
  @Test
  void reactiveInvoicesRunOnPostgres() {
    PGSimpleDataSource dataSource = postgres();
    var dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    dsl.dropTableIfExists(ReactiveInvoices.INVOICE).execute();
    dev.sequences.schema.SequencesSchema.migrate(dataSource);
    dsl.deleteFrom(DSL.table(DSL.name("sequences_sequence")))
        .where(DSL.field(DSL.name("name")).eq("invoices"))
        .execute();
    java.net.URI uri = java.net.URI.create(dataSource.getURL().substring("jdbc:".length()));
    assertEquals(
        QUICK_START_OUTPUT,
        stdoutOf(
            () ->
                ReactiveInvoices.run(
                    uri.getHost(),
                    uri.getPort(),
                    uri.getPath().substring(1),
                    System.getenv("SEQUENCES_TEST_POSTGRES_USER"),
                    System.getenv("SEQUENCES_TEST_POSTGRES_PASSWORD"))));
  }

  @Test
  void theGettingStartedGuideShowsTheQuickStartsOutput() throws IOException {
    assertTrue(
        Files.readString(Path.of("../docs/getting-started.md"))
            .contains("```text\n" + QUICK_START_OUTPUT + "```\n"));
  }

  private static String stdoutOf(Runnable program) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      program.run();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
