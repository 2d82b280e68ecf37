package dev.sequences.cli;

import dev.sequences.series.SeriesReport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One self-contained HTML page of a series' audit ({@code series report}): a scope × period grid
 * whose cells give each counter's number range and ✓ or ✗, every finding, every void with its
 * reason, the chain's state, and when and against what it was made. No external assets, no script.
 * Built with jsoup, which escapes every text.
 */
final class HtmlReport {

  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;margin:1em 0}"
          + "th,td{border:1px solid #999;padding:.3em .6em;text-align:left}"
          + "th{background:#eee}td.ok{background:#e6f4ea}td.bad{background:#fce8e6}"
          + ".meta{color:#555}";

  private HtmlReport() {}

  /**
   * The page for {@code reports}, the verification of every counter of series {@code series}, made
   * at {@code made} against {@code against} (the database, its password hidden, and the counter
   * table).
   */
  static String of(String series, List<SeriesReport> reports, String against, Instant made) {
    Document page = Document.createShell("");
    page.title("Series " + series + ": audit report");
    page.head().appendElement("meta").attr("charset", "utf-8");
    page.head().appendElement("style").appendText(STYLE);
    Element body = page.body();
    body.appendElement("h1").text("Series " + series + ": audit report");
    body.appendElement("p")
        .addClass("meta")
        .text(
            "Made "
                + made.truncatedTo(ChronoUnit.SECONDS)
                + " against "
                + against
                + ": "
                + reports.size()
                + " counter(s), "
                + reports.stream().filter(r -> !r.clean()).count()
                + " with findings.");
    grid(body.appendElement("table").attr("id", "grid"), reports);
    findings(body, reports);
    voids(body, reports);
    chain(body, reports);
    return page.outerHtml();
  }

  private static void grid(Element table, List<SeriesReport> reports) {
    TreeSet<String> scopes = new TreeSet<>();
    TreeSet<String> periods = new TreeSet<>();
    reports.forEach(
        r -> {
          scopes.add(r.scope());
          periods.add(r.period());
        });
    Element head = table.appendElement("tr");
    head.appendElement("th").text("scope \\ period");
    periods.forEach(p -> head.appendElement("th").text(shown(p)));
    for (String scope : scopes) {
      Element row = table.appendElement("tr");
      row.appendElement("th").text(shown(scope));
      for (String period : periods) {
        Element cell = row.appendElement("td");
        reports.stream()
            .filter(r -> r.scope().equals(scope) && r.period().equals(period))
            .findFirst()
            .ifPresent(
                r ->
                    cell.addClass(r.clean() ? "ok" : "bad")
                        .text(range(r) + (r.clean() ? " ✓" : " ✗")));
      }
    }
  }

  private static String range(SeriesReport r) {
    return r.firstNumber().isPresent()
        ? r.firstNumber().getAsLong() + "–" + r.lastNumber().getAsLong()
        : "no number";
  }

  private static void findings(Element body, List<SeriesReport> reports) {
    body.appendElement("h2").text("Findings");
    Element list = body.appendElement("ul").attr("id", "findings");
    for (SeriesReport r : reports) {
      r.findings().forEach(f -> list.appendElement("li").text(counter(r) + ": " + f));
    }
    if (list.childrenSize() == 0) {
      list.appendElement("li").text("none");
    }
  }

  private static void voids(Element body, List<SeriesReport> reports) {
    body.appendElement("h2").text("Voided numbers");
    Element table = body.appendElement("table").attr("id", "voids");
    Element head = table.appendElement("tr");
    for (String title : List.of("scope", "period", "number", "text", "reason", "voided at")) {
      head.appendElement("th").text(title);
    }
    for (SeriesReport r : reports) {
      for (SeriesReport.VoidedNumber v : r.voided()) {
        Element row = table.appendElement("tr");
        row.appendElement("td").text(shown(r.scope()));
        row.appendElement("td").text(shown(r.period()));
        row.appendElement("td").text(Long.toString(v.number()));
        row.appendElement("td").text(v.text());
        row.appendElement("td").text(String.valueOf(v.reason()));
        row.appendElement("td").text(String.valueOf(v.voidedAt()));
      }
    }
  }

  private static void chain(Element body, List<SeriesReport> reports) {
    body.appendElement("h2").text("Hash chain");
    Element list = body.appendElement("ul").attr("id", "chain");
    for (SeriesReport r : reports) {
      list.appendElement("li")
          .text(
              counter(r)
                  + ": "
                  + (!r.chained()
                      ? "not chained"
                      : r.firstBrokenLink()
                          .map(
                              b ->
                                  "broken at entry "
                                      + b.entry()
                                      + " (number "
                                      + b.number()
                                      + "): "
                                      + b.problem())
                          .orElse("intact, " + r.records() + " records")));
    }
  }

  private static String counter(SeriesReport r) {
    return "scope " + shown(r.scope()) + ", period " + shown(r.period());
  }

  /** The empty scope and period (none) as {@code ''}. */
  private static String shown(String text) {
    return text.isEmpty() ? "''" : text;
  }
}
