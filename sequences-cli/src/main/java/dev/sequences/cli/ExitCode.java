package dev.sequences.cli;

/** The CLI's exit codes, as {@code --help} and docs/cli.md list them. */
enum ExitCode {
  OK(0, "all is well"),
  PROBLEMS(1, "problems found, or nothing was done (a refusal, a held sequence, an unused one)"),
  USAGE(2, "usage error"),
  UNREACHABLE(
      3,
      "cannot connect: the server does not answer, the host is unknown, or the database"
          + " does not exist"),
  DATABASE(4, "database error (a missing counter table: run sequences migrate)"),
  AUTHENTICATION(5, "authentication failed: a wrong user or password, or a user without access");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  int code() {
    return code;
  }

  /** The lines of picocli's exit code list, {@code "code:meaning"}. */
  static String[] helpList() {
    ExitCode[] codes = values();
    String[] list = new String[codes.length];
    for (int i = 0; i < codes.length; i++) {
      list[i] = codes[i].code + ":" + codes[i].meaning;
    }
    return list;
  }
}
