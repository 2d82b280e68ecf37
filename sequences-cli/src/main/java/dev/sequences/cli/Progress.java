package dev.sequences.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * Progress of a long command on standard error, one line rewritten in place: each phase as it
 * starts, then the count of items done. Shown when a user sits at a terminal, unless {@code
 * --no-progress}; {@code --progress} forces it (into a log, say).
 */
final class Progress {

  /** The options that force progress on or off; a mixin of the commands that report it. */
  static final class Options {
    @Option(
        names = "--progress",
        negatable = true,
        description =
            "report progress on standard error (default: only when a user sits at a terminal)")
    Boolean forced;

    Progress on(PrintWriter err, Terminal terminal) {
      return new Progress(err, forced != null ? forced : terminal.present());
    }
  }

  private final PrintWriter err;
  private final boolean visible;
  private String line = "";
  private long total;
  private String unit = "";
  private long step;
  private long done;

  private Progress(PrintWriter err, boolean visible) {
    this.err = err;
    this.visible = visible;
  }

  /** A phase begins, whose length is not known: {@code text} replaces the line. */
  void phase(String text) {
    show(text + " ...");
  }

  /** Counting begins: {@link #advance} is called {@code total} times. */
  void count(long total, String unit) {
    this.total = total;
    this.unit = unit;
    this.step = Math.max(1, total / 100);
    this.done = 0;
  }

  void advance() {
    done++;
    if (visible && total > 0 && (done == 1 || done % step == 0 || done == total)) {
      show(String.format("%,d / %,d %s (%d%%)", done, total, unit, done * 100 / total));
    }
  }

  /** The last line stays, and the next output starts on a line of its own. */
  void end() {
    if (visible && !line.isEmpty()) {
      err.println();
      err.flush();
      line = "";
    }
  }

  private void show(String text) {
    if (!visible) {
      return;
    }
    String padding = " ".repeat(Math.max(0, line.length() - text.length()));
    err.print("\r" + text + padding);
    err.flush();
    line = text;
  }
}
