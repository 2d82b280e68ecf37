package dev.sequences.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.cli.Terminals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conventions every command keeps: demo, connection errors, usage errors, help, completion,
 * version, --url, the password. A topic of {@link CliContractTest}.
 */
interface CliConventionsTopic extends CliTopic {

  // ---- demo, connections, errors ----------------------------------------------------------------

  @Test
  default void demoRunsOnThisDatabaseWithoutGapsOrDuplicates() {
    CliRun run = cli("demo", "--threads", "3", "--transactions", "20", "--sequence", "cli-demo");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("transactions:      60\n"), run.out());
    assertTrue(run.out().contains("gaps found:        0\n"), run.out());
    assertTrue(run.out().contains("duplicates found:  0\n"), run.out());
    assertTrue(run.out().endsWith("OK: no gap, no duplicate\n"), run.out());
  }

  @Test
  default void unreachableDatabaseExitsWithThreeInOneLineAndNeverShowsThePassword() {
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

  /**
   * Connection settings as Flyway takes them: options, then $SEQUENCES_URL/_USER/_PASSWORD, then
   * the config file (--config, or ./sequences.conf); the file's password is never printed.
   */
  @Test
  default void connectionSettingsComeFromOptionsThenTheEnvironmentThenTheFile() throws Exception {
    Path folder = Files.createTempDirectory("sequences-cli-config");
    String unreachable = "jdbc:postgresql://127.0.0.1:9/nowhere";
    Files.writeString(
        folder.resolve("sequences.conf"),
        "url="
            + server().url()
            + "\nuser="
            + server().user()
            + "\npassword="
            + server().password());
    Files.writeString(
        folder.resolve("elsewhere.conf"), "url=" + unreachable + "\npassword=file-s3cr3t\n");
    List<String> dialect = List.of("--dialect", db().dialect().name());
    // The default file, alone.
    CliRun fromFile = CliRun.in(folder, concat(dialect, List.of("list")), Map.of());
    assertEquals(0, fromFile.code(), fromFile.err());
    // The environment wins over the file.
    CliRun fromEnvironment =
        CliRun.in(folder, concat(dialect, List.of("list")), Map.of("SEQUENCES_URL", unreachable));
    assertEquals(3, fromEnvironment.code(), fromEnvironment.err());
    assertTrue(fromEnvironment.err().startsWith("error: cannot connect to " + unreachable));
    // The option wins over both.
    CliRun fromOption =
        CliRun.in(
            folder,
            concat(dialect, List.of("--url", server().url(), "list")),
            Map.of("SEQUENCES_URL", unreachable));
    assertEquals(0, fromOption.code(), fromOption.err());
    // --config names another file; its password is never printed.
    CliRun other =
        CliRun.in(folder, concat(dialect, List.of("--config", "elsewhere.conf", "list")), Map.of());
    assertEquals(3, other.code(), other.err());
    assertFalse((other.out() + other.err()).contains("file-s3cr3t"), other.err());
    // A typo in a key, a missing file, no URL anywhere: usage errors.
    Files.writeString(folder.resolve("typo.conf"), "ulr=" + server().url() + "\n");
    CliRun typo = CliRun.in(folder, List.of("--config", "typo.conf", "list"), Map.of());
    assertEquals(2, typo.code(), typo.err());
    assertTrue(
        typo.err().contains("unknown key ulr; the keys are url, user, password"), typo.err());
    CliRun missing = CliRun.in(folder, List.of("--config", "none.conf", "list"), Map.of());
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("none.conf: no such file"), missing.err());
    Files.delete(folder.resolve("sequences.conf"));
    CliRun nothing = CliRun.in(folder, List.of("list"), Map.of());
    assertEquals(2, nothing.code(), nothing.err());
    assertTrue(
        nothing
            .err()
            .startsWith("error: no database: give --url, set $SEQUENCES_URL or write url="),
        nothing.err());
  }

  /** A subcommand's help: its own options, then the shared ones under a heading, then examples. */
  @Test
  default void aSubcommandsHelpShowsItsOwnOptionsFirstAndExamples() {
    String help = runCli(List.of("next", "--help"), "", Map.of()).out();
    int own = help.indexOf("--count=<count>       how many values");
    int shared = help.indexOf("Shared by every command:");
    int url = help.indexOf("--url=<url>           JDBC URL");
    assertTrue(own > 0 && shared > own && url > shared, help);
    assertTrue(help.contains("Examples:\n  sequences next invoices --url "), help);
  }

  /** A typo answers in two lines, with what was meant. */
  @Test
  default void aMistypedCommandOrOptionIsAnsweredInTwoLinesWithWhatWasMeant() {
    CliRun command = runCli(List.of("lis"), "", Map.of());
    assertEquals(
        new CliRun(
            2,
            "",
            "error: Unmatched argument at index 0: 'lis'\n"
                + "did you mean 'list'? (see 'sequences --help')\n"),
        command);
    CliRun option = cli("list", "--prefx", "a");
    assertEquals(2, option.code());
    assertEquals(2, option.err().lines().count(), option.err());
    assertTrue(option.err().startsWith("error: Unknown options: '--prefx', 'a'"), option.err());
    assertTrue(option.err().contains("did you mean '--prefix'?"), option.err());
  }

  @Test
  default void usageErrorsExitWithTwo() {
    assertEquals(2, cli("frobnicate").code());
    assertEquals(2, cli("set", "only-a-name").code());
    assertEquals(2, cli("audit", "--table", AUDITED).code());
    assertEquals(2, cli("next", "x", "--wait", "soon").code());
    assertEquals(2, cli("next", "x", "--wait", "1s", "--nowait").code());
  }

  // ---- conventions: help, password, --url, exit codes, version, progress -----------------------

  List<String> COMMANDS =
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
  default void everySubcommandHasHelp() {
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
  default void aCompletionScriptIsGenerated() {
    CliRun run = runCli(List.of("generate-completion"), "", Map.of());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("complete -F _complete_sequences"), run.out());
    assertTrue(run.out().contains("audit"), run.out());
  }

  @Test
  default void theVersionComesFromTheBuild() {
    CliRun run = runCli(List.of("--version"), "", Map.of());
    assertEquals(0, run.code());
    assertTrue(run.out().matches("sequences \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), run.out());
  }

  @Test
  default void everyCommandButDemoNeedsUrl() {
    for (List<String> args :
        List.of(List.of("list"), List.of("migrate"), List.of("next", "x"), List.of("last", "x"))) {
      CliRun run = runCli(args, "", Map.of());
      assertEquals(
          new CliRun(
              2,
              "",
              "error: no database: give --url, set $SEQUENCES_URL or write url=... in"
                  + " ./sequences.conf (or --config FILE) (only demo has a default, an H2 file)\n"),
          run,
          args.toString());
    }
  }

  @Test
  default void passwordIsAskedOnTheTerminalOnlyAndNeverPrinted() {
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
    CliRun asked = runCli(args, "", Map.of(), Terminals.answering(server().password(), prompts));
    assertEquals(0, asked.code(), asked.err());
    assertEquals("[]\n", asked.out());
    assertEquals("", asked.err());
    assertEquals(
        List.of("Password" + (server().user().isEmpty() ? "" : " for " + server().user()) + ": "),
        prompts);
  }
}
