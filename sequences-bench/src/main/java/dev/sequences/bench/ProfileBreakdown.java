package dev.sequences.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a benchmark's JVM spends its CPU, from a JFR recording's execution samples: each sample is
 * counted once, by the call it was made in (the library's {@code GaplessSequence} call, jOOQ
 * outside that call — the transaction API —, or the benchmark's own code) and by the code running
 * at its top (the JDBC driver or its socket, HikariCP, jOOQ, the library, the JDK). A sample whose
 * stack holds a library frame counts as "in the library's call" even if jOOQ or the driver runs on
 * top of it.
 *
 * <p>Also the mean CPU load of the JVM and of the machine while recording ({@code jdk.CPULoad}),
 * which says how the two cores are shared between the benchmark's JVM and the database.
 *
 * <p>{@code java -cp sequences-bench/target/benchmarks.jar dev.sequences.bench.ProfileBreakdown
 * recording.jfr}
 */
public final class ProfileBreakdown {

  private ProfileBreakdown() {}

  public static void main(String[] args) throws IOException {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    int total = 0;
    double jvm = 0;
    double machine = 0;
    int loads = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (event.getEventType().getName().equals("jdk.CPULoad")) {
        jvm += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
        machine += event.getFloat("machineTotal");
        loads++;
        continue;
      }
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      counts
          .computeIfAbsent(call(frames), k -> new TreeMap<>())
          .merge(top(frames), 1, Integer::sum);
      total++;
    }
    int samples = total;
    System.out.printf(Locale.ROOT, "%d execution samples in %s%n", samples, args[0]);
    if (loads > 0) {
      // jdk.CPULoad: fractions of the whole machine (all cores), one event a second.
      System.out.printf(
          Locale.ROOT,
          "CPU, mean of %d seconds: this JVM %.1f %% of the machine, the machine %.1f %%"
              + " (the database and everything else: %.1f %%)%n",
          loads,
          100 * jvm / loads,
          100 * machine / loads,
          100 * (machine - jvm) / loads);
    }
    for (Map.Entry<String, Map<String, Integer>> call : counts.entrySet()) {
      int sum = call.getValue().values().stream().mapToInt(Integer::intValue).sum();
      System.out.printf(Locale.ROOT, "%-40s %5.1f %%%n", call.getKey(), 100.0 * sum / samples);
      call.getValue()
          .forEach(
              (top, n) ->
                  System.out.printf(Locale.ROOT, "    %-36s %5.1f %%%n", top, 100.0 * n / samples));
    }
  }

  private static String type(RecordedFrame frame) {
    return frame.getMethod().getType().getName();
  }

  /** The call a sample was taken in, from its outermost recognised frame inwards. */
  private static String call(List<RecordedFrame> frames) {
    boolean jooq = false;
    for (RecordedFrame frame : frames) {
      String type = type(frame);
      if (type.startsWith("dev.sequences.jooq.")) {
        return "in the library's call";
      }
      jooq |= type.startsWith("org.jooq.");
    }
    return jooq ? "in jOOQ, outside the library's call" : "in the benchmark's own code";
  }

  /** What ran at the top of the stack: the innermost frame that is not the JDK's, else the JDK. */
  private static String top(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = type(frame);
      if (type.startsWith("org.postgresql.")
          || type.startsWith("com.mysql.")
          || type.startsWith("org.mariadb.")) {
        return "JDBC driver (and its socket)";
      } else if (type.startsWith("com.zaxxer.hikari.")) {
        return "HikariCP";
      } else if (type.startsWith("org.jooq.")) {
        return "jOOQ";
      } else if (type.startsWith("dev.sequences.jooq.")) {
        return "the library";
      } else if (type.startsWith("dev.sequences.bench.") || type.startsWith("org.openjdk.jmh.")) {
        return "benchmark, JMH";
      }
    }
    return "JDK only";
  }
}
