package dev.sequences.cli;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Terminals for the CLI tests: none, or one where a user types a password. */
public final class Terminals {

  /** A terminal the test controls. */
  public static final class Fake implements Terminal {
    private final String password;
    private final List<String> prompts;

    private Fake(String password, List<String> prompts) {
      this.password = password;
      this.prompts = prompts;
    }

    @Override
    public boolean present() {
      return password != null;
    }

    @Override
    public char[] readPassword(String prompt) {
      prompts.add(prompt);
      return password.toCharArray();
    }
  }

  private Terminals() {}

  /** No terminal: the process runs in a script or under CI. */
  public static Fake none() {
    return new Fake(null, List.of());
  }

  /**
   * A terminal where the user types {@code password}; each prompt shown is added to {@code
   * prompts}.
   */
  public static Fake answering(String password, List<String> prompts) {
    return new Fake(password, prompts);
  }

  /** Runs the CLI as {@code SequencesCli.run} does, on {@code terminal}. */
  public static int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Reader in,
      Map<String, String> env,
      Fake terminal) {
    return SequencesCli.run(args, out, err, in, env, terminal, Path.of(""));
  }

  /** Runs the CLI as {@code SequencesCli.run} does, in {@code workingDirectory}, no terminal. */
  public static int runIn(
      Path workingDirectory,
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env) {
    return SequencesCli.run(args, out, err, new StringReader(""), env, none(), workingDirectory);
  }
}
