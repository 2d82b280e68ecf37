package dev.sequences.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesPeriod;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The commands that audit: audit of a table (gaps, duplicates, a million rows in small memory,
 * progress) and series verify and void. A topic of {@link CliContractTest}.
 */
interface CliAuditTopic extends CliTopic {

  // ---- audit ------------------------------------------------------------------------------------

  @Test
  default void auditFindsGapsAndDuplicatesAsRanges() {
    dsl().execute(insertOneTo(20));
    dsl().execute("delete from " + AUDITED + " where number in (5, 6, 7, 12)");
    dsl().execute("insert into " + AUDITED + " values (9), (10), (10), (15), (null)");
    cli("set", "cli-audit", "22");
    CliRun run =
        cli("audit", "--table", AUDITED, "--column", "number", "--sequence", "cli-audit", "--json");
    assertEquals(1, run.code(), run.err());
    assertEquals(
        "{\"table\":\"sequences_it_audit\",\"column\":\"number\",\"start\":1,\"rows\":21,"
            + "\"lowest\":1,\"highest\":20,\"missingNumbers\":4,\"gapRanges\":2,"
            + "\"gaps\":[{\"from\":5,\"to\":7},{\"from\":12,\"to\":12}],"
            + "\"extraRows\":4,\"duplicateRanges\":2,"
            + "\"duplicates\":[{\"from\":9,\"to\":10,\"extraRows\":3},{\"from\":15,\"to\":15,\"extraRows\":1}],"
            + "\"belowStart\":0,\"nullRows\":1,"
            + "\"sequence\":{\"name\":\"cli-audit\",\"lastValue\":22},\"ok\":false}\n",
        run.out());
    assertEquals(
        new CliRun(
            1,
            "kind,from,to,extra_rows\ngap,5,7,0\ngap,12,12,0\nduplicate,9,10,3\nduplicate,15,15,1\n",
            ""),
        cli("audit", "--table", AUDITED, "--column", "number", "--format", "csv"));
    CliRun text = cli("audit", "--table", AUDITED, "--column", "number", "--sequence", "cli-audit");
    assertEquals(
        new CliRun(
            1,
            """
            audited sequences_it_audit.number: 21 row(s), numbers 1..20
            gaps: 2 range(s), 4 number(s) missing
              5..7
              12
            duplicates: 2 range(s), 4 extra row(s)
              9..10 (3 extra row(s))
              15 (1 extra row(s))
            without a number: 1 row(s)
            sequence 'cli-audit': last value 22 is above the highest number 20: numbers 21..22 were issued but are not in the table
            PROBLEMS FOUND
            """,
            ""),
        text);
  }

  @Test
  default void auditOfACleanTableMatchingItsCounterSucceeds() {
    dsl().execute(insertOneTo(50));
    cli("set", "cli-clean", "50");
    CliRun run = cli("audit", "--table", AUDITED, "--column", "NUMBER", "--sequence", "cli-clean");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(
        run.out()
            .endsWith(
                "sequence 'cli-clean': last value 50 = the highest number\nOK: no gap, no duplicate\n"),
        run.out());
    CliRun where =
        cli(
            "audit",
            "--table",
            AUDITED,
            "--column",
            "number",
            "--where",
            "number > 10",
            "--start",
            "11");
    assertEquals(0, where.code(), where.out() + where.err());
    assertTrue(
        where.out().startsWith("audited sequences_it_audit.number: 40 row(s), numbers 11..50\n"),
        where.out());
  }

  @Test
  default void auditRefusesWhatIsNotAnIdentifier() {
    for (String table : List.of("invoice; drop table x", "\"quoted\"", "1abc", "a.b.", "a b")) {
      CliRun run = cli("audit", "--table", table, "--column", "number");
      assertEquals(2, run.code(), table);
      assertEquals(
          "error: --table '"
              + table
              + "' is not an identifier: use letters, digits and"
              + " underscores, not starting with a digit, optionally qualified as schema.table\n",
          run.err());
    }
  }

  @Test
  default void auditOfAMillionRowsFindsThePlantedFaultsInSmallMemory() throws Exception {
    Assumptions.assumeTrue(
        !db().server().inMemory(), "an in-memory database cannot be audited by another JVM");
    dsl().execute(insertOneTo(1_000_000));
    dsl().execute("delete from " + AUDITED + " where number = 500000");
    dsl().execute("insert into " + AUDITED + " values (700000)");
    cli("set", "cli-million", "1000000");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx48m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.sequences.cli.SequencesCli"));
    command.addAll(connectionArguments());
    command.addAll(
        List.of(
            "audit",
            "--table",
            AUDITED,
            "--column",
            "number",
            "--sequence",
            "cli-million",
            "--json"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SEQUENCES_PASSWORD", server().password());
    builder.redirectErrorStream(false);
    long started = System.nanoTime();
    Process process = builder.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errReader = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), err));
    process.getInputStream().transferTo(out);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the audit did not finish");
    errReader.join();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String json = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, process.exitValue(), json + err.toString(StandardCharsets.UTF_8));
    assertEquals(
        "{\"table\":\"sequences_it_audit\",\"column\":\"number\",\"start\":1,\"rows\":1000000,"
            + "\"lowest\":1,\"highest\":1000000,\"missingNumbers\":1,\"gapRanges\":1,"
            + "\"gaps\":[{\"from\":500000,\"to\":500000}],\"extraRows\":1,\"duplicateRanges\":1,"
            + "\"duplicates\":[{\"from\":700000,\"to\":700000,\"extraRows\":1}],"
            + "\"belowStart\":0,\"nullRows\":0,"
            + "\"sequence\":{\"name\":\"cli-million\",\"lastValue\":1000000},\"ok\":false}\n",
        json);
    System.out.printf("audit %s: 1000000 rows in %d ms with -Xmx48m%n", db(), millis);
  }

  @Test
  default void progressReportsEveryPhaseOfAnAuditWhenAskedAndOnlyThen() {
    dsl().execute(insertOneTo(300));
    List<String> audit = List.of("audit", "--table", AUDITED, "--column", "number");
    CliRun quiet = cli(audit.toArray(String[]::new));
    assertEquals(0, quiet.code(), quiet.err());
    assertEquals("", quiet.err());
    assertEquals(quiet, cli(concat(audit, List.of("--no-progress"))));
    CliRun shown = cli(concat(audit, List.of("--progress")));
    assertEquals(quiet.out(), shown.out());
    String[] frames = shown.err().split("\r");
    assertTrue(frames[1].startsWith("counting the rows of "), shown.err());
    assertTrue(frames[2].startsWith("the database sorts 300 rows by "), shown.err());
    // The bar (me.tongfei:progressbar), drawn by its own thread: the count, the time spent and
    // left, the rate ("?" before the first second).
    String bar =
        "rows read +\\d+% \\[[= ]+\\] +\\d+/300 \\(0:00:\\d\\d / (\\?|0:00:\\d\\d)\\) \\S+/s";
    assertTrue(frames[3].strip().matches(bar), frames[3]);
    String last = frames[frames.length - 1].strip();
    assertTrue(
        last.matches("rows read 100% \\[=+\\] 300/300 \\(0:00:\\d\\d / 0:00:00\\) \\S+/s"), last);
    assertTrue(shown.err().endsWith("\n"), shown.err());
  }

  /** {@code sequences series} as an auditor runs it. */
  // ---- series -----------------------------------------------------------------------------------

  @Test
  default void seriesVerifyReportsAndVoidRecords() {
    NumberSeries invoices =
        NumberSeries.named("cli-invoices")
            .formatted("INV-{yyyy}-{n:4}")
            .resettingEvery(SeriesPeriod.YEAR)
            .chained();
    LocalDate date = LocalDate.of(2026, 3, 14);
    for (int i = 0; i < 3; i++) {
      dsl().transactionResult(cfg -> invoices.issue(cfg.dsl(), "acme", date));
    }
    List<String> counter = List.of("--scope", "acme", "--period", "2026");
    CliRun clean = cli(concat(List.of("series", "verify", "cli-invoices"), counter));
    assertEquals(0, clean.code(), clean.err());
    assertTrue(
        clean.out().endsWith("chain:          intact, 3 records\nOK: no finding\n"), clean.out());

    assertEquals(
        new CliRun(
            0,
            "voided INV-2026-0002 (number 2 of series 'cli-invoices', scope 'acme', period '2026',"
                + " dated 2026-03-14): customer cancelled\n",
            ""),
        cli(
            concat(
                List.of("series", "void", "cli-invoices", "--number", "2"),
                concat(counter, List.of("--reason", "customer cancelled")))));
    CliRun again =
        cli(
            concat(
                List.of("series", "void", "cli-invoices", "--number", "2", "--reason", "again"),
                counter));
    assertEquals(1, again.code());
    assertTrue(again.err().contains("is already voided"), again.err());
    CliRun never =
        cli(
            concat(
                List.of("series", "void", "cli-invoices", "--number", "9", "--reason", "x"),
                counter));
    assertEquals(1, never.code());
    assertEquals(
        "error: number 9 of series 'cli-invoices', scope 'acme', period '2026' was never issued:"
            + " the ledger has no record of it; nothing was changed\n",
        never.err());
    CliRun blank =
        cli(
            concat(
                List.of("series", "void", "cli-invoices", "--number", "1", "--reason", " "),
                counter));
    assertEquals(2, blank.code(), blank.err());
    CliRun voided = cli(concat(List.of("series", "verify", "cli-invoices"), counter));
    assertEquals(0, voided.code(), voided.err());
    assertTrue(voided.out().contains("voided:         2 INV-2026-0002, 20"), voided.out());
    assertTrue(voided.out().contains(": customer cancelled\n"), voided.out());

    // The newest record deleted by hand: a finding, exit 1.
    dsl()
        .deleteFrom(DSL.table(DSL.name("sequences_sequence_issued")))
        .where(DSL.field(DSL.name("entry")).eq(4))
        .execute();
    dsl()
        .deleteFrom(DSL.table(DSL.name("sequences_sequence_issued")))
        .where(DSL.field(DSL.name("entry")).eq(3))
        .execute();
    CliRun tampered = cli(concat(List.of("series", "verify", "cli-invoices"), counter));
    assertEquals(1, tampered.code(), tampered.out());
    assertTrue(
        tampered
            .out()
            .endsWith(
                "FINDINGS: 2\n  the void counter is at 1, beyond the ledger's 0 void records: 1"
                    + " void has no record (the newest records deleted?)\n  the counter is at 3,"
                    + " beyond the ledger's highest number 2: numbers 3 have no record (the newest"
                    + " records deleted?)\n"),
        tampered.out());
    assertEquals(2, cli("series", "verify", "cli-invoices", "--period", "26").code());
    assertEquals(2, cli("series").code(), "a subcommand is needed");
  }
}
