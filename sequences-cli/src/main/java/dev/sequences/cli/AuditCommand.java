package dev.sequences.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.jr.ob.JSON;

@Command(
    name = "audit",
    footerHeading = "%nExamples:%n",
    footer = {
      "  sequences audit --table invoice --column number --sequence invoices",
      "  sequences audit --table invoice --column number --format json"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Read an application table's numbers in order (streamed, in constant memory) and report gaps"
          + " and duplicates as ranges; compare the highest number with a sequence's last value.",
      "Exit 0 when the numbering is clean, 1 when anything is wrong."
    })
final class AuditCommand implements Callable<Integer> {

  /** How many gap and duplicate ranges the text report prints (JSON holds up to 1000). */
  private static final int PRINTED = 20;

  @ParentCommand SequencesCli cli;

  @Spec CommandSpec spec;

  @Option(names = "--table", required = true, description = "the table, or schema.table")
  String table;

  @Option(names = "--column", required = true, description = "the column holding the numbers")
  String column;

  @Option(names = "--where", description = "an SQL condition that selects the rows to audit")
  @Nullable String where;

  @Option(names = "--sequence", description = "the sequence that issued the numbers")
  @Nullable String sequence;

  @Option(names = "--start", defaultValue = "1", description = "the first number (default 1)")
  long start;

  @Mixin Output output;

  @Option(
      names = "--series",
      description =
          "a number series: compare the table's formatted numbers (in --column) with its ledger"
              + " for --scope and --period (missing, unknown, voided but present, duplicates)")
  @Nullable String series;

  @Option(names = "--scope", defaultValue = "", description = "with --series: the scope")
  String scope;

  @Option(
      names = "--period",
      defaultValue = "",
      description = "with --series: the period's label (2026, 2026-03, FY2026; none by default)")
  String period;

  @Mixin Progress.Options progressOptions;

  @Override
  public Integer call() {
    if (series != null && sequence != null) {
      throw new CliException(
          ExitCode.USAGE, "--series and --sequence audit different things: give one of them");
    }
    try (Database db = cli.connect(1)) {
      Name tableName = Names.identifier("--table", table, db);
      Name columnName = Names.identifier("--column", column, db);
      if (series != null) {
        return auditSeries(db, series, tableName, columnName);
      }
      OptionalLong counter = sequence == null ? null : Names.sequence(sequence).lastValue(db.dsl());
      Condition condition = where == null ? DSL.noCondition() : DSL.condition(where);
      NumberAudit audit =
          scan(
              db,
              tableName,
              columnName,
              condition,
              start,
              progressOptions.on(spec.commandLine().getErr(), cli.terminal()));
      boolean counterMatches =
          counter == null
              || (counter.isPresent()
                  ? audit.hasNumbers() && counter.getAsLong() == audit.highest()
                  : !audit.hasNumbers());
      boolean clean = audit.clean() && counterMatches;
      PrintWriter out = spec.commandLine().getOut();
      switch (output.format()) {
        case JSON -> out.println(json(audit, counter, clean));
        case CSV -> out.print(ranges(audit).formatCSV());
        case TEXT -> text(out, audit, counter, clean);
      }
      return clean ? ExitCode.OK.code() : ExitCode.PROBLEMS.code();
    }
  }

  /** {@code --series}: the table's formatted numbers against the series' ledger. */
  private int auditSeries(Database db, String name, Name tableName, Name columnName) {
    SeriesAudit audit =
        SeriesAudit.of(
            db.dsl(),
            name,
            scope,
            period,
            tableName,
            columnName,
            where == null ? DSL.noCondition() : DSL.condition(where));
    PrintWriter out = spec.commandLine().getOut();
    if (output.format() == Output.Format.CSV) {
      out.print(audit.csv());
    } else if (output.format() == Output.Format.JSON) {
      out.println(audit.json(table, column, name, scope, period));
    } else {
      audit.text(
          out,
          table
              + "."
              + column
              + " against series '"
              + name
              + "', scope '"
              + scope
              + "', period '"
              + period
              + "'");
    }
    return audit.clean() ? ExitCode.OK.code() : ExitCode.PROBLEMS.code();
  }

  private static final Field<String> KIND = DSL.field("kind", SQLDataType.VARCHAR);
  private static final Field<Long> FROM = DSL.field("from", SQLDataType.BIGINT);
  private static final Field<Long> TO = DSL.field("to", SQLDataType.BIGINT);
  private static final Field<Long> EXTRA_ROWS = DSL.field("extra_rows", SQLDataType.BIGINT);

  /** {@code --format csv}: one row per gap and per duplicate range (up to 1000 of each). */
  private static Result<Record4<String, Long, Long, Long>> ranges(NumberAudit audit) {
    Result<Record4<String, Long, Long, Long>> rows =
        Output.ROWS.newResult(KIND, FROM, TO, EXTRA_ROWS);
    audit
        .gaps()
        .forEach(
            g ->
                rows.add(
                    Output.ROWS
                        .newRecord(KIND, FROM, TO, EXTRA_ROWS)
                        .values("gap", g.from(), g.to(), 0L)));
    audit
        .duplicates()
        .forEach(
            d ->
                rows.add(
                    Output.ROWS
                        .newRecord(KIND, FROM, TO, EXTRA_ROWS)
                        .values("duplicate", d.from(), d.to(), (long) d.extraRows())));
    return rows;
  }

  /** Streams the numbers of {@code table.column} in ascending order through a new audit. */
  static NumberAudit scan(
      Database db, Name table, Name column, Condition where, long start, Progress progress) {
    Table<?> rows = DSL.table(table);
    Field<Long> number = DSL.field(column, SQLDataType.BIGINT);
    DSLContext dsl = db.dsl();
    progress.phase("counting the rows of " + dsl.render(rows));
    long total = dsl.selectCount().from(rows).where(where).fetchOne(0, Long.class);
    NumberAudit audit = new NumberAudit(start);
    progress.phase(String.format("the database sorts %,d rows by %s", total, dsl.render(number)));
    progress.count(total, "rows read");
    // PostgreSQL streams through a cursor only inside a transaction; MySQL Connector/J streams
    // when the fetch size is Integer.MIN_VALUE.
    dsl.transaction(
        cfg -> {
          try (Cursor<Record1<Long>> cursor =
              cfg.dsl()
                  .select(number)
                  .from(rows)
                  .where(where)
                  .orderBy(number)
                  .fetchSize(fetchSize(db.dialect()))
                  .fetchLazy()) {
            for (Record1<Long> row : cursor) {
              audit.accept(row.value1());
              progress.advance();
            }
          }
        });
    progress.end();
    return audit.finish();
  }

  private static int fetchSize(SQLDialect dialect) {
    return switch (dialect.family()) {
      case MYSQL, MARIADB -> Integer.MIN_VALUE;
      default -> 1000;
    };
  }

  private void text(
      PrintWriter out, NumberAudit audit, @Nullable OptionalLong counter, boolean clean) {
    out.printf(
        "audited %s.%s: %,d row(s)%s%n",
        table,
        column,
        audit.rows(),
        audit.hasNumbers() ? ", numbers " + audit.lowest() + ".." + audit.highest() : "");
    out.printf(
        "gaps: %d range(s), %d number(s) missing%n", audit.gapRanges(), audit.missingNumbers());
    audit.gaps().stream()
        .limit(PRINTED)
        .forEach(
            g -> out.println("  " + (g.from() == g.to() ? g.from() : g.from() + ".." + g.to())));
    more(out, audit.gapRanges());
    out.printf(
        "duplicates: %d range(s), %d extra row(s)%n", audit.duplicateRanges(), audit.extraRows());
    audit.duplicates().stream()
        .limit(PRINTED)
        .forEach(
            d ->
                out.println(
                    "  "
                        + (d.from() == d.to() ? d.from() : d.from() + ".." + d.to())
                        + " ("
                        + d.extraRows()
                        + " extra row(s))"));
    more(out, audit.duplicateRanges());
    if (audit.belowStart() > 0) {
      out.printf("below the start (%d): %d row(s)%n", start, audit.belowStart());
    }
    if (audit.nullRows() > 0) {
      out.printf("without a number: %d row(s)%n", audit.nullRows());
    }
    if (counter != null) {
      out.println(counterLine(audit, counter));
    }
    out.println(clean ? "OK: no gap, no duplicate" : "PROBLEMS FOUND");
  }

  private static void more(PrintWriter out, long ranges) {
    if (ranges > PRINTED) {
      out.printf(
          "  ... and %d more (--format json lists up to %d)%n",
          ranges - PRINTED, NumberAudit.MAX_LISTED);
    }
  }

  private String counterLine(NumberAudit audit, OptionalLong counter) {
    String prefix = "sequence '" + sequence + "': ";
    if (counter.isEmpty()) {
      return prefix
          + (audit.hasNumbers()
              ? "never used, but the table holds numbers up to " + audit.highest()
              : "never used, and the table holds no number");
    }
    long last = counter.getAsLong();
    if (!audit.hasNumbers()) {
      return prefix + "last value " + last + ", but the table holds no number";
    }
    if (last == audit.highest()) {
      return prefix + "last value " + last + " = the highest number";
    }
    return prefix
        + "last value "
        + last
        + (last < audit.highest()
            ? " is below the highest number "
                + audit.highest()
                + ": its next values would be duplicates"
            : " is above the highest number "
                + audit.highest()
                + ": numbers "
                + (audit.highest() + 1)
                + ".."
                + last
                + " were issued but are not in the table");
  }

  /** The report as one JSON object, its keys in this order (docs/cli.md shows them). */
  private String json(NumberAudit audit, @Nullable OptionalLong counter, boolean clean) {
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("table", table);
    json.put("column", column);
    json.put("start", start);
    json.put("rows", audit.rows());
    json.put("lowest", audit.hasNumbers() ? audit.lowest() : null);
    json.put("highest", audit.hasNumbers() ? audit.highest() : null);
    json.put("missingNumbers", audit.missingNumbers());
    json.put("gapRanges", audit.gapRanges());
    json.put(
        "gaps",
        audit.gaps().stream().map(g -> Output.object("from", g.from(), "to", g.to())).toList());
    json.put("extraRows", audit.extraRows());
    json.put("duplicateRanges", audit.duplicateRanges());
    json.put(
        "duplicates",
        audit.duplicates().stream()
            .map(d -> Output.object("from", d.from(), "to", d.to(), "extraRows", d.extraRows()))
            .toList());
    json.put("belowStart", audit.belowStart());
    json.put("nullRows", audit.nullRows());
    if (counter != null && sequence != null) { // both or neither: counter is read for sequence
      json.put(
          "sequence",
          Output.object(
              "name", sequence, "lastValue", counter.isPresent() ? counter.getAsLong() : null));
    }
    json.put("ok", clean);
    return JSON.std.asString(json);
  }
}
