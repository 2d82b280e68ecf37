package dev.sequences.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code sequences}: see and fix gapless sequences without writing Java. Exit codes: 0 all is well,
 * 1 problems found (or the operation was not done), 2 usage error, 3 database unreachable.
 */
@Command(
    name = "sequences",
    mixinStandardHelpOptions = true,
    version = "sequences 0.1.0-SNAPSHOT",
    description = "See, fix and audit gapless sequences (the sequences_sequence table).",
    subcommands = {
      DemoCommand.class,
      MigrateCommand.class,
      ListCommand.class,
      LastCommand.class,
      NextCommand.class,
      SetCommand.class,
      DeleteCommand.class,
      AuditCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:all is well",
      "1:problems found, or the operation was not done",
      "2:usage error",
      "3:database unreachable"
    })
public final class SequencesCli {

  static final int OK = 0;
  static final int PROBLEMS = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;

  /** The demo database: an H2 file in the working folder. */
  static final String DEMO_URL = "jdbc:h2:file:./sequences-demo;LOCK_TIMEOUT=10000";

  /** Where the password comes from when {@code --password} is not given. */
  static final String PASSWORD_VARIABLE = "SEQUENCES_PASSWORD";

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      defaultValue = DEMO_URL,
      description = "JDBC URL (default: the demo's H2 file, ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--user", scope = ScopeType.INHERIT, description = "database user")
  @Nullable String user;

  @Option(
      names = "--password",
      scope = ScopeType.INHERIT,
      interactive = true,
      arity = "0",
      prompt = "Password: ",
      description =
          "ask for the password (else it is read from $"
              + PASSWORD_VARIABLE
              + "; it is never"
              + " taken from the command line)")
  char @Nullable [] password;

  @Option(
      names = "--dialect",
      scope = ScopeType.INHERIT,
      description =
          "jOOQ dialect (default: detected from the connection): ${COMPLETION-CANDIDATES}")
  @Nullable SQLDialect dialect;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "print stack traces with errors")
  boolean verbose;

  private final Map<String, String> environment;
  private final BufferedReader input;

  SequencesCli(Map<String, String> environment, Reader input) {
    this.environment = environment;
    this.input = new BufferedReader(input);
  }

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            new InputStreamReader(System.in, StandardCharsets.UTF_8),
            System.getenv()));
  }

  /**
   * Runs one command line and returns its exit code, as {@link #main} does, but with the given
   * streams and environment instead of the process's.
   */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, Reader in, Map<String, String> env) {
    SequencesCli cli = new SequencesCli(env, in);
    CommandLine commandLine = new CommandLine(cli);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          int code = e instanceof CliException cliException ? cliException.exitCode() : PROBLEMS;
          if (cli.verbose) {
            e.printStackTrace(err);
          } else {
            err.println("error: " + oneLine(e));
          }
          err.flush();
          return code;
        });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Opens the database named by the options. */
  Database connect(int poolSize) {
    String secret =
        password != null ? new String(password) : environment.getOrDefault(PASSWORD_VARIABLE, null);
    return Database.open(url, user, secret, dialect, poolSize);
  }

  /** A line typed by the user, or null at the end of input. */
  @Nullable String readLine() {
    try {
      return input.readLine();
    } catch (java.io.IOException e) {
      throw new CliException(PROBLEMS, "could not read the answer: " + e.getMessage());
    }
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
