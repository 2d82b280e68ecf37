package dev.sequences.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONFormat;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --format text|json|csv} for the commands that print rows: JSON and CSV written by jOOQ's
 * {@link Result#formatJSON} and {@link Result#formatCSV}. JSON is an array of objects, one per row,
 * keyed by the column names docs/cli.md lists per command; CSV has a header line.
 */
final class Output {

  /** How rows are printed. */
  enum Format {
    TEXT,
    JSON,
    CSV
  }

  /** Makes the rows: jOOQ without a database. */
  static final DSLContext ROWS = DSL.using(SQLDialect.DEFAULT);

  static final JSONFormat OBJECTS =
      new JSONFormat().header(false).recordFormat(JSONFormat.RecordFormat.OBJECT);

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (the default), json or csv, for scripts")
  Format format = Format.TEXT;

  @Option(names = "--json", hidden = true, description = "the same as --format json")
  boolean json;

  /** The format asked for. */
  Format format() {
    return json ? Format.JSON : format;
  }

  /** Prints {@code rows} as JSON or CSV; false for text, which the command prints its own way. */
  boolean printed(PrintWriter out, Result<?> rows) {
    switch (format()) {
      case JSON -> out.println(rows.formatJSON(OBJECTS));
      case CSV -> out.print(rows.formatCSV());
      case TEXT -> {
        return false;
      }
    }
    return true;
  }

  /** A JSON object of {@code keysAndValues}, its keys in that order. */
  static Map<String, @Nullable Object> object(@Nullable Object... keysAndValues) {
    Map<String, @Nullable Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
    }
    return object;
  }
}
