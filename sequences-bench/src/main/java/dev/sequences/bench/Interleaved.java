package dev.sequences.bench;

import dev.sequences.jooq.BeforeCommitNumbering;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SupportedDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Interleaved comparisons (issue 15): the contenders of each comparison run one after the other in
 * rounds, in one JVM against one database, their order rotated from round to round; each ratio is
 * computed per round, and the report gives its median over the rounds with the smallest and
 * largest. pgbench runs as a subprocess inside the same rounds, with the same SQL. A machine that
 * slows down for a while slows down every contender of a round alike, so the ratios stay readable
 * where absolute figures do not.
 *
 * <p>Arguments: a mode ({@code full}, the default; {@code quick}, a check in two to three minutes;
 * {@code smoke}, seconds, for CI), then any of {@code databases=postgres,mariadb}, {@code
 * parts=a,b,c,d,e}, {@code rounds=N} (5), {@code curve-rounds=N} (3), {@code calls=N} (calls per
 * thread in the django-sequences shape, 500), {@code seconds=N} (b and c: each timed contender's
 * run per round, 2), {@code at-commit-seconds=N} (d, 1), {@code curve-seconds=N} (e, 1), {@code
 * at-commit-threads=1,4,20}, {@code curve-threads=1,4,20,64}, {@code curve=plain|sleep} (the
 * curve's transaction: P1's, or d's with 2 ms of sleep), {@code out=DIR}, {@code pgbench-dir=DIR},
 * {@code pgbench-protocol=simple|extended|prepared} (pgbench's {@code -M}; simple, its default),
 * {@code warm-up=SECONDS} (each timed Java contender once before the rounds, not counted; 2). Run
 * from {@code sequences-bench/} ({@code run.sh interleaved}); results in {@code
 * target/results/interleaved-<database>.*} and the chart {@code contention-<database>.svg}.
 */
public final class Interleaved {

  private Interleaved() {}

  /** How much to run: the mode's defaults, then the options. */
  static final class Settings {
    String mode = "full";
    int rounds = 5;
    int curveRounds = 3;
    int calls = 500;
    int seconds = 2;
    int curveSeconds = 1;
    int atCommitSeconds = 1;
    int maxThreads = 64;
    int[] atCommitThreads = {1, 4, 20};
    int[] curveThreads = {1, 4, 20, 64};
    Set<String> parts = new TreeSet<>(List.of("a", "b", "c", "d", "e"));
    List<String> databases = List.of("postgres", "mariadb");
    Path out = Path.of("target/results");
    Path pgbenchDir = Path.of("pgbench");
    String pgbenchProtocol = "simple";
    // jOOQ's path needs a few seconds of C2 on 2 loaded cores; the rounds of a part run alone
    // (parts=c) started cold with less.
    double warmUpSeconds = 2;
    boolean curveSleep;

    /** The curve's transaction, in words (also the chart's subtitle). */
    String curveShape() {
      return curveSleep
          ? "transaction = a document + 2 ms of database sleep + the number + commit"
          : "transaction = the number + one insert + commit";
    }

    static Settings parse(String[] args) {
      Settings s = new Settings();
      int first = 0;
      if (args.length > 0 && !args[0].contains("=")) {
        s.mode = args[0];
        first = 1;
      }
      switch (s.mode) {
        case "full" -> {}
        case "quick" -> {
          s.rounds = 3;
          s.curveRounds = 1;
          s.calls = 100;
          s.seconds = 1;
          s.atCommitThreads = new int[] {20};
          s.warmUpSeconds = 1;
          s.curveThreads = new int[] {1, 20};
        }
        case "smoke" -> {
          // Fixed calls everywhere (seconds 0), two threads at most.
          s.rounds = 2;
          s.curveRounds = 1;
          s.calls = 5;
          s.seconds = 0;
          s.curveSeconds = 0;
          s.atCommitSeconds = 0;
          s.maxThreads = 2;
        }
        default ->
            throw new IllegalArgumentException(
                "unknown mode " + s.mode + ": full, quick or smoke, then key=value options");
      }
      for (String arg : Arrays.copyOfRange(args, first, args.length)) {
        int eq = arg.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("expected key=value, got " + arg);
        }
        String value = arg.substring(eq + 1);
        switch (arg.substring(0, eq)) {
          case "rounds" -> s.rounds = Integer.parseInt(value);
          case "curve-rounds" -> s.curveRounds = Integer.parseInt(value);
          case "calls" -> s.calls = Integer.parseInt(value);
          case "seconds" -> s.seconds = Integer.parseInt(value);
          case "curve-seconds" -> s.curveSeconds = Integer.parseInt(value);
          case "at-commit-seconds" -> s.atCommitSeconds = Integer.parseInt(value);
          case "databases" -> s.databases = List.of(value.split(","));
          case "parts" -> s.parts = new TreeSet<>(List.of(value.split(",")));
          case "at-commit-threads" -> s.atCommitThreads = ints(value);
          case "curve-threads" -> s.curveThreads = ints(value);
          case "curve" ->
              s.curveSleep =
                  switch (value) {
                    case "plain" -> false;
                    case "sleep" -> true;
                    default ->
                        throw new IllegalArgumentException(
                            "curve=plain or curve=sleep, not " + value);
                  };
          case "out" -> s.out = Path.of(value);
          case "pgbench-dir" -> s.pgbenchDir = Path.of(value);
          case "pgbench-protocol" -> s.pgbenchProtocol = value;
          case "warm-up" -> s.warmUpSeconds = Double.parseDouble(value);
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      return s;
    }

    private static int[] ints(String list) {
      return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** {@code threads}, capped by the mode. */
    int threads(int threads) {
      return Math.min(threads, maxThreads);
    }

    /** The load of a timed contender: {@code seconds} each, or fixed calls in smoke mode. */
    Load timed(int seconds) {
      return seconds > 0 ? new Load(0, seconds) : new Load(calls, 0);
    }

    String describe() {
      return mode
          + ": "
          + rounds
          + " rounds (curve "
          + curveRounds
          + "), "
          + calls
          + " calls per thread in the django-sequences shape, "
          + (seconds > 0 ? seconds + " s" : calls + " calls")
          + " per timed contender and round (numbering at commit "
          + (atCommitSeconds > 0 ? atCommitSeconds + " s" : calls + " calls")
          + ", curve "
          + (curveSeconds > 0 ? curveSeconds + " s" : calls + " calls")
          + (curveSleep ? ", with 2 ms of sleep" : "")
          + "), parts "
          + String.join(",", parts)
          + ", pgbench -M "
          + pgbenchProtocol;
    }
  }

  /** A contender's work per round: calls per thread, or (if {@code seconds > 0}) a duration. */
  record Load(int callsPerThread, double seconds) {
    /** A short run before the rounds, for the JIT (Java contenders only; not counted). */
    Load warmUp(double warmUpSeconds) {
      return seconds > 0
          ? new Load(0, warmUpSeconds)
          : new Load(Math.max(1, callsPerThread / 5), 0);
    }

    String describe() {
      return seconds > 0
          ? String.format(Locale.ROOT, "%.1f s", seconds)
          : callsPerThread + " calls per thread";
    }
  }

  /** One run of one contender: how many calls (transactions) in how long. */
  record Result(long calls, double seconds) {
    double throughput() {
      return calls / seconds;
    }
  }

  /** A goal for a ratio's median. */
  record Goal(String text, DoublePredicate met) {
    static Goal atLeast(double value) {
      return new Goal("≥ " + value, r -> r >= value);
    }

    static Goal atMost(double value) {
      return new Goal("≤ " + value, r -> r <= value);
    }
  }

  /**
   * A ratio of two contenders of a group, per round: throughput of {@code numerator} over that of
   * {@code denominator}; or, with {@code timePerCall}, the numerator's time per call over the
   * denominator's. {@code goal} may be null (for information).
   */
  record Comparison(
      String label, String numerator, String denominator, boolean timePerCall, Goal goal) {}

  /** Contenders that alternate, and the ratios between them. */
  record Group(
      String id,
      String title,
      Load load,
      List<Contender> contenders,
      List<Comparison> comparisons) {}

  /** Something that runs calls and says how many per second. */
  abstract static class Contender {
    final String name;
    final int threads;

    Contender(String name, int threads) {
      if (name.contains(",") || name.contains("\"")) {
        throw new IllegalArgumentException("no comma or quote in a contender's name: " + name);
      }
      this.name = name;
      this.threads = threads;
    }

    abstract Result run(Load load) throws Exception;

    boolean isJava() {
      return true;
    }
  }

  /** One call of a Java contender, on thread {@code thread} (0 to threads - 1). */
  interface Call {
    void call(int thread) throws Exception;
  }

  /** Threads of this JVM on the benchmark's pool, started together. */
  static final class JavaContender extends Contender {
    private final BenchDatabase db;
    private final Call call;

    JavaContender(BenchDatabase db, String name, int threads, Call call) {
      super(name, threads);
      this.db = db;
      this.call = call;
    }

    @Override
    Result run(Load load) throws Exception {
      db.prime(threads);
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch start = new CountDownLatch(1);
      AtomicLong calls = new AtomicLong();
      AtomicLong lastEnd = new AtomicLong();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long[] deadline = new long[1];
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Thread worker =
            new Thread(
                () -> {
                  ready.countDown();
                  try {
                    start.await();
                    long done = 0;
                    if (load.seconds() > 0) {
                      while (System.nanoTime() < deadline[0] && failure.get() == null) {
                        call.call(thread);
                        done++;
                      }
                    } else {
                      for (; done < load.callsPerThread() && failure.get() == null; done++) {
                        call.call(thread);
                      }
                    }
                    calls.addAndGet(done);
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  } finally {
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                  }
                },
                "interleaved-" + thread);
        workers.add(worker);
        worker.start();
      }
      ready.await();
      long begin = System.nanoTime();
      deadline[0] = begin + (long) (load.seconds() * 1e9);
      start.countDown();
      for (Thread worker : workers) {
        worker.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException(name + " failed: " + failure.get(), failure.get());
      }
      return new Result(calls.get(), (lastEnd.get() - begin) / 1e9);
    }
  }

  /** pgbench in a subprocess against the same database, with a script of pgbench/. */
  static final class Pgbench extends Contender {
    private static final Pattern TPS =
        Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PROCESSED =
        Pattern.compile("number of transactions actually processed: (\\d+)");

    private final String protocol;
    private final BenchDatabase db;
    private final Path script;
    private final List<String> variables;

    Pgbench(
        String protocol,
        BenchDatabase db,
        String name,
        int clients,
        Path script,
        String... variables) {
      super(name, clients);
      this.protocol = protocol;
      this.db = db;
      this.script = script;
      this.variables = List.of(variables);
    }

    @Override
    boolean isJava() {
      return false;
    }

    @Override
    Result run(Load load) throws Exception {
      // The server's limit (100 by default) is below a 64-thread pool plus 64 pgbench clients.
      if (db.pool.getHikariPoolMXBean().getTotalConnections() + threads > 80) {
        db.closeIdleConnections();
      }
      String url = System.getenv("SEQUENCES_TEST_POSTGRES_URL");
      Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*").matcher(url);
      if (!m.matches()) {
        throw new IllegalStateException("pgbench needs host, port and database in " + url);
      }
      List<String> command =
          new ArrayList<>(List.of("pgbench", "-n", "-M", protocol, "-h", m.group(1)));
      command.addAll(List.of("-p", m.group(2) == null ? "5432" : m.group(2)));
      command.addAll(List.of("-U", System.getenv("SEQUENCES_TEST_POSTGRES_USER")));
      command.addAll(List.of("-c", "" + threads, "-j", "" + Math.min(2, threads)));
      command.addAll(
          load.seconds() > 0
              ? List.of("-T", "" + Math.max(1, Math.round(load.seconds())))
              : List.of("-t", "" + load.callsPerThread()));
      for (String variable : variables) {
        command.addAll(List.of("-D", variable));
      }
      command.addAll(List.of("-f", script.toString(), m.group(3)));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      String password = System.getenv("SEQUENCES_TEST_POSTGRES_PASSWORD");
      if (password != null) {
        builder.environment().put("PGPASSWORD", password);
      }
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      Matcher tps = TPS.matcher(output);
      Matcher processed = PROCESSED.matcher(output);
      if (exit != 0 || !tps.find() || !processed.find()) {
        throw new IllegalStateException(
            name + ": " + String.join(" ", command) + " exited with " + exit + ":\n" + output);
      }
      long calls = Long.parseLong(processed.group(1));
      return new Result(calls, calls / Double.parseDouble(tps.group(1)));
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    Files.createDirectories(settings.out);
    for (String database : settings.databases) {
      run(settings, database, String.join(" ", args));
    }
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  private static void run(Settings settings, String database, String args) throws Exception {
    int maxThreads =
        IntStream.concat(
                IntStream.of(20, 10),
                IntStream.concat(
                    Arrays.stream(settings.atCommitThreads), Arrays.stream(settings.curveThreads)))
            .map(settings::threads)
            .max()
            .orElse(1);
    BenchDatabase db = BenchDatabase.connect(database, maxThreads);
    try {
      String header =
          db.serverVersion()
              + "; "
              + ZonedDateTime.now(ZoneOffset.UTC).format(WHEN)
              + "; "
              + machine()
              + "; mode "
              + settings.describe();
      List<Group> main = new ArrayList<>();
      List<Group> curve = new ArrayList<>();
      groups(settings, db, main, curve);
      Path csv = settings.out.resolve("interleaved-" + database + ".csv");
      Map<Group, Map<String, List<Result>>> results = new LinkedHashMap<>();
      try (PrintWriter rows = new PrintWriter(Files.newBufferedWriter(csv))) {
        rows.println("# " + header);
        rows.println("# curve: " + settings.curveShape());
        rows.println("database,group,contender,threads,round,position,calls,seconds,throughput");
        System.out.println("== " + database + ": " + header);
        System.out.println("warm-up (not counted)");
        // Every Java contender of the comparisons, and the curve's at its first thread count (the
        // same code as the comparisons' unless curve=sleep or parts leaves them out).
        List<Group> warmUp = new ArrayList<>(main);
        if (!curve.isEmpty()) {
          warmUp.add(curve.get(0));
        }
        for (Group group : warmUp) {
          for (Contender contender : group.contenders()) {
            if (contender.isJava()) {
              contender.run(group.load().warmUp(settings.warmUpSeconds));
            }
          }
        }
        rounds(database, main, settings.rounds, results, rows);
        rounds(database, curve, settings.curveRounds, results, rows);
      }
      Path report = settings.out.resolve("interleaved-" + database + ".txt");
      Path ratios = settings.out.resolve("interleaved-" + database + "-ratios.csv");
      String text = report(database, header, args, results, ratios);
      Files.writeString(report, text);
      System.out.println(text);
      if (!curve.isEmpty()) {
        Path svg = settings.out.resolve("contention-" + database + ".svg");
        ContentionChart.write(csv, svg);
        System.out.println("chart: " + svg);
      }
      System.out.println("results: " + report + ", " + csv + ", " + ratios);
    } finally {
      db.close();
    }
  }

  private static void rounds(
      String database,
      List<Group> groups,
      int rounds,
      Map<Group, Map<String, List<Result>>> results,
      PrintWriter rows)
      throws Exception {
    for (int round = 0; round < rounds; round++) {
      for (Group group : groups) {
        List<Contender> order = new ArrayList<>(group.contenders());
        // Rotated by one each round: over as many rounds as contenders, each runs in each place.
        java.util.Collections.rotate(order, -round);
        for (int position = 0; position < order.size(); position++) {
          Contender contender = order.get(position);
          Result result = contender.run(group.load());
          results
              .computeIfAbsent(group, g -> new LinkedHashMap<>())
              .computeIfAbsent(contender.name, n -> new ArrayList<>())
              .add(result);
          rows.printf(
              Locale.ROOT,
              "%s,%s,%s,%d,%d,%d,%d,%.4f,%.1f%n",
              database,
              group.id(),
              contender.name,
              contender.threads,
              round + 1,
              position + 1,
              result.calls(),
              result.seconds(),
              result.throughput());
          rows.flush();
          System.out.printf(
              Locale.ROOT,
              "round %d %-6s %-48s %9.1f /s%n",
              round + 1,
              group.id(),
              contender.name,
              result.throughput());
        }
      }
    }
  }

  /** The text report; writes the ratios' CSV. */
  private static String report(
      String database,
      String header,
      String args,
      Map<Group, Map<String, List<Result>>> results,
      Path ratiosCsv)
      throws IOException {
    StringBuilder out = new StringBuilder();
    StringBuilder summary = new StringBuilder();
    List<String> ratioRows = new ArrayList<>();
    ratioRows.add("database,group,comparison,kind,median,min,max,rounds,per_round,goal,met");
    out.append("Interleaved comparison, ").append(header).append('\n');
    out.append("Command: run.sh interleaved ").append(args).append("\n\n");
    summary
        .append("| ")
        .append(database)
        .append(": comparison | goal | median | min–max | met |\n");
    summary.append("|---|---|---:|---|---|\n");
    for (Map.Entry<Group, Map<String, List<Result>>> entry : results.entrySet()) {
      Group group = entry.getKey();
      Map<String, List<Result>> byName = entry.getValue();
      out.append(group.id())
          .append("  ")
          .append(group.title())
          .append(" (")
          .append(group.load().describe())
          .append(" per round)\n");
      for (Map.Entry<String, List<Result>> c : byName.entrySet()) {
        double[] t = c.getValue().stream().mapToDouble(Result::throughput).toArray();
        out.append(
            String.format(Locale.ROOT, "  %-46s median %9.1f /s  rounds:", c.getKey(), median(t)));
        for (double v : t) {
          out.append(String.format(Locale.ROOT, " %.1f", v));
        }
        out.append('\n');
      }
      for (Comparison comparison : group.comparisons()) {
        List<Result> num = byName.get(comparison.numerator());
        List<Result> den = byName.get(comparison.denominator());
        if (num == null || den == null) {
          continue;
        }
        double[] r = new double[Math.min(num.size(), den.size())];
        for (int i = 0; i < r.length; i++) {
          double a = num.get(i).throughput();
          double b = den.get(i).throughput();
          r[i] = comparison.timePerCall() ? b / a : a / b;
        }
        double median = median(r);
        double min = Arrays.stream(r).min().orElse(Double.NaN);
        double max = Arrays.stream(r).max().orElse(Double.NaN);
        String goal = comparison.goal() == null ? "" : comparison.goal().text();
        String met =
            comparison.goal() == null ? "" : comparison.goal().met().test(median) ? "yes" : "no";
        String perRound =
            Arrays.stream(r)
                .mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                .collect(Collectors.joining(" "));
        String kind = comparison.timePerCall() ? "time per call" : "throughput";
        out.append(
            String.format(
                Locale.ROOT,
                "  ratio %-60s %.3f (%.3f–%.3f) per round: %s%s%n",
                comparison.label() + " [" + kind + "]",
                median,
                min,
                max,
                perRound,
                goal.isEmpty() ? "" : "  goal " + goal + ": " + met));
        ratioRows.add(
            String.format(
                Locale.ROOT,
                "%s,%s,\"%s\",%s,%.4f,%.4f,%.4f,%d,%s,%s,%s",
                database,
                group.id(),
                comparison.label(),
                kind,
                median,
                min,
                max,
                r.length,
                perRound,
                goal,
                met));
        summary.append(
            String.format(
                Locale.ROOT,
                "| %s %s (%s) | %s | %.2f | %.2f–%.2f | %s |%n",
                group.id(),
                comparison.label(),
                kind,
                goal.isEmpty() ? "—" : goal,
                median,
                min,
                max,
                met.isEmpty() ? "—" : met));
      }
      out.append('\n');
    }
    out.append("Summary (median of the per-round ratios, min–max over the rounds):\n\n")
        .append(summary);
    Files.write(ratiosCsv, ratioRows);
    return out.toString();
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Host name, cores and CPU model, for the report and the chart's title. */
  static String machine() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    String cpu = "";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .map(m -> ", " + m)
              .orElse("");
    } catch (IOException | UncheckedIOException e) {
      // Not Linux: no model.
    }
    return host
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores"
        + cpu
        + ", Java "
        + Runtime.version();
  }

  // ---- The comparisons of issue 15 -------------------------------------------------------------

  private static void groups(Settings s, BenchDatabase db, List<Group> main, List<Group> curve) {
    boolean pg = db.server == SupportedDatabase.POSTGRESQL;
    Path dir = s.pgbenchDir;
    String base = pg ? "pgbench" : "raw JDBC";
    DSLContext hooked = DSL.using(db.dsl.configuration().derive(BeforeCommitNumbering.listener()));
    String sleep = db.sleepSql(0.002);
    // The gapped bound's sequence (pgbench/nextval.sql on PostgreSQL; rawGapped on MariaDB).
    db.dsl.execute("create sequence if not exists bench_nextval");

    // a. django-sequences' benchmark shape: one sequence, then each thread on its own.
    if (s.parts.contains("a")) {
      int t = s.threads(20);
      Load load = new Load(s.calls, 0);
      for (boolean distinct : new boolean[] {false, true}) {
        String shape = distinct ? "distinct" : "one";
        GaplessSequence[] seqs = new GaplessSequence[t];
        for (int i = 0; i < t; i++) {
          seqs[i] = GaplessSequence.named("bench-dj-" + (distinct ? i : 0)).allowingAutoCommit();
        }
        String[] names =
            Arrays.stream(seqs)
                .map(q -> q.name().replace("bench-dj-", "bench-rawdj-"))
                .toArray(String[]::new);
        List<Contender> contenders = new ArrayList<>();
        contenders.add(
            new JavaContender(db, "library auto-commit", t, i -> seqs[i].nextValue(db.dsl)));
        contenders.add(
            new JavaContender(
                db,
                "library transactionResult",
                t,
                i -> db.dsl.transactionResult(cfg -> seqs[i].nextValue(cfg.dsl()))));
        if (pg) {
          contenders.add(
              new Pgbench(
                  s.pgbenchProtocol,
                  db,
                  "pgbench auto-commit",
                  t,
                  dir.resolve("autocommit.sql"),
                  "spread=" + (distinct ? 1 : 0)));
          contenders.add(
              new Pgbench(
                  s.pgbenchProtocol,
                  db,
                  "pgbench transaction",
                  t,
                  dir.resolve("transaction.sql"),
                  "spread=" + (distinct ? 1 : 0)));
        } else {
          contenders.add(
              new JavaContender(
                  db,
                  "raw JDBC auto-commit",
                  t,
                  i -> {
                    try (Connection connection = db.pool.getConnection()) {
                      db.rawNextValues(connection, names[i], 1);
                    }
                  }));
          contenders.add(
              new JavaContender(
                  db,
                  "raw JDBC transaction",
                  t,
                  i -> db.rawTransaction(false, c -> db.rawNextValues(c, names[i], 1))));
        }
        main.add(
            new Group(
                "a-" + shape,
                "django-sequences' shape, "
                    + (distinct ? "each thread on its own sequence" : "ONE sequence")
                    + ", "
                    + t
                    + " threads, a call = one nextValue",
                load,
                contenders,
                List.of(
                    new Comparison(
                        "library / " + base + ", auto-commit",
                        "library auto-commit",
                        base + " auto-commit",
                        false,
                        Goal.atLeast(0.95)),
                    new Comparison(
                        "library / " + base + ", transaction per call",
                        "library transactionResult",
                        base + " transaction",
                        false,
                        null),
                    new Comparison(
                        "library transaction / auto-commit",
                        "library transactionResult",
                        "library auto-commit",
                        false,
                        null))));
      }
    }

    // b. The library inside a jOOQ transaction against raw JDBC on the same pool.
    if (s.parts.contains("b")) {
      GaplessSequence one = GaplessSequence.named("bench-b1");
      SQLDialect dialect = db.dsl.dialect();
      main.add(
          new Group(
              "b-1",
              "one thread, a transaction = nextValue + commit",
              s.timed(s.seconds),
              List.of(
                  new JavaContender(
                      db,
                      "library nextValue+commit",
                      1,
                      i -> db.dsl.transactionResult(cfg -> one.nextValue(cfg.dsl()))),
                  new JavaContender(
                      db,
                      "raw JDBC nextValue+commit",
                      1,
                      i -> db.rawTransaction(false, c -> db.rawNextValues(c, "bench-b1", 1))),
                  // The library in raw JDBC's own transaction handling: its cost alone, without
                  // what jOOQ's transaction API adds (README, "Round trips per transaction").
                  new JavaContender(
                      db,
                      "library in raw JDBC's transaction",
                      1,
                      i -> db.rawTransaction(false, c -> one.nextValue(DSL.using(c, dialect))))),
              List.of(
                  new Comparison(
                      "library / raw JDBC (stretch ≤ 1.05)",
                      "library nextValue+commit",
                      "raw JDBC nextValue+commit",
                      true,
                      Goal.atMost(1.10)),
                  new Comparison(
                      "library in raw JDBC's transaction / raw JDBC",
                      "library in raw JDBC's transaction",
                      "raw JDBC nextValue+commit",
                      true,
                      Goal.atMost(1.10)))));
      int t = s.threads(10);
      GaplessSequence contended = GaplessSequence.named("bench-contended");
      main.add(
          new Group(
              "b-10",
              t + " threads on ONE sequence, a transaction = nextValue + insert + commit",
              s.timed(s.seconds),
              List.of(
                  new JavaContender(
                      db, "library", t, i -> ContendedBenchmark.library(db.dsl, contended)),
                  new JavaContender(
                      db, "raw JDBC", t, i -> ContendedBenchmark.raw(db, "bench-contended", false)),
                  new JavaContender(
                      db,
                      "library in raw JDBC's transaction",
                      t,
                      i ->
                          db.rawTransaction(
                              false,
                              c -> {
                                long number = contended.nextValue(DSL.using(c, dialect));
                                BenchDatabase.insertInvoice(c, number);
                                return number;
                              }))),
              List.of(
                  new Comparison(
                      "library / raw JDBC", "library", "raw JDBC", false, Goal.atLeast(0.90)),
                  new Comparison(
                      "library in raw JDBC's transaction / raw JDBC",
                      "library in raw JDBC's transaction",
                      "raw JDBC",
                      false,
                      Goal.atLeast(0.90)))));
    }

    // c. Twenty threads, each on its own sequence (SpreadBenchmark, pgbench/spread.sql).
    if (s.parts.contains("c")) {
      int t = s.threads(20);
      GaplessSequence[] own = new GaplessSequence[t];
      for (int i = 0; i < t; i++) {
        own[i] = GaplessSequence.named("bench-spread-" + i);
      }
      List<Contender> contenders = new ArrayList<>();
      contenders.add(
          new JavaContender(db, "library", t, i -> SpreadBenchmark.library(db.dsl, own[i])));
      contenders.add(
          new JavaContender(
              db, "raw JDBC", t, i -> SpreadBenchmark.raw(db, own[i], SpreadBenchmark.Step.RAW)));
      List<Comparison> comparisons = new ArrayList<>();
      if (pg) {
        contenders.add(new Pgbench(s.pgbenchProtocol, db, "pgbench", t, dir.resolve("spread.sql")));
        comparisons.add(
            new Comparison("library / pgbench", "library", "pgbench", false, Goal.atLeast(0.8)));
        comparisons.add(new Comparison("raw JDBC / pgbench", "raw JDBC", "pgbench", false, null));
      }
      comparisons.add(
          new Comparison(
              "library / raw JDBC", "library", "raw JDBC", false, pg ? null : Goal.atLeast(0.8)));
      main.add(
          new Group(
              "c",
              t + " threads, each on its own sequence, nextValue + insert + commit",
              s.timed(s.seconds),
              contenders,
              comparisons));
    }

    // d. Numbering at commit against numbering first, with 2 ms of database-side sleep.
    if (s.parts.contains("d")) {
      GaplessSequence documents = GaplessSequence.named("bench-at-commit");
      for (int threads : distinct(s, s.atCommitThreads)) {
        List<Contender> contenders = new ArrayList<>();
        contenders.add(
            new JavaContender(
                db,
                "library numbering first",
                threads,
                i -> AtCommitBenchmark.numberingFirst(db.dsl, documents, sleep)));
        contenders.add(
            new JavaContender(
                db,
                "library numbering at commit",
                threads,
                i -> AtCommitBenchmark.numberingAtCommit(hooked, documents, sleep)));
        contenders.add(
            pg
                ? new Pgbench(
                    s.pgbenchProtocol,
                    db,
                    base + " numbering first",
                    threads,
                    dir.resolve("numbering-first.sql"))
                : new JavaContender(
                    db,
                    base + " numbering first",
                    threads,
                    i -> AtCommitBenchmark.rawNumberingFirst(db, "bench-raw-first", sleep, false)));
        main.add(
            new Group(
                "d-" + threads,
                threads + " thread(s) on ONE sequence: document + 2 ms database sleep + number",
                s.timed(s.atCommitSeconds),
                contenders,
                List.of(
                    new Comparison(
                        "at commit / numbering first",
                        "library numbering at commit",
                        "library numbering first",
                        false,
                        threads >= 20 ? Goal.atLeast(3) : null),
                    new Comparison(
                        "numbering first: library / " + base,
                        "library numbering first",
                        base + " numbering first",
                        false,
                        null))));
      }
    }

    // e. The contention curve: one sequence, by threads; the transaction of P1 (the number, an
    // insert, the commit) or, with curve=sleep, that of d (a document, 2 ms of sleep, the number).
    if (s.parts.contains("e")) {
      GaplessSequence contended = GaplessSequence.named("bench-contended");
      GaplessSequence documents = GaplessSequence.named("bench-at-commit");
      boolean work = s.curveSleep;
      for (int threads : distinct(s, s.curveThreads)) {
        List<Contender> contenders = new ArrayList<>();
        contenders.add(
            new JavaContender(
                db,
                "library: numbering first",
                threads,
                work
                    ? i -> AtCommitBenchmark.numberingFirst(db.dsl, documents, sleep)
                    : i -> ContendedBenchmark.library(db.dsl, contended)));
        contenders.add(
            new JavaContender(
                db,
                "library: numbering at commit",
                threads,
                i -> AtCommitBenchmark.numberingAtCommit(hooked, documents, work ? sleep : null)));
        contenders.add(
            new JavaContender(
                db,
                "raw JDBC: same statements",
                threads,
                work
                    ? i -> AtCommitBenchmark.rawNumberingFirst(db, "bench-raw-first", sleep, false)
                    : i -> ContendedBenchmark.raw(db, "bench-contended", false)));
        if (pg) {
          contenders.add(
              new Pgbench(
                  s.pgbenchProtocol,
                  db,
                  "pgbench: same SQL",
                  threads,
                  dir.resolve(work ? "numbering-first.sql" : "contended.sql")));
          contenders.add(
              new Pgbench(
                  s.pgbenchProtocol,
                  db,
                  "pgbench: nextval() (gapped)",
                  threads,
                  dir.resolve(work ? "nextval-first.sql" : "nextval.sql")));
        } else {
          contenders.add(
              new JavaContender(
                  db,
                  "raw JDBC: nextval() (gapped)",
                  threads,
                  work
                      ? i -> AtCommitBenchmark.rawNumberingFirst(db, "", sleep, true)
                      : i -> db.rawTransaction(false, c -> rawGapped(c))));
        }
        String baseline = pg ? "pgbench: same SQL" : "raw JDBC: same statements";
        curve.add(
            new Group(
                "e-" + threads,
                "contention curve, " + threads + " thread(s) on ONE sequence: " + s.curveShape(),
                s.timed(s.curveSeconds),
                contenders,
                List.of(
                    new Comparison(
                        "numbering first: library / " + baseline,
                        "library: numbering first",
                        baseline,
                        false,
                        null),
                    new Comparison(
                        "at commit / numbering first",
                        "library: numbering at commit",
                        "library: numbering first",
                        false,
                        null))));
      }
    }
  }

  /** A number from the database's own gapped sequence, and the invoice (offset as nextval.sql). */
  private static long rawGapped(Connection connection) throws SQLException {
    long number = AtCommitBenchmark.gappedNumber(connection) + 2_000_000_000L;
    BenchDatabase.insertInvoice(connection, number);
    return number;
  }

  private static int[] distinct(Settings s, int[] threads) {
    return Arrays.stream(threads).map(s::threads).distinct().toArray();
  }
}
