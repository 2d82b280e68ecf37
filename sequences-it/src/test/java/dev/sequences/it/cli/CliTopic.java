package dev.sequences.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.cli.Terminals;
import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * What the topics of {@link CliContractTest} share: the audited table, the fixture they run on
 * (implemented by {@link CliContractTest}) and the helpers that run the CLI. A topic is an
 * interface of default test methods: the contract implements them all, so they run in one class,
 * set up once per database.
 */
interface CliTopic {

  String AUDITED = "sequences_it_audit";

  /** How long a command must stay blocked for the test to decide it is waiting. */
  long BLOCKED_MILLIS = 700;

  /** The database under test. */
  DatabaseDescription db();

  /** A context on the database under test, out of any transaction. */
  DSLContext dsl();

  /** Where the database under test runs, as the CLI reaches it. */
  TestDatabase.Server server();

  /** The statement that inserts the numbers 1..n into {@value #AUDITED}. */
  String insertOneTo(long n);

  default CliRun cli(String... args) {
    return cliWithInput("", args);
  }

  default CliRun cliWithInput(String input, String... args) {
    return CliRun.against(server(), db().dialect(), new StringReader(input), args);
  }

  default CliRun runCli(List<String> args, String input, Map<String, String> env) {
    return CliRun.of(args, new StringReader(input), env, Terminals.none());
  }

  default CliRun runCli(
      List<String> args, String input, Map<String, String> env, Terminals.Fake terminal) {
    return CliRun.of(args, new StringReader(input), env, terminal);
  }

  default CliRun cli(List<String> args) {
    return cli(args.toArray(String[]::new));
  }

  default List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  default List<String> connectionArguments() {
    return CliRun.connectionArguments(server(), db().dialect());
  }

  default void copy(java.io.InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Connects to a database of this server that does not exist, as the test's user, and checks the
   * exit code 3, that standard error starts with {@code expected} and names the database's URL.
   */
  default void assertMissingDatabaseSaysSo(String expected) {
    String missing = server().url().replaceFirst("/[^/?]+(\\?|$)", "/no_such_database$1");
    CliRun run =
        runCli(
            List.of("--url", missing, "--user", server().user(), "list"),
            "",
            Map.of("SEQUENCES_PASSWORD", server().password()));
    assertEquals(3, run.code(), run.err());
    assertTrue(
        run.err().startsWith("error: " + expected) && run.err().contains(" at " + missing + ": "),
        run.err());
  }
}
