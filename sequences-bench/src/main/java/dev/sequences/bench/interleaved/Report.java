package dev.sequences.bench.interleaved;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report of one database's run: per contender the throughput of each round; per comparison the
 * median of the per-round ratios, their min–max and the goal; a Markdown summary; and the ratios as
 * CSV.
 */
final class Report {

  private final String database;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder summary = new StringBuilder();
  private final List<String> ratioRows = new ArrayList<>();

  private Report(String database) {
    this.database = database;
  }

  /**
   * The text report of {@code results}, {@code notes} under the command; writes the ratios' CSV to
   * {@code ratiosCsv}.
   */
  static String write(
      String database,
      String header,
      String command,
      List<String> notes,
      Map<Group, Map<String, List<Result>>> results,
      Path ratiosCsv)
      throws IOException {
    Report report = new Report(database);
    report.text.append("Interleaved comparison, ").append(header).append('\n');
    report.text.append("Command: run.sh interleaved ").append(command).append('\n');
    notes.forEach(note -> report.text.append(note).append('\n'));
    report.text.append('\n');
    report.summary.append("| ").append(database);
    report.summary.append(
        ": comparison | goal | median | 95 % interval of the median | quartiles | min–max | met |\n");
    report.summary.append("|---|---|---:|---|---|---|---|\n");
    report.ratioRows.add("database,group,comparison,kind,median,min,max,rounds,per_round,goal,met");
    results.forEach(report::group);
    report.text.append("Summary (median of the per-round ratios, min–max over the rounds):\n\n");
    report.text.append(report.summary);
    Files.write(ratiosCsv, report.ratioRows);
    return report.text.toString();
  }

  private void group(Group group, Map<String, List<Result>> byName) {
    text.append(group.id()).append("  ").append(group.title());
    text.append(" (").append(group.load().describe()).append(" per round)\n");
    byName.forEach(
        (name, runs) -> {
          double[] t = runs.stream().mapToDouble(Result::throughput).toArray();
          text.append(
              String.format(Locale.ROOT, "  %-46s median %9.1f /s  rounds:", name, median(t)));
          for (double v : t) {
            text.append(String.format(Locale.ROOT, " %.1f", v));
          }
          text.append('\n');
        });
    for (Comparison comparison : group.comparisons()) {
      List<Result> num = byName.get(comparison.numerator());
      List<Result> den = byName.get(comparison.denominator());
      if (num != null && den != null) {
        ratio(group, comparison, num, den);
      }
    }
    text.append('\n');
  }

  private void ratio(Group group, Comparison comparison, List<Result> num, List<Result> den) {
    double[] r = new double[Math.min(num.size(), den.size())];
    for (int i = 0; i < r.length; i++) {
      r[i] = comparison.of(num.get(i), den.get(i));
    }
    double median = median(r);
    double[] sorted = r.clone();
    Arrays.sort(sorted);
    double min = sorted.length == 0 ? Double.NaN : sorted[0];
    double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    String quartiles = quartiles(sorted);
    String interval = medianInterval(sorted);
    Goal goal = comparison.goal();
    String goalText = goal == null ? "" : goal.text();
    String met = goal == null ? "" : goal.met().test(median) ? "yes" : "no";
    String perRound =
        Arrays.stream(r)
            .mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
            .collect(Collectors.joining(" "));
    String label = comparison.label();
    String kind = comparison.kind();
    text.append(
        String.format(
            Locale.ROOT,
            "  ratio %-60s %.3f (95 %% interval of the median %s; quartiles %s; %.3f–%.3f) per"
                + " round: %s%s%n",
            label + " [" + kind + "]",
            median,
            interval,
            quartiles,
            min,
            max,
            perRound,
            goal == null ? "" : "  goal " + goalText + ": " + met));
    ratioRows.add(
        String.format(
            Locale.ROOT,
            "%s,%s,\"%s\",%s,%.4f,%.4f,%.4f,%d,%s,%s,%s",
            database,
            group.id(),
            label,
            kind,
            median,
            min,
            max,
            r.length,
            perRound,
            goalText,
            met));
    summary.append(
        String.format(
            Locale.ROOT,
            "| %s %s (%s) | %s | %.2f | %s | %s | %.2f–%.2f | %s |%n",
            group.id(),
            label,
            kind,
            goal == null ? "—" : goalText,
            median,
            interval,
            quartiles,
            min,
            max,
            met.isEmpty() ? "—" : met));
  }

  /** The first and third quartiles of {@code sorted} (nearest rank), or – for fewer than 4. */
  private static String quartiles(double[] sorted) {
    int n = sorted.length;
    return n < 4
        ? "–"
        : String.format(Locale.ROOT, "%.2f–%.2f", sorted[(n - 1) / 4], sorted[(3 * n - 1) / 4]);
  }

  /**
   * A 95 % interval of the median of {@code sorted}, from its order statistics (no assumption on
   * the distribution: the ranks n/2 ± 0.98 √n), or – for fewer than 6 rounds.
   */
  private static String medianInterval(double[] sorted) {
    int n = sorted.length;
    int k = (int) Math.floor((n - 1.96 * Math.sqrt(n)) / 2);
    return n < 6 || k < 0
        ? "–"
        : String.format(Locale.ROOT, "%.2f–%.2f", sorted[k], sorted[n - 1 - k]);
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
}
