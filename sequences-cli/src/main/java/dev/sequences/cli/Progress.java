package dev.sequences.cli;

import java.io.Console;
import java.io.PrintWriter;

/** A one-line progress report on the terminal; silent when output is not a terminal. */
final class Progress {

  private final PrintWriter err;
  private final long total;
  private final String unit;
  private final boolean visible;
  private final long step;
  private long done;

  Progress(PrintWriter err, long total, String unit) {
    this.err = err;
    this.total = total;
    this.unit = unit;
    this.visible = total > 0 && onTerminal();
    this.step = Math.max(1, total / 100);
  }

  void advance() {
    done++;
    if (visible && (done % step == 0 || done == total)) {
      err.printf("\r%,d / %,d %s (%d%%)", done, total, unit, done * 100 / total);
      err.flush();
    }
  }

  void end() {
    if (visible) {
      err.println();
      err.flush();
    }
  }

  /**
   * True if the JVM runs on a terminal. From JDK 22 {@code System.console()} may return a console
   * also when the streams are redirected; {@code Console.isTerminal()} (JDK 22+, called by
   * reflection since the code targets 21) tells. On JDK 21 a console is only there on a terminal.
   */
  @SuppressWarnings("SystemConsoleNull") // handled here: null only up to JDK 21
  private static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
