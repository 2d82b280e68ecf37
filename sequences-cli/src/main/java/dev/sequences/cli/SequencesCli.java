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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

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

  /** Where the URL comes from when {@code --url} is not given. */
  static final String URL_VARIABLE = "SEQUENCES_URL";

  /** Where the user comes from when {@code --user} is not given. */
  static final String USER_VARIABLE = "SEQUENCES_USER";

  /** The connection settings' file read when {@code --config} is not given, if it exists. */
  static final String DEFAULT_CONFIG = "sequences.conf";

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      description =
          "JDBC URL of the database (else $"
              + URL_VARIABLE
              + ", else the config file's url; demo takes --url only)")
  String url;

  @Option(
      names = "--user",
      scope = ScopeType.INHERIT,
      description = "database user (else $" + USER_VARIABLE + ", else the config file's user)")
  String user;

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "connection settings in Java properties form: url, user, password, counter-schema,"
              + " counter-table (default: ./"
              + DEFAULT_CONFIG
              + " if there is one); options win over the environment, the environment over the"
              + " file")
  Path config;

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
      description = "the counter table (default: " + SequencesSchema.DEFAULT_TABLE + ")")
  String counterTable;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "print stack traces with errors")
  boolean verbose;

  private final Map<String, String> environment;
  private final BufferedReader input;
  private final Terminal terminal;
  private final Path workingDirectory;
  private final Secrets secrets = new Secrets();
  private @Nullable ConfigFile file;

  SequencesCli(
      Map<String, String> environment, Reader input, Terminal terminal, Path workingDirectory) {
    this.environment = environment;
    this.input = new BufferedReader(input);
    this.terminal = terminal;
    this.workingDirectory = workingDirectory;
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
    return run(args, out, err, in, env, Terminal.system(), Path.of(""));
  }

  /**
   * {@link #run(String[], PrintWriter, PrintWriter, Reader, Map)} on {@code terminal}, in {@code
   * workingDirectory}, where the default config file is looked for.
   */
  static int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Reader in,
      Map<String, String> env,
      Terminal terminal,
      Path workingDirectory) {
    SequencesCli cli = new SequencesCli(env, in, terminal, workingDirectory);
    CommandLine commandLine = commandLine(cli);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          // Two lines, as git answers a typo: the error, then a suggestion or where help is.
          err.println("error: " + cli.secrets.hide(String.valueOf(e.getMessage())));
          String command = e.getCommandLine().getCommandSpec().qualifiedName();
          List<String> suggestions =
              e instanceof UnmatchedArgumentException unmatched
                  ? unmatched.getSuggestions()
                  : List.of();
          err.println(
              suggestions.isEmpty()
                  ? "see '" + command + " --help'"
                  : "did you mean "
                      + String.join(" or ", suggestions.stream().map(x -> "'" + x + "'").toList())
                      + "? (see '"
                      + command
                      + " --help')");
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

  /**
   * The commands of {@code cli}, parsing and printing their help as {@link #run} does (the CLI
   * reference in docs/ is this help).
   */
  static CommandLine commandLine(SequencesCli cli) {
    CommandLine commandLine = new CommandLine(cli);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    documentExitCodes(commandLine);
    commandLine.getSubcommands().values().forEach(SequencesCli::ownOptionsFirst);
    return commandLine;
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

  /**
   * A subcommand's help lists its own options first, then, under a heading, those every command
   * shares (the connection, the counter table, --verbose); in the order they are declared.
   */
  private static void ownOptionsFirst(CommandLine commandLine) {
    commandLine
        .getHelpSectionMap()
        .put(
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
            help -> {
              List<OptionSpec> own = new ArrayList<>();
              List<OptionSpec> shared = new ArrayList<>();
              for (OptionSpec option : help.commandSpec().options()) {
                if (!option.hidden()) {
                  (option.inherited() ? shared : own).add(option);
                }
              }
              return help.optionListExcludingGroups(own)
                  + (shared.isEmpty()
                      ? ""
                      : String.format("%nShared by every command:%n")
                          + help.optionListExcludingGroups(shared));
            });
    commandLine.getSubcommands().values().forEach(SequencesCli::ownOptionsFirst);
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

  /** Opens the database named by the options, the environment or the config file. */
  Database connect(int poolSize) {
    String resolved = firstOf(url, environment.get(URL_VARIABLE), file().get("url"));
    if (resolved == null) {
      throw new CliException(
          ExitCode.USAGE,
          "no database: give --url, set $"
              + URL_VARIABLE
              + " or write url=... in "
              + file().describe()
              + " (only demo has a default, an H2 file)");
    }
    return connect(resolved, poolSize);
  }

  /** The config file, read once: --config's, else ./sequences.conf if it exists, else none. */
  private ConfigFile file() {
    if (file == null) {
      file =
          config != null
              ? ConfigFile.read(workingDirectory.resolve(config), true)
              : ConfigFile.read(workingDirectory.resolve(DEFAULT_CONFIG), false);
      secrets.remember(file.get("password"));
    }
    return file;
  }

  private static @Nullable String firstOf(@Nullable String... values) {
    for (String value : values) {
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
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
      String named = firstOf(user, environment.get(USER_VARIABLE), file().get("user"));
      char[] typed =
          terminal.readPassword("Password" + (named == null ? "" : " for " + named) + ": ");
      secret = typed == null ? null : new String(typed);
    } else {
      secret = firstOf(environment.get(PASSWORD_VARIABLE), file().get("password"));
    }
    secrets.remember(secret);
    return Database.open(
        url,
        secrets.url(url),
        firstOf(user, environment.get(USER_VARIABLE), file().get("user")),
        secret,
        dialect,
        firstOf(counterSchema, file().get("counter-schema")),
        Objects.requireNonNullElse(
            firstOf(counterTable, file().get("counter-table")), SequencesSchema.DEFAULT_TABLE),
        poolSize);
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
