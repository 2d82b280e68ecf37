package dev.sequences.cli;

import dev.sequences.jooq.CounterTableMissingException;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.jooq.SupportedDatabase;
import dev.sequences.schema.SequencesSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code sequences}: see and fix gapless sequences without writing Java. Exit codes: {@link
 * ExitCode}.
 */
@Command(
    name = "sequences",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "See, fix and audit gapless sequences (the sequences_sequence table).",
    subcommands = {
      HelpCommand.class,
      DemoCommand.class,
      MigrateCommand.class,
      ListCommand.class,
      LastCommand.class,
      NextCommand.class,
      SetCommand.class,
      DeleteCommand.class,
      AuditCommand.class,
      SeriesCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    exitCodeListHeading = "%nExit codes:%n")
public final class SequencesCli {

  /** The demo database: an H2 file in the working folder, unless --url names another. */
  static final String DEMO_FILE = "sequences-demo";

  /** Where the password comes from when {@code --password} is not given. */
  static final String PASSWORD_VARIABLE = "SEQUENCES_PASSWORD";

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      description = "JDBC URL of the database (required, except for demo)")
  String url;

  @Option(names = "--user", scope = ScopeType.INHERIT, description = "database user")
  String user;

  @Option(
      names = "--password",
      scope = ScopeType.INHERIT,
      description =
          "ask for the password on the terminal (else it is read from $"
              + PASSWORD_VARIABLE
              + "; it is never taken from the command line, and never printed)")
  boolean askPassword;

  @Option(
      names = "--dialect",
      scope = ScopeType.INHERIT,
      completionCandidates = SupportedDialects.class,
      description =
          "jOOQ dialect: ${COMPLETION-CANDIDATES} (default: the server's, detected from the"
              + " connection)")
  SQLDialect dialect;

  @Option(
      names = "--counter-schema",
      scope = ScopeType.INHERIT,
      description = "the schema of the counter table (default: the connection's)")
  String counterSchema;

  @Option(
      names = "--counter-table",
      scope = ScopeType.INHERIT,
      defaultValue = SequencesSchema.DEFAULT_TABLE,
      description = "the counter table (default: ${DEFAULT-VALUE})")
  String counterTable;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "print stack traces with errors")
  boolean verbose;

  private final Map<String, String> environment;
  private final BufferedReader input;
  private final Terminal terminal;
  private final Secrets secrets = new Secrets();

  SequencesCli(Map<String, String> environment, Reader input, Terminal terminal) {
    this.environment = environment;
    this.input = new BufferedReader(input);
    this.terminal = terminal;
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
   * streams and environment instead of the process's, and the process's terminal.
   */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, Reader in, Map<String, String> env) {
    return run(args, out, err, in, env, Terminal.system());
  }

  /** {@link #run(String[], PrintWriter, PrintWriter, Reader, Map)} on {@code terminal}. */
  static int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Reader in,
      Map<String, String> env,
      Terminal terminal) {
    SequencesCli cli = new SequencesCli(env, in, terminal);
    CommandLine commandLine = new CommandLine(cli);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    documentExitCodes(commandLine);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          err.println("error: " + cli.secrets.hide(String.valueOf(e.getMessage())));
          e.getCommandLine().usage(err);
          err.flush();
          return ExitCode.USAGE.code();
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          if (cli.verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(cli.secrets.hide(trace.toString()));
          } else if (e instanceof CounterTableMissingException missing) {
            err.println(
                "error: table "
                    + missing.table()
                    + " is missing: run sequences migrate with the same --url and counter options");
          } else {
            err.println("error: " + cli.secrets.hide(oneLine(e)));
          }
          err.flush();
          return exitCodeOf(e).code();
        });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The exit code of a command that failed with {@code e}. */
  private static ExitCode exitCodeOf(Exception e) {
    if (e instanceof CliException cliException) {
      return cliException.exitCode();
    }
    if (e instanceof SequenceLockedException) {
      return ExitCode.PROBLEMS;
    }
    if (e instanceof DataAccessException) {
      return ExitCode.DATABASE;
    }
    if (e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException) {
      return ExitCode.USAGE;
    }
    return ExitCode.PROBLEMS;
  }

  /** The exit codes in the help of the root command and of every subcommand. */
  private static void documentExitCodes(CommandLine commandLine) {
    commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
    commandLine.getCommandSpec().usageMessage().exitCodeList(exitCodeMap());
    commandLine.getSubcommands().values().forEach(SequencesCli::documentExitCodes);
  }

  private static Map<String, String> exitCodeMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : ExitCode.helpList()) {
      int colon = line.indexOf(':');
      map.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return map;
  }

  /** Opens the database named by the options: --url is required. */
  Database connect(int poolSize) {
    if (url == null) {
      throw new CliException(
          ExitCode.USAGE,
          "--url is required: the JDBC URL of the database (only demo has a default, an H2 file)");
    }
    return connect(url, poolSize);
  }

  /** Opens the database at {@code url}. */
  Database connect(String url, int poolSize) {
    String secret;
    if (askPassword) {
      if (!terminal.present()) {
        throw new CliException(
            ExitCode.USAGE,
            "--password asks on the terminal, and there is none: set $"
                + PASSWORD_VARIABLE
                + " instead");
      }
      char[] typed =
          terminal.readPassword("Password" + (user == null ? "" : " for " + user) + ": ");
      secret = typed == null ? null : new String(typed);
    } else {
      secret = environment.getOrDefault(PASSWORD_VARIABLE, null);
    }
    secrets.remember(secret);
    return Database.open(
        url, secrets.url(url), user, secret, dialect, counterSchema, counterTable, poolSize);
  }

  /** {@code url} as it may be printed: its passwords hidden. */
  String printable(String url) {
    return secrets.url(url);
  }

  /** The terminal, for progress reports. */
  Terminal terminal() {
    return terminal;
  }

  /** A line typed by the user, or null at the end of input. */
  String readLine() {
    try {
      return input.readLine();
    } catch (java.io.IOException e) {
      throw new CliException(ExitCode.PROBLEMS, "could not read the answer: " + e.getMessage());
    }
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  /** The jOOQ dialects of the supported databases, as {@code --dialect}'s help lists them. */
  static final class SupportedDialects implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(SupportedDatabase.values()).map(d -> d.dialect().name()).iterator();
    }
  }
}
