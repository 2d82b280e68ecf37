package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * django-sequences' benchmark from a cold start: a new JVM per round that warms up with {@code
 * warm-up} single-thread calls, then runs {@code threads × calls} calls of {@code nextValue} on ONE
 * PostgreSQL sequence, each call its own auto-commit transaction on a pool of one connection per
 * thread; pgbench sends the same upsert ({@code pgbench/autocommit.sql}, {@code -c threads -j 2})
 * in the same round. Run from {@code sequences-bench}:
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.sequences.bench.ColdStart [rounds=3] [threads=20] [calls=500]
 *     [warm-up=2000] [jvm-options=-XX:...,...]
 * </pre>
 *
 * <p>It prints each round's two throughputs and their ratio, then the ratios' min–max. The child
 * JVM ({@code ColdStart child ...}) prints one line, {@code throughput=N}.
 */
public final class ColdStart {

  private static final GaplessSequence ONE =
      GaplessSequence.named("bench-cold").allowingAutoCommit();

  private static final Pattern TPS =
      Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.of(args);
    if (options.child) {
      System.out.println("throughput=" + child(options));
      return;
    }
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= options.rounds; round++) {
      double library = parent(options);
      double pgbench = pgbench(options);
      double ratio = library / pgbench;
      ratios.add(ratio);
      System.out.printf(
          Locale.ROOT,
          "round %d: library (new JVM) %.0f /s, pgbench %.0f /s, ratio %.2f%n",
          round,
          library,
          pgbench,
          ratio);
    }
    System.out.printf(
        Locale.ROOT,
        "ratio library/pgbench: %.2f-%.2f over %d rounds%n",
        ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
        ratios.size());
  }

  /** Runs one round's library side in a new JVM and returns its throughput. */
  private static double parent(Options options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options.jvmOptions);
    command.addAll(
        List.of(
            "-Dorg.jooq.no-logo=true",
            "-Dorg.jooq.no-tips=true",
            "-cp",
            System.getProperty("java.class.path"),
            ColdStart.class.getName(),
            "child",
            "threads=" + options.threads,
            "calls=" + options.calls,
            "warm-up=" + options.warmUp));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("the child JVM failed:\n" + output);
    }
    Matcher m = Pattern.compile("throughput=([0-9.]+)").matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("no throughput in the child's output:\n" + output);
    }
    return Double.parseDouble(m.group(1));
  }

  /** The child: a pool, the warm-up, then the timed calls; returns calls per second. */
  private static double child(Options options) throws Exception {
    BenchDatabase db = BenchDatabase.connect("postgres", options.threads);
    try {
      db.prime(options.threads);
      DSLContext dsl = db.dsl;
      for (int i = 0; i < options.warmUp; i++) {
        ONE.nextValue(dsl);
      }
      ExecutorService threads = Executors.newFixedThreadPool(options.threads);
      try {
        CyclicBarrier start = new CyclicBarrier(options.threads + 1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < options.threads; t++) {
          done.add(
              threads.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < options.calls; i++) {
                      ONE.nextValue(dsl);
                    }
                    return null;
                  }));
        }
        start.await();
        long began = System.nanoTime();
        for (Future<?> thread : done) {
          thread.get();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return options.threads * (double) options.calls / seconds;
      } finally {
        threads.shutdownNow();
      }
    } finally {
      db.close();
    }
  }

  /** pgbench sending the same upsert in auto-commit, every client on one sequence. */
  private static double pgbench(Options options) throws IOException, InterruptedException {
    String url = System.getenv("SEQUENCES_TEST_POSTGRES_URL");
    Matcher m =
        Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*")
            .matcher(url == null ? "" : url);
    if (!m.matches()) {
      throw new IllegalStateException("pgbench needs host, port and database in " + url);
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                "pgbench",
                "-n",
                "-M",
                "simple",
                "-h",
                m.group(1),
                "-p",
                m.group(2) == null ? "5432" : m.group(2),
                "-U",
                System.getenv("SEQUENCES_TEST_POSTGRES_USER"),
                "-c",
                String.valueOf(options.threads),
                "-j",
                "2",
                "-t",
                String.valueOf(options.calls),
                "-D",
                "spread=0",
                "-f",
                "pgbench/autocommit.sql",
                m.group(3))
            .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", System.getenv("SEQUENCES_TEST_POSTGRES_PASSWORD"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher tps = TPS.matcher(output);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || !tps.find()) {
      throw new IllegalStateException("pgbench failed:\n" + output);
    }
    return Double.parseDouble(tps.group(1));
  }

  /** The command line: {@code key=value} words, and {@code child} for the child JVM. */
  private record Options(
      boolean child, int rounds, int threads, int calls, int warmUp, List<String> jvmOptions) {

    static Options of(String[] args) {
      boolean child = false;
      int rounds = 3;
      int threads = 20;
      int calls = 500;
      int warmUp = 2000;
      List<String> jvmOptions = List.of();
      for (String arg : args) {
        if (arg.equals("child")) {
          child = true;
          continue;
        }
        String[] kv = arg.split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("expected key=value or child: " + arg);
        }
        switch (kv[0]) {
          case "rounds" -> rounds = Integer.parseInt(kv[1]);
          case "threads" -> threads = Integer.parseInt(kv[1]);
          case "calls" -> calls = Integer.parseInt(kv[1]);
          case "warm-up" -> warmUp = Integer.parseInt(kv[1]);
          case "jvm-options" -> jvmOptions = List.of(kv[1].split(","));
          default -> throw new IllegalArgumentException("unknown option " + kv[0]);
        }
      }
      return new Options(child, rounds, threads, calls, warmUp, jvmOptions);
    }
  }
}
