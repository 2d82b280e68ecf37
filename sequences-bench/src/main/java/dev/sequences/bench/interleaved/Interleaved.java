package dev.sequences.bench.interleaved;

import dev.sequences.bench.BenchDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * parts=a,b,c,d,e,f} (the classes of {@link #PARTS}), {@code rounds=N} (5), {@code curve-rounds=N}
 * (3), {@code calls=N} (calls per thread in the django-sequences shape, 500), {@code seconds=N} (b,
 * c and f: each timed contender's run per round, 2), {@code at-commit-seconds=N} (d, 1), {@code
 * curve-seconds=N} (e, 1), {@code at-commit-threads=1,4,20}, {@code curve-threads=1,4,20,64},
 * {@code curve=plain|sleep} (the curve's transaction: P1's, or d's with 2 ms of sleep), {@code
 * out=DIR}, {@code pgbench-dir=DIR}, {@code pgbench-protocol=simple|extended|prepared} (pgbench's
 * {@code -M}; simple, its default), {@code warm-up=SECONDS} (each timed Java contender once before
 * the rounds, not counted; 2). Run from {@code sequences-bench/} ({@code run.sh interleaved});
 * results in {@code target/results/interleaved-<database>.*} and the chart {@code
 * contention-<database>.svg}.
 */
public final class Interleaved {

  /** The parts by letter; e, the contention curve, runs after the others with its own rounds. */
  private static final Map<String, Part> PARTS =
      Map.of(
          "a", new DjangoShape(),
          "b", new LibraryAgainstRawJdbc(),
          "c", new Spread(),
          "d", new NumberingAtCommit(),
          "e", new ContentionCurve(),
          "f", new SameTransaction());

  private static final Pattern LOCAL_SESSION_STATE =
      Pattern.compile("[?&]useLocalSessionState=([^&]*)");

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  private Interleaved() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    for (String part : options.parts) {
      if (!PARTS.containsKey(part)) {
        throw new IllegalArgumentException("parts are " + PARTS.keySet() + ", not " + part);
      }
    }
    Files.createDirectories(options.out);
    for (String database : options.databases) {
      BenchDatabase db = BenchDatabase.connect(database, options.mostThreads());
      try {
        run(new Bench(options, db), database, String.join(" ", args));
      } finally {
        db.close();
      }
    }
  }

  private static void run(Bench bench, String database, String command) throws Exception {
    Options options = bench.options;
    String header =
        bench.db.serverVersion()
            + sessionState(database)
            + "; "
            + ZonedDateTime.now(ZoneOffset.UTC).format(WHEN)
            + "; "
            + machine()
            + "; mode "
            + options.describe();
    List<Group> main = new ArrayList<>();
    for (String part : options.parts) {
      if (!part.equals("e")) {
        main.addAll(PARTS.get(part).groups(bench));
      }
    }
    List<Group> curve =
        options.parts.contains("e") ? PARTS.get("e").groups(bench) : List.<Group>of();
    Path csv = options.out.resolve("interleaved-" + database + ".csv");
    Map<Group, Map<String, List<Result>>> results = new LinkedHashMap<>();
    try (PrintWriter rows = new PrintWriter(Files.newBufferedWriter(csv))) {
      rows.println("# " + header);
      rows.println("# curve: " + options.curveShape());
      rows.println(Rounds.CSV_HEADER);
      System.out.println("== " + database + ": " + header);
      bench.notes.forEach(System.out::println);
      System.out.println("warm-up (not counted)");
      // The comparisons' contenders, and the curve's at its first thread count (the same code as
      // the comparisons' unless curve=sleep or parts leaves them out).
      List<Group> warmUp = new ArrayList<>(main);
      warmUp.addAll(curve.subList(0, Math.min(1, curve.size())));
      Rounds.warmUp(warmUp, options.warmUpSeconds);
      Rounds rounds = new Rounds(database, rows);
      rounds.run(main, options.rounds);
      rounds.run(curve, options.curveRounds);
      results.putAll(rounds.results());
    }
    Path report = options.out.resolve("interleaved-" + database + ".txt");
    Path ratios = options.out.resolve("interleaved-" + database + "-ratios.csv");
    String text = Report.write(database, header, command, bench.notes, results, ratios);
    Files.writeString(report, text);
    System.out.println(text);
    if (!curve.isEmpty()) {
      Path svg = options.out.resolve("contention-" + database + ".svg");
      ContentionChart.write(csv, svg);
      System.out.println("chart: " + svg);
    }
    System.out.println("results: " + report + ", " + csv + ", " + ratios);
  }

  /**
   * On MariaDB, whether Connector/J runs with {@code useLocalSessionState} (it removes a round trip
   * from every jOOQ transaction: the isolation read), as the URL sets it.
   */
  private static String sessionState(String database) {
    if (!database.equals("mariadb")) {
      return "";
    }
    Matcher m = LOCAL_SESSION_STATE.matcher(System.getenv("SEQUENCES_TEST_MARIADB_URL"));
    return ", Connector/J useLocalSessionState=" + (m.find() ? m.group(1) : "false (default)");
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
}
