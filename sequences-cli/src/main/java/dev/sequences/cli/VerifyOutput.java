package dev.sequences.cli;

import dev.sequences.series.SeriesReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import tools.jackson.jr.ob.JSON;

/**
 * {@code series verify --format json|csv}: JSON, an array of one object per counter with the whole
 * report; CSV, one row per counter with its summary (the findings in one column).
 */
final class VerifyOutput {

  private static final List<Field<?>> COLUMNS =
      List.of(
          DSL.field("series", SQLDataType.VARCHAR),
          DSL.field("scope", SQLDataType.VARCHAR),
          DSL.field("period", SQLDataType.VARCHAR),
          DSL.field("first_number", SQLDataType.BIGINT),
          DSL.field("last_number", SQLDataType.BIGINT),
          DSL.field("issued", SQLDataType.BIGINT),
          DSL.field("voided", SQLDataType.INTEGER),
          DSL.field("findings", SQLDataType.VARCHAR),
          DSL.field("clean", SQLDataType.BOOLEAN));

  private VerifyOutput() {}

  static void print(PrintWriter out, Output.Format format, List<SeriesReport> reports) {
    if (format == Output.Format.JSON) {
      out.println(JSON.std.asString(reports.stream().map(VerifyOutput::object).toList()));
      return;
    }
    Result<Record> rows = Output.ROWS.newResult(COLUMNS);
    for (SeriesReport r : reports) {
      Record row = Output.ROWS.newRecord(COLUMNS);
      row.fromArray(
          r.series(),
          r.scope(),
          r.period(),
          r.firstNumber().isPresent() ? r.firstNumber().getAsLong() : null,
          r.lastNumber().isPresent() ? r.lastNumber().getAsLong() : null,
          r.issued(),
          r.voided().size(),
          String.join("; ", r.findings()),
          r.clean());
      rows.add(row);
    }
    out.print(rows.formatCSV());
  }

  private static Map<String, @Nullable Object> object(SeriesReport r) {
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("series", r.series());
    json.put("scope", r.scope());
    json.put("period", r.period());
    json.put("counter", r.counter());
    json.put("records", r.records());
    json.put("issued", r.issued());
    json.put("firstNumber", r.firstNumber().isPresent() ? r.firstNumber().getAsLong() : null);
    json.put("lastNumber", r.lastNumber().isPresent() ? r.lastNumber().getAsLong() : null);
    json.put("startedAfter", r.startedAfter().isPresent() ? r.startedAfter().getAsLong() : null);
    json.put("counterLast", r.counterLast().isPresent() ? r.counterLast().getAsLong() : null);
    json.put(
        "gaps",
        r.gaps().stream().map(g -> Output.object("first", g.first(), "last", g.last())).toList());
    json.put(
        "voided",
        r.voided().stream()
            .map(
                v ->
                    Output.object(
                        "number", v.number(),
                        "text", v.text(),
                        "reason", v.reason(),
                        "voidedAt", v.voidedAt()))
            .toList());
    json.put("datesOutOfOrder", r.datesOutOfOrder().size());
    json.put("chained", r.chained());
    json.put(
        "firstBrokenLink",
        r.firstBrokenLink()
            .map(
                b ->
                    Output.object("entry", b.entry(), "number", b.number(), "problem", b.problem()))
            .orElse(null));
    json.put("findings", r.findings());
    json.put("clean", r.clean());
    return json;
  }
}
