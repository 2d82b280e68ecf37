package dev.sequences.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Progress of a long command on standard error, one line rewritten in place: each phase as it
 * starts, then a progress bar (me.tongfei:progressbar) with the count, the rate and the time left.
 * Shown when a user sits at a terminal, unless {@code --no-progress}; {@code --progress} forces it
 * (into a log, say).
 */
final class Progress {

  /** The longest line drawn: wide enough for the bar's figures, narrow enough for a terminal. */
  private static final int WIDTH = 100;

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
  private @Nullable ProgressBar bar;

  private Progress(PrintWriter err, boolean visible) {
    this.err = err;
    this.visible = visible;
  }

  /** A phase begins, whose length is not known: {@code text} replaces the line. */
  void phase(String text) {
    show(text + " ...");
  }

  /** Counting begins: {@link #advance} is called {@code total} times (from any thread). */
  void count(long total, String unit) {
    if (visible) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(unit)
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .showSpeed()
              .setSpeedUnit(ChronoUnit.SECONDS)
              .setUpdateIntervalMillis(500)
              .setConsumer(new DelegatingProgressBarConsumer(this::show, WIDTH))
              .build();
    }
  }

  void advance() {
    ProgressBar counting = bar;
    if (counting != null) {
      counting.step();
    }
  }

  /** The last line stays (the bar drawn once more, complete), and the next output starts apart. */
  void end() {
    ProgressBar counting = bar;
    if (counting != null) {
      counting.close();
      bar = null;
    }
    synchronized (this) {
      if (visible && !line.isEmpty()) {
        err.println();
        err.flush();
        line = "";
      }
    }
  }

  /** Draws {@code text} over the line; the bar's own thread calls it too. */
  private synchronized void show(String text) {
    if (!visible) {
      return;
    }
    String padding = " ".repeat(Math.max(0, line.length() - text.length()));
    err.print("\r" + text + padding);
    err.flush();
    line = text;
  }
}
