package dev.sequences.bench.interleaved;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * How much to run: a mode's defaults ({@code full}, {@code quick} or {@code smoke}), then {@code
 * key=value} options. The keys are those of {@link #KEYS}; {@link Interleaved} says what they mean.
 */
final class Options {
  String mode = "full";
  int rounds = 5;
  int curveRounds = 3;
  int calls = 500;
  // Fractions of a second are for the Java contenders: pgbench's -T takes whole seconds.
  double seconds = 2;
  double curveSeconds = 1;
  double atCommitSeconds = 1;
  int maxThreads = 64;
  int[] atCommitThreads = {1, 4, 20};
  int[] curveThreads = {1, 4, 20, 64};
  Set<String> parts = new TreeSet<>(List.of("a", "b", "c", "d", "e", "f"));
  List<String> databases = List.of("postgres", "mariadb");
  Path out = Path.of("target/results");
  Path pgbenchDir = Path.of("pgbench");
  String pgbenchProtocol = "simple";
  // jOOQ's path needs a few seconds of C2 on 2 loaded cores; the rounds of a part run alone
  // (parts=c) started cold with less.
  double warmUpSeconds = 2;
  boolean curveSleep;

  private static final Map<String, BiConsumer<Options, String>> KEYS =
      Map.ofEntries(
          Map.entry("rounds", (o, v) -> o.rounds = Integer.parseInt(v)),
          Map.entry("curve-rounds", (o, v) -> o.curveRounds = Integer.parseInt(v)),
          Map.entry("calls", (o, v) -> o.calls = Integer.parseInt(v)),
          Map.entry("seconds", (o, v) -> o.seconds = Double.parseDouble(v)),
          Map.entry("curve-seconds", (o, v) -> o.curveSeconds = Double.parseDouble(v)),
          Map.entry("at-commit-seconds", (o, v) -> o.atCommitSeconds = Double.parseDouble(v)),
          Map.entry("databases", (o, v) -> o.databases = List.of(v.split(","))),
          Map.entry("parts", (o, v) -> o.parts = new TreeSet<>(List.of(v.split(",")))),
          Map.entry("at-commit-threads", (o, v) -> o.atCommitThreads = ints(v)),
          Map.entry("curve-threads", (o, v) -> o.curveThreads = ints(v)),
          Map.entry("curve", (o, v) -> o.curveSleep = curveSleep(v)),
          Map.entry("out", (o, v) -> o.out = Path.of(v)),
          Map.entry("pgbench-dir", (o, v) -> o.pgbenchDir = Path.of(v)),
          Map.entry("pgbench-protocol", (o, v) -> o.pgbenchProtocol = v),
          Map.entry("warm-up", (o, v) -> o.warmUpSeconds = Double.parseDouble(v)));

  /** The options of a command line: an optional mode first, then {@code key=value} pairs. */
  static Options parse(String[] args) {
    Options options = new Options();
    List<String> pairs = Arrays.asList(args);
    if (!pairs.isEmpty() && !pairs.get(0).contains("=")) {
      options.mode(pairs.get(0));
      pairs = pairs.subList(1, pairs.size());
    }
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      BiConsumer<Options, String> key = eq < 0 ? null : KEYS.get(pair.substring(0, eq));
      if (key == null) {
        throw new IllegalArgumentException(
            "expected key=value with a key of " + new TreeSet<>(KEYS.keySet()) + ", got " + pair);
      }
      key.accept(options, pair.substring(eq + 1));
    }
    return options;
  }

  private void mode(String name) {
    mode = name;
    switch (name) {
      case "full" -> {}
      case "quick" -> {
        rounds = 3;
        curveRounds = 1;
        calls = 100;
        seconds = 1;
        atCommitThreads = new int[] {20};
        warmUpSeconds = 1;
        curveThreads = new int[] {1, 20};
      }
      case "smoke" -> {
        // Fixed calls everywhere (seconds 0), two threads at most.
        rounds = 2;
        curveRounds = 1;
        calls = 5;
        seconds = 0;
        curveSeconds = 0;
        atCommitSeconds = 0;
        maxThreads = 2;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown mode " + name + ": full, quick or smoke, then key=value options");
    }
  }

  private static boolean curveSleep(String value) {
    return switch (value) {
      case "plain" -> false;
      case "sleep" -> true;
      default -> throw new IllegalArgumentException("curve=plain or curve=sleep, not " + value);
    };
  }

  private static int[] ints(String list) {
    return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** {@code threads}, capped by the mode. */
  int threads(int threads) {
    return Math.min(threads, maxThreads);
  }

  /** Each of {@code threads} capped by the mode, once. */
  int[] distinctThreads(int[] threads) {
    return Arrays.stream(threads).map(this::threads).distinct().toArray();
  }

  /** The most threads any part runs: the pool's size. */
  int mostThreads() {
    int most = Math.max(threads(20), threads(10));
    for (int t : atCommitThreads) {
      most = Math.max(most, threads(t));
    }
    for (int t : curveThreads) {
      most = Math.max(most, threads(t));
    }
    return most;
  }

  /** The load of a timed contender: {@code seconds} each, or fixed calls in smoke mode. */
  Load timed(double seconds) {
    return seconds > 0 ? new Load(0, seconds) : new Load(calls, 0);
  }

  /** The curve's transaction, in words (also the chart's subtitle). */
  String curveShape() {
    return curveSleep
        ? "transaction = a document + 2 ms of database sleep + the number + commit"
        : "transaction = the number + one insert + commit";
  }

  String describe() {
    return String.format(
        "%s: %d rounds (curve %d), %d calls per thread in the django-sequences shape, %s per timed"
            + " contender and round (numbering at commit %s, curve %s%s), parts %s, pgbench -M %s",
        mode,
        rounds,
        curveRounds,
        calls,
        timed(seconds).describe(),
        timed(atCommitSeconds).describe(),
        timed(curveSeconds).describe(),
        curveSleep ? ", with 2 ms of sleep" : "",
        String.join(",", parts),
        pgbenchProtocol);
  }
}
