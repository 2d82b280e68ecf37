package dev.sequences.series;

import dev.sequences.jooq.ReservedCounters;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The statements on the ledger, {@code <counter table>_issued}, for one counter, on a context bound
 * to the caller's connection (with the library's rendering: quoted names, bound values).
 *
 * <p>The ledger's name and schema follow the counter table's as the context's render mapping places
 * it ({@link ReservedCounters#counterTable}): a mapping of {@code sequences_sequence} to {@code
 * billing.invoice_counters} puts the ledger at {@code billing.invoice_counters_issued}. It is named
 * through a plain SQL template, so the render mapping, already applied to the counter table, is not
 * applied a second time (a pattern mapping of every table would otherwise rename it twice).
 *
 * <p>Its columns are named here with jOOQ's plain DSL: the classes jOOQ generates for it stay
 * internal to sequences-jooq, like the counter table's.
 */
final class Ledger {

  /** What the ledger's name adds to the counter table's, as in SequencesSchema.LEDGER_SUFFIX. */
  static final String SUFFIX = "_issued";

  static final Field<String> COUNTER = text("counter");
  static final Field<Long> ENTRY = DSL.field(DSL.name("entry"), SQLDataType.BIGINT);
  static final Field<String> KIND = text("kind");
  static final Field<String> SERIES = text("series");
  static final Field<String> SCOPE = text("scope");
  static final Field<String> PERIOD = text("period");
  static final Field<Long> NUMBER = DSL.field(DSL.name("number"), SQLDataType.BIGINT);
  static final Field<String> TEXT = text("text");
  static final Field<LocalDate> DOCUMENT_DATE =
      DSL.field(DSL.name("document_date"), SQLDataType.LOCALDATE);
  static final Field<LocalDate> LATEST_DATE =
      DSL.field(DSL.name("latest_date"), SQLDataType.LOCALDATE);
  static final Field<String> RECORDED_AT = text("recorded_at");
  static final Field<String> REASON = text("reason");
  static final Field<String> PREVIOUS_HASH = text("previous_hash");
  static final Field<String> HASH = text("hash");

  private static final List<Field<?>> COLUMNS =
      List.of(
          COUNTER,
          ENTRY,
          KIND,
          SERIES,
          SCOPE,
          PERIOD,
          NUMBER,
          TEXT,
          DOCUMENT_DATE,
          LATEST_DATE,
          RECORDED_AT,
          REASON,
          PREVIOUS_HASH,
          HASH);

  private final DSLContext ctx;
  private final String counter;
  private final Name name;
  private final Table<?> table;
  private final String rendered;

  private Ledger(DSLContext ctx, String counter, Name name) {
    this.ctx = ctx;
    this.counter = counter;
    this.name = name;
    this.table = DSL.table("{0}", name);
    this.rendered = ctx.render(name);
  }

  /** The ledger of {@code counter}, beside the counter table as {@code bound} maps it. */
  static Ledger of(DSLContext bound, String counter) {
    Name counters = ReservedCounters.counterTable(bound);
    Name[] parts = counters.parts();
    String ledger = counters.last() + SUFFIX;
    Name name =
        parts.length == 1 ? DSL.name(ledger) : DSL.name(parts[parts.length - 2].last(), ledger);
    return new Ledger(bound, counter, name);
  }

  /** The ledger table as messages name it (schema-qualified where mapped so). */
  String rendered() {
    return rendered;
  }

  /**
   * The counter's latest record, if any: its entry, latest date and hash, with the database's clock
   * now. {@code lastNumber} is the counter's last number before this call's (its record is the
   * latest issue, and any later records are voids of earlier numbers): the search starts at that
   * record's entry, found by the unique key (counter, number, kind), so that H2 and HSQLDB, which
   * would otherwise read every record of the counter to find its last, read only a few; without
   * that record (tampered or never written) it reads them all. Read with a locking read ({@code FOR
   * UPDATE}) where {@code lock} and the database has one: at MySQL's and MariaDB's default
   * REPEATABLE READ a plain read would see the transaction's snapshot, older than the latest
   * commit. SQLite and HSQLDB need none: there the transaction that holds the counter's lock holds
   * the whole table.
   */
  @Nullable Head head(long lastNumber, boolean lock) {
    Field<Long> lastRecord =
        DSL.field(
            DSL.select(ENTRY)
                .from(table)
                .where(COUNTER.eq(ReservedCounters.nameValue(ctx, counter)))
                .and(NUMBER.eq(lastNumber))
                .and(KIND.in(LedgerRecord.Kind.ISSUE.stored(), LedgerRecord.Kind.START.stored())));
    var query =
        ctx.select(ENTRY, LATEST_DATE, HASH, clock())
            .from(table)
            .where(COUNTER.eq(ReservedCounters.nameValue(ctx, counter)))
            .and(ENTRY.ge(DSL.coalesce(lastRecord, DSL.val(0L))))
            .orderBy(ENTRY.desc())
            .limit(1);
    ResultQuery<Record4<Long, LocalDate, String, Long>> read =
        lock && hasForUpdate() ? query.forUpdate() : query;
    Record4<Long, LocalDate, String, Long> head = run(read::fetchOne);
    return head == null
        ? null
        : new Head(head.value1(), head.value2(), head.value3(), head.value4());
  }

  /** The database's clock now, in milliseconds since the epoch. */
  long now() {
    return run(() -> ctx.select(clock()).fetchOne().value1());
  }

  /** The counter's records of {@code number}, read as {@link #head} reads (locked if asked). */
  List<LedgerRecord> recordsOf(long number, boolean lock) {
    SelectConditionStep<Record> query =
        ctx.select(COLUMNS)
            .from(table)
            .where(COUNTER.eq(ReservedCounters.nameValue(ctx, counter)))
            .and(NUMBER.eq(number));
    ResultQuery<Record> read = lock && hasForUpdate() ? query.forUpdate() : query;
    return run(() -> read.fetch(Ledger::record));
  }

  /**
   * Appends {@code record}. The transaction holds the counter's lock, and the record's entry and
   * number come from reads under it: a key the ledger already holds was written by a transaction
   * that committed after this one's snapshot (PostgreSQL at REPEATABLE READ reads the latest record
   * in that snapshot, {@code FOR UPDATE} or not, when the other transaction locked the counter
   * without changing it, as a void does), so this transaction must run again.
   */
  void insert(LedgerRecord record) {
    try {
      append(record);
    } catch (RuntimeException e) {
      SQLException cause = sqlException(e);
      if (cause == null || cause.getSQLState() == null || !cause.getSQLState().startsWith("23")) {
        throw e;
      }
      throw new DataAccessException(
          "sequence '"
              + counter
              + "': the ledger "
              + rendered
              + " already holds entry "
              + record.entry()
              + " or this "
              + Objects.requireNonNull(record.kind(), "kind").stored()
              + " of number "
              + record.number()
              + ", written by a transaction that committed after this one's snapshot (a concurrent"
              + " void or issue, at REPEATABLE READ or SERIALIZABLE); nothing was recorded. Run the"
              + " whole transaction again (roll it back first, where the database has not)",
          new SQLTransactionRollbackException(cause.getMessage(), "40001", cause));
    }
  }

  private static @Nullable SQLException sqlException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  private void append(LedgerRecord record) {
    run(
        () ->
            ctx.insertInto(table)
                .columns(COLUMNS)
                .values(
                    record.counter(),
                    record.entry(),
                    Objects.requireNonNull(record.kind(), "kind").stored(),
                    record.series(),
                    record.scope(),
                    record.period(),
                    record.number(),
                    record.text(),
                    record.documentDate(),
                    record.latestDate(),
                    record.recordedAt(),
                    record.reason(),
                    record.previousHash(),
                    record.hash())
                .execute());
  }

  /**
   * Hands every record of the counter to {@code each}, in the order of their entries, read by one
   * statement (one snapshot) with the counter's last value and its void counter's ({@link
   * CounterNames#voidsOf}) beside each: returned, or null when there is no record (then the counter
   * is read on its own).
   */
  @Nullable Tally history(Consumer<LedgerRecord> each) {
    Field<Long> counterLast = ReservedCounters.lastValueOf(ctx, counter).as("counter_last");
    Field<Long> voidsLast =
        ReservedCounters.lastValueOf(ctx, CounterNames.voidsOf(counter)).as("voids_last");
    Tally[] tally = {null};
    run(
        () -> {
          try (Cursor<Record> rows =
              ctx.select(COLUMNS)
                  .select(counterLast, voidsLast)
                  .from(table)
                  .where(COUNTER.eq(ReservedCounters.nameValue(ctx, counter)))
                  .orderBy(ENTRY)
                  .fetchSize(1000)
                  .fetchLazy()) {
            for (Record row : rows) {
              if (tally[0] == null) {
                tally[0] = new Tally(row.get(counterLast), row.get(voidsLast));
              }
              each.accept(record(row));
            }
          }
          return null;
        });
    return tally[0];
  }

  /**
   * Hands the counter's records, every column, in entry order, to {@code reader} as they are read.
   */
  void export(Consumer<? super Cursor<Record>> reader) {
    run(
        () -> {
          try (Cursor<Record> rows =
              ctx.select(COLUMNS)
                  .from(table)
                  .where(COUNTER.eq(ReservedCounters.nameValue(ctx, counter)))
                  .orderBy(ENTRY)
                  .fetchSize(1000)
                  .fetchLazy()) {
            reader.accept(rows);
          }
          return null;
        });
  }

  /** The counter's last value and its void counter's, null where there is none. */
  record Tally(@Nullable Long last, @Nullable Long voids) {}

  /**
   * The numbers of this counter whose text an issue of another counter of {@code series} and {@code
   * scope} (another period) also has, in the order of the numbers, then periods: one statement, the
   * ledger joined to itself on the text.
   */
  List<RepeatedText> textsOfOtherPeriods(String series, String scope) {
    Name a = DSL.name("a");
    Name b = DSL.name("b");
    String issue = LedgerRecord.Kind.ISSUE.stored();
    List<RepeatedText> found =
        run(
            () ->
                ctx.select(
                        of(a, NUMBER),
                        of(a, TEXT),
                        of(b, SERIES),
                        of(b, SCOPE),
                        of(b, PERIOD),
                        of(b, NUMBER))
                    .from(DSL.table("{0} {1}", name, a))
                    .join(DSL.table("{0} {1}", name, b))
                    .on(of(b, TEXT).eq(of(a, TEXT)))
                    .and(of(b, SERIES).eq(of(a, SERIES)))
                    .and(of(b, SCOPE).eq(of(a, SCOPE)))
                    .and(of(b, COUNTER).ne(of(a, COUNTER)))
                    .and(of(b, KIND).eq(issue))
                    .where(of(a, COUNTER).eq(ReservedCounters.nameValue(ctx, counter)))
                    .and(of(a, KIND).eq(issue))
                    .orderBy(of(a, NUMBER), of(b, PERIOD), of(b, NUMBER))
                    .fetch(
                        r ->
                            r.value3().equals(series) && r.value4().equals(scope)
                                ? new RepeatedText(r.value1(), r.value2(), r.value5(), r.value6())
                                : null));
    return found.stream().filter(Objects::nonNull).toList();
  }

  /**
   * {@code column} of the ledger aliased {@code alias}, through a plain SQL template, so that the
   * render mapping does not take the alias for a table to map.
   */
  private static <T> Field<T> of(Name alias, Field<T> column) {
    return DSL.field("{0}.{1}", column.getDataType(), alias, column.getUnqualifiedName());
  }

  /** Number {@code number}'s {@code text}, also that of {@code otherNumber} of {@code period}. */
  record RepeatedText(long number, String text, String period, long otherNumber) {}

  private static LedgerRecord record(Record row) {
    return new LedgerRecord(
        row.get(COUNTER),
        row.get(ENTRY),
        LedgerRecord.Kind.of(row.get(KIND)),
        row.get(SERIES),
        row.get(SCOPE),
        row.get(PERIOD),
        row.get(NUMBER),
        row.get(TEXT),
        row.get(DOCUMENT_DATE),
        row.get(LATEST_DATE),
        row.get(RECORDED_AT),
        row.get(REASON),
        row.get(PREVIOUS_HASH),
        row.get(HASH));
  }

  /** The latest record of a counter, and the database's clock when it was read. */
  record Head(long entry, LocalDate latestDate, @Nullable String hash, long now) {}

  private boolean hasForUpdate() {
    SQLDialect family = ctx.family();
    return family != SQLDialect.SQLITE && family != SQLDialect.HSQLDB;
  }

  /**
   * The database's clock in milliseconds since the epoch, as a BIGINT: the statement's time where
   * the database has one (PostgreSQL's clock_timestamp(), MySQL's and MariaDB's SYSDATE(3),
   * HSQLDB's UNIX_MILLIS(), SQLite's 'now'), H2's CURRENT_TIMESTAMP (the transaction's start).
   */
  private Field<Long> clock() {
    String sql =
        switch (ctx.family()) {
          case POSTGRES -> "cast(floor(extract(epoch from clock_timestamp()) * 1000) as bigint)";
          case MARIADB, MYSQL -> "cast(floor(unix_timestamp(sysdate(3)) * 1000) as signed)";
          case H2 -> "cast(floor(extract(epoch from current_timestamp(3)) * 1000) as bigint)";
          case HSQLDB -> "unix_millis()";
          case SQLITE ->
              "(cast(strftime('%s', 'now') as integer) * 1000"
                  + " + cast(substr(strftime('%f', 'now'), 4) as integer))";
          default ->
              throw new UnsupportedOperationException(
                  "number series do not support the jOOQ dialect " + ctx.dialect());
        };
    return DSL.field(sql, SQLDataType.BIGINT).as("now");
  }

  /** Runs a statement on the ledger; a database error translated as the library's own are. */
  private <T> T run(Supplier<T> statement) {
    try {
      return statement.get();
    } catch (RuntimeException e) {
      throw ReservedCounters.translate(e, ctx, counter, rendered);
    }
  }

  private static Field<String> text(String name) {
    return DSL.field(DSL.name(name), SQLDataType.VARCHAR);
  }
}
