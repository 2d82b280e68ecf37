package dev.sequences.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.cli.Terminals;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesPeriod;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every command of {@code sequences}, against one database per subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CliContractTest {

  private static final String AUDITED = "sequences_it_audit";

  /** How long a command must stay blocked for the test to decide it is waiting. */
  private static final long BLOCKED_MILLIS = 700;

  private DSLContext dsl;
  private TestDatabase.Server server;

  /** The database under test. */
  private final DatabaseDescription db;

  CliContractTest(DatabaseDescription db) {
    this.db = db;
  }

  /** Inserts the numbers 1..n into {@value #AUDITED}, in one statement. */
  private String insertOneTo(long n) {
    return "insert into " + AUDITED + " " + db.numbers(n);
  }

  @BeforeAll
  void connect() {
    server = db.server().server();
    SequencesSchema.migrate(db.server().dataSource());
    dsl = DSL.using(db.server().dataSource(), db.dialect());
    dsl.execute("drop table if exists " + AUDITED);
    dsl.execute("create table " + AUDITED + " (number bigint)");
  }

  @BeforeEach
  void emptyTables() {
    dsl.execute("delete from " + AUDITED);
    dsl.deleteFrom(DSL.table(DSL.name("sequences_sequence"))).execute();
    dsl.deleteFrom(DSL.table(DSL.name("sequences_sequence_issued"))).execute();
  }

  // ---- migrate, next, last, list ----------------------------------------------------------------

  @Test
  void migrateIsIdempotent() {
    CliRun run = cli("migrate");
    assertEquals(0, run.code(), run.err());
    assertEquals("sequences_sequence is up to date\n", run.out());
  }

  @Test
  void nextIssuesValuesInItsOwnTransaction() {
    assertEquals(new CliRun(0, "1\n", ""), cli("next", "cli-invoices"));
    assertEquals(new CliRun(0, "2\n3\n4\n", ""), cli("next", "cli-invoices", "--count", "3"));
    assertEquals(new CliRun(0, "100\n", ""), cli("next", "cli-credits", "--start", "100"));
    assertEquals(OptionalLong.of(4), GaplessSequence.named("cli-invoices").lastValue(dsl));
    CliRun bad = cli("next", "cli-invoices", "--count", "0");
    assertEquals(2, bad.code());
    assertEquals("error: --count must be at least 1, not 0\n", bad.err());
  }

  @Test
  void lastPrintsTheLastValueOrFails() {
    cli("next", "cli-last", "--count", "5");
    assertEquals(new CliRun(0, "5\n", ""), cli("last", "cli-last"));
    assertEquals(
        new CliRun(1, "", "sequence 'missing' has never been used\n"), cli("last", "missing"));
    CliRun tooLong = cli("last", "x".repeat(101));
    assertEquals(2, tooLong.code());
    assertTrue(tooLong.err().startsWith("error: sequence name 'xxxx"), tooLong.err());
  }

  @Test
  void listIsSortedAlignedAndFilterable() {
    cli("next", "invoices-2026", "--count", "1042");
    cli("next", "credit-notes");
    cli("next", "invoices-2025", "--count", "7");
    assertEquals(
        new CliRun(
            0,
            """
            SEQUENCE       LAST VALUE
            credit-notes            1
            invoices-2025           7
            invoices-2026        1042
            3 sequence(s)
            """,
            ""),
        cli("list"));
    assertEquals(
        new CliRun(
            0,
            "[{\"name\":\"invoices-2025\",\"last\":7},{\"name\":\"invoices-2026\",\"last\":1042}]\n",
            ""),
        cli("list", "--prefix", "invoices", "--json"));
    assertEquals(new CliRun(0, "[]\n", ""), cli("list", "--prefix", "invoices_", "--json"));
  }

  // ---- set, delete ------------------------------------------------------------------------------

  @Test
  void setRefusesToMoveBackwardsWithoutForce() {
    cli("next", "cli-set", "--count", "10");
    assertEquals(
        new CliRun(0, "sequence 'cli-set': last value 10 -> 20\n", ""),
        cli("set", "cli-set", "20"));
    CliRun refused = cli("set", "cli-set", "15");
    assertEquals(1, refused.code());
    assertEquals(
        "error: refusing to move sequence 'cli-set' back from 20 to 15: numbers 16..20 would be"
            + " issued again (duplicates). Add --force if they were never used\n",
        refused.err());
    assertEquals(OptionalLong.of(20), GaplessSequence.named("cli-set").lastValue(dsl));
    assertEquals(
        new CliRun(0, "sequence 'cli-set': last value 20 -> 15\n", ""),
        cli("set", "cli-set", "15", "--force"));
    assertEquals(new CliRun(0, "16\n", ""), cli("next", "cli-set"));
    assertEquals(
        new CliRun(0, "sequence 'cli-new' created with last value 41\n", ""),
        cli("set", "cli-new", "41"));
    assertEquals(new CliRun(0, "42\n", ""), cli("next", "cli-new"));
  }

  /** Set reads the counter after the holder commits: else it would move it back unseen. */
  @Test
  void setWaitsForATransactionThatHoldsTheSequence() throws Exception {
    cli("next", "cli-race", "--count", "10");
    GaplessSequence race = GaplessSequence.named("cli-race");
    HeldTransaction holder = HeldTransaction.start(dsl, race::nextValue);
    Future<CliRun> set;
    try {
      assertEquals(11, holder.value());
      set = Threads.POOL.submit(() -> cli("set", "cli-race", "10"));
      assertThrows(
          TimeoutException.class,
          () -> set.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS),
          "set did not wait for the transaction that holds the sequence");
    } finally {
      holder.commit();
    }
    assertEquals(
        new CliRun(
            1,
            "",
            "error: refusing to move sequence 'cli-race' back from 11 to 10: numbers 11..11 would"
                + " be issued again (duplicates). Add --force if they were never used\n"),
        set.get(60, TimeUnit.SECONDS));
    assertEquals(OptionalLong.of(11), race.lastValue(dsl));
  }

  @Test
  void deleteAsksUnlessYes() {
    cli("next", "cli-delete", "--count", "3");
    String question =
        "Delete sequence 'cli-delete' (last value 3)? Its next use starts again at its initial"
            + " value. Type yes to delete: ";
    assertEquals(
        new CliRun(1, question + "not deleted\n", ""),
        cliWithInput("no\n", "delete", "cli-delete"));
    assertEquals(
        new CliRun(1, question + "not deleted\n", ""), cliWithInput("", "delete", "cli-delete"));
    assertEquals(OptionalLong.of(3), GaplessSequence.named("cli-delete").lastValue(dsl));
    assertEquals(
        new CliRun(0, question + "sequence 'cli-delete' deleted (its last value was 3)\n", ""),
        cliWithInput("yes\n", "delete", "cli-delete"));
    assertEquals(OptionalLong.empty(), GaplessSequence.named("cli-delete").lastValue(dsl));
    cli("next", "cli-delete");
    assertEquals(
        new CliRun(0, "sequence 'cli-delete' deleted (its last value was 1)\n", ""),
        cli("delete", "cli-delete", "--yes"));
    assertEquals(
        new CliRun(1, "", "sequence 'cli-delete' does not exist\n"),
        cli("delete", "cli-delete", "--yes"));
  }

  // ---- audit ------------------------------------------------------------------------------------

  @Test
  void auditFindsGapsAndDuplicatesAsRanges() {
    dsl.execute(insertOneTo(20));
    dsl.execute("delete from " + AUDITED + " where number in (5, 6, 7, 12)");
    dsl.execute("insert into " + AUDITED + " values (9), (10), (10), (15), (null)");
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
  void auditOfACleanTableMatchingItsCounterSucceeds() {
    dsl.execute(insertOneTo(50));
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
  void auditRefusesWhatIsNotAnIdentifier() {
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
  void auditOfAMillionRowsFindsThePlantedFaultsInSmallMemory() throws Exception {
    Assumptions.assumeTrue(
        !db.server().inMemory(), "an in-memory database cannot be audited by another JVM");
    dsl.execute(insertOneTo(1_000_000));
    dsl.execute("delete from " + AUDITED + " where number = 500000");
    dsl.execute("insert into " + AUDITED + " values (700000)");
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
    builder.environment().put("SEQUENCES_PASSWORD", server.password());
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
    System.out.printf("audit %s: 1000000 rows in %d ms with -Xmx48m%n", db, millis);
  }

  // ---- demo, connections, errors ----------------------------------------------------------------

  @Test
  void demoRunsOnThisDatabaseWithoutGapsOrDuplicates() {
    CliRun run = cli("demo", "--threads", "3", "--transactions", "20", "--sequence", "cli-demo");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("transactions:      60\n"), run.out());
    assertTrue(run.out().contains("gaps found:        0\n"), run.out());
    assertTrue(run.out().contains("duplicates found:  0\n"), run.out());
    assertTrue(run.out().endsWith("OK: no gap, no duplicate\n"), run.out());
  }

  @Test
  void unreachableDatabaseExitsWithThreeInOneLineAndNeverShowsThePassword() {
    Map<String, String> urls =
        Map.of(
            "jdbc:postgresql://127.0.0.1:9/nowhere?user=x&password=in-url-secret",
            "jdbc:postgresql://127.0.0.1:9/nowhere?user=x&password=****",
            "jdbc:mysql://x:in-url-secret@127.0.0.1:9/nowhere",
            "jdbc:mysql://x:****@127.0.0.1:9/nowhere");
    urls.forEach(
        (url, printed) -> {
          CliRun run =
              runCli(
                  List.of("--url", url, "--user", "x", "list"),
                  "",
                  Map.of("SEQUENCES_PASSWORD", "s3cr3t-value"));
          assertEquals(3, run.code(), run.err());
          assertTrue(run.err().startsWith("error: cannot connect to " + printed + ": "), run.err());
          assertEquals(1, run.err().lines().count(), run.err());
          assertFalse((run.out() + run.err()).contains("s3cr3t-value"));
          assertFalse((run.out() + run.err()).contains("in-url-secret"));
        });
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, cli("frobnicate").code());
    assertEquals(2, cli("set", "only-a-name").code());
    assertEquals(2, cli("audit", "--table", AUDITED).code());
    assertEquals(2, cli("next", "x", "--wait", "soon").code());
    assertEquals(2, cli("next", "x", "--wait", "1s", "--nowait").code());
  }

  // ---- conventions: help, password, --url, exit codes, version, progress -----------------------

  private static final List<String> COMMANDS =
      List.of(
          "demo",
          "migrate",
          "list",
          "last",
          "next",
          "set",
          "delete",
          "audit",
          "series",
          "series list",
          "series verify",
          "series void");

  @Test
  void everySubcommandHasHelp() {
    for (String command : COMMANDS) {
      List<String> words = List.of(command.split(" "));
      CliRun help = runCli(concat(words, List.of("--help")), "", Map.of());
      assertEquals(0, help.code(), command + ": " + help.err());
      assertTrue(help.out().startsWith("Usage: sequences " + command + " "), help.out());
      assertTrue(help.out().contains("Exit codes:"), help.out());
      assertTrue(help.out().contains("4   database error"), help.out());
      if (words.size() == 1) {
        assertEquals(help, runCli(List.of("help", command), "", Map.of()), command);
      } else {
        assertEquals(help, runCli(List.of(words.get(0), "help", words.get(1)), "", Map.of()));
      }
    }
  }

  @Test
  void aCompletionScriptIsGenerated() {
    CliRun run = runCli(List.of("generate-completion"), "", Map.of());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("complete -F _complete_sequences"), run.out());
    assertTrue(run.out().contains("audit"), run.out());
  }

  @Test
  void theVersionComesFromTheBuild() {
    CliRun run = runCli(List.of("--version"), "", Map.of());
    assertEquals(0, run.code());
    assertTrue(run.out().matches("sequences \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), run.out());
  }

  // ---- series -----------------------------------------------------------------------------------

  @Test
  void seriesVerifyReportsAndVoidRecords() {
    NumberSeries invoices =
        NumberSeries.named("cli-invoices")
            .formatted("INV-{yyyy}-{n:4}")
            .resettingEvery(SeriesPeriod.YEAR)
            .chained();
    LocalDate date = LocalDate.of(2026, 3, 14);
    for (int i = 0; i < 3; i++) {
      dsl.transactionResult(cfg -> invoices.issue(cfg.dsl(), "acme", date));
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
    dsl.deleteFrom(DSL.table(DSL.name("sequences_sequence_issued")))
        .where(DSL.field(DSL.name("entry")).eq(4))
        .execute();
    dsl.deleteFrom(DSL.table(DSL.name("sequences_sequence_issued")))
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

  @Test
  void everyCommandButDemoNeedsUrl() {
    for (List<String> args :
        List.of(List.of("list"), List.of("migrate"), List.of("next", "x"), List.of("last", "x"))) {
      CliRun run = runCli(args, "", Map.of());
      assertEquals(
          new CliRun(
              2,
              "",
              "error: --url is required: the JDBC URL of the database (only demo has a default, an"
                  + " H2 file)\n"),
          run,
          args.toString());
    }
  }

  @Test
  void passwordIsAskedOnTheTerminalOnlyAndNeverPrinted() {
    List<String> args = new ArrayList<>(connectionArguments());
    args.addAll(List.of("--password", "list", "--json"));
    CliRun noTerminal = runCli(args, "", Map.of(), Terminals.none());
    assertEquals(
        new CliRun(
            2,
            "",
            "error: --password asks on the terminal, and there is none: set $SEQUENCES_PASSWORD"
                + " instead\n"),
        noTerminal);
    List<String> prompts = new ArrayList<>();
    CliRun asked = runCli(args, "", Map.of(), Terminals.answering(server.password(), prompts));
    assertEquals(0, asked.code(), asked.err());
    assertEquals("[]\n", asked.out());
    assertEquals("", asked.err());
    assertEquals(
        List.of("Password" + (server.user().isEmpty() ? "" : " for " + server.user()) + ": "),
        prompts);
  }

  @Test
  void nextWaitsAsToldForAHeldSequence() throws Exception {
    Assumptions.assumeTrue(db.boundsLockWaits(), "this database cannot bound a lock wait");
    cli("next", "cli-held");
    GaplessSequence held = GaplessSequence.named("cli-held");
    HeldTransaction holder = HeldTransaction.start(dsl, held::nextValue);
    Future<CliRun> waiting;
    try {
      CliRun nowait = cli("next", "cli-held", "--nowait");
      assertEquals(1, nowait.code(), nowait.err());
      assertTrue(
          nowait.err().startsWith("error: sequence 'cli-held' is held by another transaction"),
          nowait.err());
      CliRun timedOut = cli("next", "cli-held", "--wait", "1s");
      assertEquals(1, timedOut.code(), timedOut.err());
      waiting = Threads.POOL.submit(() -> cli("next", "cli-held", "--wait", "PT60S"));
      assertThrows(
          TimeoutException.class, () -> waiting.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS));
    } finally {
      holder.commit();
    }
    assertEquals(new CliRun(0, "3\n", ""), waiting.get(60, TimeUnit.SECONDS));
  }

  @Test
  void boundedWaitsAreUsageErrorsWhereTheDatabaseCannotBoundThem() {
    Assumptions.assumeFalse(db.boundsLockWaits(), "this database bounds lock waits");
    CliRun run = cli("next", "cli-unbounded", "--nowait");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("Use LockWait.WAIT on"), run.err());
  }

  @Test
  void aCustomCounterTableIsReachedWithTheCounterOptions() {
    List<String> table = List.of("--counter-table", "cli_counters");
    for (List<String> command : List.of(List.of("list"), List.of("next", "cli-custom"))) {
      assertEquals(
          new CliRun(
              4,
              "",
              "error: table "
                  + dsl.render(DSL.name("cli_counters"))
                  + " is missing: run sequences migrate with the same --url and counter options\n"),
          cli(concat(command, table)),
          command.toString());
    }
    CliRun migrated = cli(concat(List.of("migrate"), table));
    assertEquals(
        new CliRun(
            0, "applied " + db.migrations() + " migration(s): cli_counters is up to date\n", ""),
        migrated);
    assertEquals(
        new CliRun(0, "1\n2\n", ""),
        cli(concat(List.of("next", "cli-custom", "--count", "2"), table)));
    assertEquals(
        new CliRun(0, "[{\"name\":\"cli-custom\",\"last\":2}]\n", ""),
        cli(concat(List.of("list", "--json"), table)));
    assertEquals(new CliRun(0, "[]\n", ""), cli("list", "--json"));
    dsl.dropTable(DSL.name("cli_counters")).execute();
    dsl.dropTable(DSL.name(SequencesSchema.ledgerTable("cli_counters"))).execute();
    dsl.dropTable(DSL.name(SequencesSchema.historyTable("cli_counters"))).execute();
  }

  @Test
  void progressReportsEveryPhaseOfAnAuditWhenAskedAndOnlyThen() {
    dsl.execute(insertOneTo(300));
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
    assertTrue(frames[3].startsWith("1 / 300 rows read (0%)"), shown.err());
    assertTrue(frames[frames.length - 1].startsWith("300 / 300 rows read (100%)"), shown.err());
    assertTrue(shown.err().endsWith("\n"), shown.err());
  }

  /** {@code sequences series} as an auditor runs it. */
  @Nested
  class SeriesAudit extends SeriesCliContract {
    SeriesAudit() {
      super(CliContractTest.this.db);
    }
  }

  /** Set and delete while the application issues numbers. */
  @Nested
  class Races extends CliRacesContract {
    Races() {
      super(CliContractTest.this.db);
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private CliRun cli(String... args) {
    return cliWithInput("", args);
  }

  private CliRun cliWithInput(String input, String... args) {
    return CliRun.against(server, db.dialect(), new StringReader(input), args);
  }

  private static CliRun runCli(List<String> args, String input, Map<String, String> env) {
    return CliRun.of(args, new StringReader(input), env, Terminals.none());
  }

  private static CliRun runCli(
      List<String> args, String input, Map<String, String> env, Terminals.Fake terminal) {
    return CliRun.of(args, new StringReader(input), env, terminal);
  }

  private CliRun cli(List<String> args) {
    return cli(args.toArray(String[]::new));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private List<String> connectionArguments() {
    return CliRun.connectionArguments(server, db.dialect());
  }

  private static void copy(java.io.InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
