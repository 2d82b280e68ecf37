package dev.sequences.bench.interleaved;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The contention curve as SVG, drawn from {@link Interleaved}'s results file (its rows of groups
 * {@code e-<threads>}): throughput by threads, one line per contender at the median of its rounds,
 * a bar from the smallest to the largest round. No dependency: the SVG is written by hand.
 *
 * <p>Alone: {@code java -cp benchmarks.jar dev.sequences.bench.interleaved.ContentionChart
 * results.csv out.svg}.
 */
public final class ContentionChart {

  private ContentionChart() {}

  private static final String[] COLOURS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#7f7f7f", "#9467bd", "#8c564b"
  };
  private static final String[] DASHES = {"", "8 4", "2 3", "10 3 2 3", "4 4", "", "6 2"};

  private static final int WIDTH = 960;
  private static final int HEIGHT = 520;
  private static final int LEFT = 90;
  private static final int RIGHT = 290;
  private static final int TOP = 70;
  private static final int BOTTOM = 70;

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ContentionChart results.csv chart.svg");
    }
    write(Path.of(args[0]), Path.of(args[1]));
  }

  /** Reads {@code csv} and writes the chart to {@code svg}. */
  static void write(Path csv, Path svg) throws IOException {
    String header = "";
    String shape = "";
    String database = "";
    // contender -> threads -> throughputs of the rounds
    Map<String, TreeMap<Integer, List<Double>>> series = new LinkedHashMap<>();
    for (String line : Files.readAllLines(csv)) {
      if (line.startsWith("# curve: ")) {
        shape = line.substring("# curve: ".length());
        continue;
      }
      if (line.startsWith("# ")) {
        header = line.substring(2);
        continue;
      }
      if (line.startsWith("database,")) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length < 9 || !f[1].startsWith("e-")) {
        continue;
      }
      database = f[0];
      series
          .computeIfAbsent(f[2], k -> new TreeMap<>())
          .computeIfAbsent(Integer.parseInt(f[3]), k -> new ArrayList<>())
          .add(Double.parseDouble(f[8]));
    }
    if (series.isEmpty()) {
      throw new IllegalStateException(csv + " has no contention curve rows (groups e-<threads>)");
    }
    Files.writeString(svg, svg(database, header, shape, series));
  }

  private static String svg(
      String database,
      String header,
      String shape,
      Map<String, TreeMap<Integer, List<Double>>> series) {
    TreeSet<Integer> threads = new TreeSet<>();
    double top = 0;
    for (TreeMap<Integer, List<Double>> s : series.values()) {
      threads.addAll(s.keySet());
      for (List<Double> v : s.values()) {
        top = Math.max(top, v.stream().mapToDouble(Double::doubleValue).max().orElse(0));
      }
    }
    Plot plot = new Plot(threads, top);
    StringBuilder o = new StringBuilder();
    o.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"13\">%n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    o.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    boolean interleaved = title(o, database, header, shape);
    plot.axes(o, threads);
    int i = 0;
    for (Map.Entry<String, TreeMap<Integer, List<Double>>> s : series.entrySet()) {
      plot.series(o, i, series.size(), s.getKey(), s.getValue());
      i++;
    }
    if (interleaved) {
      double x = LEFT + plot.width + 20;
      text(o, x, TOP + 10 + i * 24 + 16, "start", 10, "normal", "each thread count:");
      text(o, x, TOP + 10 + i * 24 + 30, "start", 10, "normal", "contenders interleaved in rounds");
    }
    o.append("</svg>\n");
    return o.toString();
  }

  /**
   * The title (the server) and the subtitle (the transaction's shape, the date and the machine);
   * whether the header names a mode, that is, comes from an interleaved run.
   */
  private static boolean title(StringBuilder o, String database, String header, String shape) {
    // "PostgreSQL 15.20 (Debian 15.20-0+deb12u1)" -> "PostgreSQL 15.20"
    String server =
        (header.contains(";") ? header.substring(0, header.indexOf(';')) : database)
            .replaceAll(" \\(.*\\)", "");
    String title = server + ": every thread on ONE sequence, transactions per second";
    text(o, LEFT, 28, "start", 17, "bold", title);
    String rest = header.contains(";") ? header.substring(header.indexOf(';') + 1).trim() : "";
    String[] parts = rest.split("; mode ", 2);
    text(o, LEFT, 48, "start", 11, "normal", (shape.isEmpty() ? "" : shape + "; ") + parts[0]);
    return parts.length > 1;
  }

  /** The plot's area and scales: threads on a log scale, throughput from 0 to a round value. */
  private static final class Plot {
    final double width = WIDTH - LEFT - RIGHT;
    final double height = HEIGHT - TOP - BOTTOM;
    final double step;
    final double yMax;
    final double lo;
    final double hi;

    Plot(TreeSet<Integer> threads, double top) {
      step = niceStep(top / 5);
      yMax = Math.max(step, Math.ceil(top / step) * step);
      lo = Math.log(threads.first());
      hi = Math.log(threads.last());
    }

    double x(int threads) {
      return hi == lo
          ? LEFT + width / 2
          : LEFT + 20 + (Math.log(threads) - lo) / (hi - lo) * (width - 40);
    }

    double y(double value) {
      return TOP + height - value / yMax * height;
    }

    /** The grid, the axes, their ticks and labels. */
    void axes(StringBuilder o, TreeSet<Integer> threads) {
      for (double v = 0; v <= yMax + step / 2; v += step) {
        double yy = y(v);
        line(o, LEFT, yy, LEFT + width, yy, "#dddddd", 1, "");
        text(o, LEFT - 8, yy + 4, "end", 12, "normal", String.format(Locale.ROOT, "%,.0f", v));
      }
      // A tick at each thread count measured.
      for (int t : threads) {
        double xx = x(t);
        line(o, xx, TOP, xx, TOP + height, "#eeeeee", 1, "");
        line(o, xx, TOP + height, xx, TOP + height + 5, "black", 1, "");
        text(o, xx, TOP + height + 20, "middle", 12, "normal", Integer.toString(t));
      }
      line(o, LEFT, TOP + height, LEFT + width, TOP + height, "black", 1, "");
      line(o, LEFT, TOP, LEFT, TOP + height, "black", 1, "");
      String xLabel = "threads (clients), one pooled connection each; log scale";
      text(o, LEFT + width / 2, HEIGHT - 22, "middle", 13, "normal", xLabel);
      o.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\""
                  + " transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n",
              22.0,
              TOP + height / 2,
              22.0,
              TOP + height / 2,
              escape("transactions per second (median of rounds; bars: min–max)")));
    }

    /**
     * Contender number {@code i} of {@code count}: a line through its medians, a bar from the
     * smallest to the largest round at each thread count, and its entry in the legend.
     */
    void series(
        StringBuilder o, int i, int count, String name, TreeMap<Integer, List<Double>> byThreads) {
      String colour = COLOURS[i % COLOURS.length];
      String dash = DASHES[i % DASHES.length];
      StringBuilder points = new StringBuilder();
      for (Map.Entry<Integer, List<Double>> p : byThreads.entrySet()) {
        double[] v = p.getValue().stream().mapToDouble(Double::doubleValue).toArray();
        // Each line a few pixels aside, so that the bars at one thread count do not cover each
        // other.
        double xx = x(p.getKey()) + (i - (count - 1) / 2.0) * 5;
        double min = Arrays.stream(v).min().orElse(0);
        double max = Arrays.stream(v).max().orElse(0);
        double med = Report.median(v);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", xx, y(med)));
        line(o, xx, y(min), xx, y(max), colour, 1.5, "");
        line(o, xx - 4, y(min), xx + 4, y(min), colour, 1.5, "");
        line(o, xx - 4, y(max), xx + 4, y(max), colour, 1.5, "");
        String tip =
            String.format(
                Locale.ROOT, "%s, %d threads: %.0f (%.0f–%.0f)", name, p.getKey(), med, min, max);
        o.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s</title></circle>%n",
                xx,
                y(med),
                colour,
                escape(tip)));
      }
      o.append(
          String.format(
              Locale.ROOT,
              "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"%s/>%n",
              points.toString().trim(),
              colour,
              dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\""));
      double ly = TOP + 10 + i * 24;
      double lx = LEFT + width + 20;
      line(o, lx, ly, lx + 36, ly, colour, 2.5, dash);
      text(o, lx + 44, ly + 4, "start", 13, "normal", name);
    }
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  private static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static void line(
      StringBuilder o,
      double x1,
      double y1,
      double x2,
      double y2,
      String colour,
      double width,
      String dash) {
    o.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
            x1,
            y1,
            x2,
            y2,
            colour,
            width,
            dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\""));
  }

  private static void text(
      StringBuilder o, double x, double y, String anchor, int size, String weight, String text) {
    o.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>%n",
            x,
            y,
            anchor,
            size,
            weight,
            escape(text)));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
