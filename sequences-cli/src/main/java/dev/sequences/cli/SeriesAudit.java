package dev.sequences.cli;

import dev.sequences.series.NumberSeries;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import tools.jackson.jr.ob.JSON;

/**
 * {@code audit --series}: an application's table of formatted numbers against a series' ledger, for
 * one scope and period. Missing: issued, not voided, not in the table. Unknown: in the table, never
 * issued. Voided but present: voided in the ledger, still in the table. Duplicates: in the table
 * more than once.
 */
final class SeriesAudit {

  private final Map<String, Long> issued = new LinkedHashMap<>();
  private final Set<String> voided = new TreeSet<>();
  private final Map<String, Integer> present = new TreeMap<>();

  private SeriesAudit() {}

  /** Reads the ledger and the table's texts (one grouped query), and compares them. */
  static SeriesAudit of(
      DSLContext dsl,
      String series,
      String scope,
      String period,
      Name table,
      Name column,
      Condition where) {
    SeriesAudit audit = new SeriesAudit();
    NumberSeries.named(series)
        .export(
            dsl,
            scope,
            period,
            records -> {
              for (Record r : records) {
                String text = r.get("text", String.class);
                if ("issue".equals(r.get("kind", String.class))) {
                  audit.issued.put(text, r.get("number", Long.class));
                } else if ("void".equals(r.get("kind", String.class))) {
                  audit.voided.add(text);
                }
              }
            });
    Field<String> texts = DSL.field(column, SQLDataType.VARCHAR);
    Field<Integer> count = DSL.count();
    dsl.select(texts, count)
        .from(DSL.table(table))
        .where(where)
        .and(texts.isNotNull())
        .groupBy(texts)
        .fetch()
        .forEach(r -> audit.present.put(r.value1(), r.value2()));
    return audit;
  }

  /** Issued, not voided, not in the table: in the order of their numbers. */
  List<String> missing() {
    List<String> missing = new ArrayList<>();
    issued.forEach(
        (text, number) -> {
          if (!voided.contains(text) && !present.containsKey(text)) {
            missing.add(text);
          }
        });
    return missing;
  }

  /** In the table, never issued by the series there. */
  List<String> unknown() {
    return present.keySet().stream().filter(t -> !issued.containsKey(t)).toList();
  }

  /** Voided, yet in the table. */
  List<String> voidedButPresent() {
    return voided.stream().filter(present::containsKey).toList();
  }

  /** In the table more than once. */
  List<String> duplicates() {
    return present.entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey)
        .toList();
  }

  boolean clean() {
    return missing().isEmpty()
        && unknown().isEmpty()
        && voidedButPresent().isEmpty()
        && duplicates().isEmpty();
  }

  void text(PrintWriter out, String what) {
    out.printf(
        "audited %s: %d text(s) in the table, %d number(s) issued in the ledger (%d voided)%n",
        what, present.size(), issued.size(), voided.size());
    line(out, "missing", missing());
    line(out, "unknown", unknown());
    line(out, "voided but present", voidedButPresent());
    line(out, "duplicates", duplicates());
    out.println(clean() ? "OK: the table and the ledger agree" : "PROBLEMS: see above");
  }

  private static void line(PrintWriter out, String label, List<String> texts) {
    out.printf("%-19s %s%n", label + ":", texts.isEmpty() ? "none" : String.join(", ", texts));
  }

  /** {@code --format csv}: one row per problem, {@code problem,text}. */
  String csv() {
    Field<String> problem = DSL.field("problem", SQLDataType.VARCHAR);
    Field<String> text = DSL.field("text", SQLDataType.VARCHAR);
    var rows = Output.ROWS.newResult(problem, text);
    Map<String, List<String>> problems = new LinkedHashMap<>();
    problems.put("missing", missing());
    problems.put("unknown", unknown());
    problems.put("voided but present", voidedButPresent());
    problems.put("duplicate", duplicates());
    problems.forEach(
        (kind, texts) ->
            texts.forEach(t -> rows.add(Output.ROWS.newRecord(problem, text).values(kind, t))));
    return rows.formatCSV();
  }

  String json(String table, String column, String series, String scope, String period) {
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("table", table);
    json.put("column", column);
    json.put("series", series);
    json.put("scope", scope);
    json.put("period", period);
    json.put("texts", present.size());
    json.put("issued", issued.size());
    json.put("voided", voided.size());
    json.put("missing", missing());
    json.put("unknown", unknown());
    json.put("voidedButPresent", voidedButPresent());
    json.put("duplicates", duplicates());
    json.put("ok", clean());
    return JSON.std.asString(json);
  }
}
