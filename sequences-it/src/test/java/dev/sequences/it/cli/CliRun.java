package dev.sequences.it.cli;

import dev.sequences.cli.Terminals;
import dev.sequences.it.fixtures.TestDatabase;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;

/**
 * One run of the CLI in-process: its exit code and what it printed.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int code, String out, String err) {

  /** Runs {@code args} with {@code input} on standard input, {@code env} and {@code terminal}. */
  static CliRun of(
      List<String> args, Reader input, Map<String, String> env, Terminals.Fake terminal) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Terminals.run(
            args.toArray(String[]::new),
            new PrintWriter(out),
            new PrintWriter(err),
            input,
            env,
            terminal);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs {@code args} with {@code env} in {@code workingDirectory}, nothing on standard input. */
  static CliRun in(Path workingDirectory, List<String> args, Map<String, String> env) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Terminals.runIn(
            workingDirectory,
            args.toArray(String[]::new),
            new PrintWriter(out),
            new PrintWriter(err),
            env);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs {@code args} against {@code server} as an operator types them, password from the env. */
  static CliRun against(
      TestDatabase.Server server, SQLDialect dialect, Reader input, String... args) {
    List<String> all = new ArrayList<>(connectionArguments(server, dialect));
    all.addAll(List.of(args));
    return of(all, input, Map.of("SEQUENCES_PASSWORD", server.password()), Terminals.none());
  }

  /** The options that name {@code server}: URL, user if any, and dialect. */
  static List<String> connectionArguments(TestDatabase.Server server, SQLDialect dialect) {
    List<String> args = new ArrayList<>(List.of("--url", server.url()));
    if (!server.user().isEmpty()) {
      args.addAll(List.of("--user", server.user()));
    }
    args.addAll(List.of("--dialect", dialect.name()));
    return args;
  }
}
