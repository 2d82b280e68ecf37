package dev.sequences.cli;

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
    this.visible = System.console() != null && total > 0;
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
}
