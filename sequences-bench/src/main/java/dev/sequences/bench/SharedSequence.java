package dev.sequences.bench;

import dev.sequences.jooq.BeforeCommitNumbering;
import dev.sequences.jooq.GaplessSequence;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Numbering at commit on ONE hot sequence from one JVM against the same number of threads split
 * over several JVMs (issue 25: "two JVMs sharing the sequence no worse than one"). Each JVM's gate
 * admits one of its transactions to the counter's row at a time, so two JVMs put two transactions
 * at the row. Each round runs every layout (e.g. {@code jvms=1,2}) in turn, in an order that
 * alternates by round; every JVM of a layout is a new child JVM with a pool of one connection per
 * thread, P1's transaction at commit (an insert, the number, the update that writes it), a warm-up
 * and a timed window that all the layout's JVMs share. Run from {@code sequences-bench}:
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.sequences.bench.SharedSequence [database=postgres]
 *     [numbering=at-commit|first] [threads=64] [jvms=1,2] [rounds=3] [seconds=5] [warm-up=15]
 * </pre>
 *
 * <p>It prints each round's transactions per second by layout, then the medians and min–max.
 */
public final class SharedSequence {

  private static final GaplessSequence HOT = GaplessSequence.named("bench-shared");

  private SharedSequence() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(args);
      return;
    }
    Options options = Options.of(args);
    List<List<Double>> byLayout = new ArrayList<>();
    options.jvms.forEach(j -> byLayout.add(new ArrayList<>()));
    for (int round = 1; round <= options.rounds; round++) {
      for (int k = 0; k < options.jvms.size(); k++) {
        int index = round % 2 == 1 ? k : options.jvms.size() - 1 - k;
        int jvms = options.jvms.get(index);
        double tps = layout(options, jvms);
        byLayout.get(index).add(tps);
        System.out.printf(
            Locale.ROOT,
            "round %d: %d JVM(s) x %d threads: %.0f transactions/s%n",
            round,
            jvms,
            options.threads / jvms,
            tps);
      }
    }
    for (int k = 0; k < options.jvms.size(); k++) {
      List<Double> tps = byLayout.get(k).stream().sorted().toList();
      System.out.printf(
          Locale.ROOT,
          "%d JVM(s), %d threads in all: median %.0f (%.0f-%.0f) transactions/s%n",
          options.jvms.get(k),
          options.threads,
          tps.get(tps.size() / 2),
          tps.get(0),
          tps.get(tps.size() - 1));
    }
  }

  /**
   * Starts {@code jvms} child JVMs, waits until each has its pool open, tells them all when to
   * start and stop, and sums the transactions they committed in the window.
   */
  private static double layout(Options options, int jvms) throws IOException, InterruptedException {
    List<Process> children = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    for (int j = 0; j < jvms; j++) {
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Dorg.jooq.no-logo=true",
              "-Dorg.jooq.no-tips=true",
              "-cp",
              System.getProperty("java.class.path"),
              SharedSequence.class.getName(),
              "child",
              options.database,
              String.valueOf(options.atCommit),
              String.valueOf(options.threads / jvms),
              String.valueOf(j));
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      children.add(child);
      outputs.add(
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
      // One after the other: each child's BenchDatabase.connect runs the migrations.
      expect(outputs.get(j), "ready");
    }
    long warmUpEnds = System.currentTimeMillis() + 500 + options.warmUpSeconds * 1000L;
    long windowEnds = warmUpEnds + options.seconds * 1000L;
    for (Process child : children) {
      OutputStream in = child.getOutputStream();
      in.write((warmUpEnds + " " + windowEnds + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }
    long committed = 0;
    for (int j = 0; j < jvms; j++) {
      committed += Long.parseLong(expect(outputs.get(j), "committed=").substring(10));
      if (!children.get(j).waitFor(2, TimeUnit.MINUTES) || children.get(j).exitValue() != 0) {
        throw new IllegalStateException("child JVM " + j + " failed");
      }
    }
    return committed / (double) options.seconds;
  }

  /** Reads the child's lines until one starts with {@code prefix}; fails with what it printed. */
  private static String expect(BufferedReader output, String prefix) throws IOException {
    StringBuilder seen = new StringBuilder();
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
      seen.append(line).append('\n');
    }
    throw new IllegalStateException("the child JVM ended before '" + prefix + "':\n" + seen);
  }

  /**
   * The child: opens its pool, says {@code ready}, reads the window's start and end (epoch
   * milliseconds), runs its threads until the end and prints the transactions committed inside.
   */
  private static void child(String[] args) throws Exception {
    String database = args[1];
    boolean atCommit = Boolean.parseBoolean(args[2]);
    int threads = Integer.parseInt(args[3]);
    long idBase = (Long.parseLong(args[4]) + 1) * 1_000_000_000_000L;
    BenchDatabase db = BenchDatabase.connect(database, threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      db.prime(threads);
      DSLContext hooked =
          DSL.using(db.dsl.configuration().derive(BeforeCommitNumbering.listener()));
      System.out.println("ready");
      String[] window =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
              .readLine()
              .split(" ");
      long starts = Long.parseLong(window[0]);
      long ends = Long.parseLong(window[1]);
      AtCommitBenchmark.idsAfter(idBase);
      AtomicLong committed = new AtomicLong();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (long now = System.currentTimeMillis();
                      now < ends;
                      now = System.currentTimeMillis()) {
                    if (atCommit) {
                      AtCommitBenchmark.numberingAtCommit(hooked, HOT, null);
                    } else {
                      AtCommitBenchmark.numberingFirst(db.dsl, HOT, null);
                    }
                    if (now >= starts && System.currentTimeMillis() < ends) {
                      committed.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> thread : done) {
        thread.get();
      }
      System.out.println("committed=" + committed.get());
    } finally {
      pool.shutdownNow();
      db.close();
    }
  }

  /** The command line's {@code key=value} words. */
  private record Options(
      String database,
      boolean atCommit,
      int threads,
      List<Integer> jvms,
      int rounds,
      int seconds,
      int warmUpSeconds) {

    static Options of(String[] args) {
      String database = "postgres";
      boolean atCommit = true;
      int threads = 64;
      List<Integer> jvms = List.of(1, 2);
      int rounds = 3;
      int seconds = 5;
      int warmUp = 15;
      for (String arg : args) {
        String[] kv = arg.split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("expected key=value: " + arg);
        }
        switch (kv[0]) {
          case "database" -> database = kv[1];
          case "numbering" -> atCommit = kv[1].equals("at-commit");
          case "threads" -> threads = Integer.parseInt(kv[1]);
          case "jvms" -> jvms = Arrays.stream(kv[1].split(",")).map(Integer::valueOf).toList();
          case "rounds" -> rounds = Integer.parseInt(kv[1]);
          case "seconds" -> seconds = Integer.parseInt(kv[1]);
          case "warm-up" -> warmUp = Integer.parseInt(kv[1]);
          default -> throw new IllegalArgumentException("unknown option " + kv[0]);
        }
      }
      for (int j : jvms) {
        if (j < 1 || threads % j != 0) {
          throw new IllegalArgumentException(threads + " threads do not split over " + j + " JVMs");
        }
      }
      return new Options(database, atCommit, threads, jvms, rounds, seconds, warmUp);
    }
  }
}
