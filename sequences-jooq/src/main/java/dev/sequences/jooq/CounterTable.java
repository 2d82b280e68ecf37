package dev.sequences.jooq;

import static dev.sequences.jooq.internal.Tables.SEQUENCES_SEQUENCE;

import dev.sequences.jooq.internal.tables.records.SequencesSequenceRecord;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateSetMoreStep;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.RowCountQuery;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Every statement on the counter table: the increment's upsert in the forms the dialects issue, and
 * read, delete, list and set. Each runs on the context it is given, with the library's own
 * rendering applied by the caller of these methods. The generated table is named here only (and in
 * {@link LibraryRendering#placing}, which maps it). One instance per dialect family ({@link
 * SupportedDatabase#counterTable()}), given how that family compares a sequence's name.
 */
final class CounterTable {

  /** For the dialects that bind the name as it is, and for unsupported dialects. */
  static final CounterTable BOUND_NAMES = new CounterTable(CounterTable::boundName);

  /** {@link #upsertReturningLast}, for {@link RenderedOnce}. */
  private final RenderedOnce.Statement<Increment> upsertReturning =
      upsert(this::upsertReturningLast);

  /** {@link #upsertIntoInsertIdTree}, for {@link RenderedOnce}. */
  private final RenderedOnce.Statement<Increment> upsertIntoInsertId =
      upsert(this::upsertIntoInsertIdTree);

  /** MySQL's read of the value its upsert handed to {@code LAST_INSERT_ID(expr)}. */
  private static final RenderedOnce.Statement<Increment> READ_LAST_INSERT_ID =
      RenderedOnce.Statement.withoutBinds(
          (ctx, increment) ->
              // LAST_INSERT_ID() is unsigned; the casts give a negative counter back its sign.
              ctx.select(DSL.field("cast(last_insert_id() as signed)", SQLDataType.BIGINT)));

  /** The counter table's name where no render mapping moves it. */
  private static final Name UNMAPPED = DSL.name(SEQUENCES_SEQUENCE.getName());

  private final Function<String, Field<String>> nameValue;

  /**
   * @param nameValue a sequence's name as the value the statements compare with the name column
   */
  CounterTable(Function<String, Field<String>> nameValue) {
    this.nameValue = nameValue;
  }

  /**
   * The upsert's statement for {@link RenderedOnce}: built by {@code tree}, bound as {@link
   * Increment#upsertBinds}, checked with {@link Increment#probe}.
   */
  private static RenderedOnce.Statement<Increment> upsert(
      BiFunction<DSLContext, Increment, ? extends Query> tree) {
    return new RenderedOnce.Statement<>(tree, Increment::upsertBinds, Increment::probe);
  }

  /** {@code name} as a bind value of unbounded length. */
  static Field<String> boundName(String name) {
    return DSL.val(name, SQLDataType.VARCHAR);
  }

  /** The counter table as {@code ctx} renders it (its render mapping applied), for messages. */
  static String render(DSLContext ctx) {
    return ctx.render(SEQUENCES_SEQUENCE);
  }

  /** The counter's value column, for the dialects' expressions of the new value. */
  static Field<Long> last() {
    return SEQUENCES_SEQUENCE.LAST;
  }

  /**
   * The name as the value the statements compare with the name column, of unbounded length: the
   * generated column says VARCHAR(100), and jOOQ casts binds to it on some dialects, but H2 counts
   * UTF-16 units, so a name of 100 code points outside the BMP would not fit that cast.
   */
  Field<String> nameValue(String name) {
    return nameValue.apply(name);
  }

  /**
   * {@code INSERT ... ON CONFLICT (name) DO UPDATE SET last = next}: creates the row with {@link
   * Increment#lastOnFirstUse()}, or locks it and sets it to {@code next}.
   */
  InsertOnDuplicateSetMoreStep<SequencesSequenceRecord> upsert(
      DSLContext ctx, Increment increment, Field<Long> next) {
    return ctx.insertInto(SEQUENCES_SEQUENCE, SEQUENCES_SEQUENCE.NAME, SEQUENCES_SEQUENCE.LAST)
        .values(nameValue(increment.name()), DSL.val(increment.lastOnFirstUse()))
        .onConflict(SEQUENCES_SEQUENCE.NAME)
        .doUpdate()
        .set(SEQUENCES_SEQUENCE.LAST, next);
  }

  /** {@link #upsert} with the usual new value, returning the counter's new value. */
  ResultQuery<Record1<Long>> upsertReturningLast(DSLContext ctx, Increment increment) {
    return upsert(ctx, increment, increment.lastAfter(SEQUENCES_SEQUENCE.LAST))
        .returningResult(SEQUENCES_SEQUENCE.LAST);
  }

  /**
   * The counter's new value, by {@link #upsertReturningLast} or, where the first use would pass
   * {@link Long#MAX_VALUE}, by {@link #updateExisting}: for the dialects whose upsert returns the
   * new value in one statement.
   */
  long returningLast(DSLContext ctx, Increment increment) {
    if (increment.firstUseOverflows()) {
      return updateExisting(ctx, increment, "");
    }
    return RenderedOnce.run(
        ctx,
        mappedName(ctx),
        increment.shape("upsert-returning"),
        RenderedOnce.Result.QUERY,
        upsertReturning,
        increment);
  }

  /**
   * {@link #upsertReturningLast} after {@code prefix} (a statement's options), run with {@code
   * Statement.execute()}: MySQL Connector/J refuses {@code executeQuery()} for a statement that
   * starts with INSERT, although MariaDB's RETURNING makes it return rows.
   */
  long upsertReturningLastOfMany(DSLContext ctx, Increment increment, String prefix) {
    String shape = increment.shape("upsert-returning");
    if (prefix.isEmpty()) {
      return RenderedOnce.run(
          ctx,
          mappedName(ctx),
          shape,
          RenderedOnce.Result.ROWS_OF_EXECUTE,
          upsertReturning,
          increment);
    }
    return RenderedOnce.resultQueryOfMany(
            ctx, mappedName(ctx), prefix, shape, upsertReturning, increment)
        .fetchMany()
        .get(0)
        .get(0)
        .get(0, Long.class);
  }

  /**
   * For {@link Increment#firstUseOverflows}: {@code UPDATE ... SET last = next} on the existing
   * counter (which takes its row lock, with {@code prefix} before the statement), then a read of
   * the new value in the same transaction: two statements.
   *
   * @throws DataAccessException changing nothing, if the counter does not exist
   */
  long updateExisting(DSLContext ctx, Increment increment, String prefix) {
    return updateExisting(ctx, increment, increment.lastAfter(SEQUENCES_SEQUENCE.LAST), prefix);
  }

  /**
   * {@link #updateExisting(DSLContext, Increment, String)} with the counter's new value {@code
   * next}.
   */
  long updateExisting(DSLContext ctx, Increment increment, Field<Long> next, String prefix) {
    int updated = updateExistingQuery(ctx, increment, next, prefix).execute();
    if (updated == 0) {
      throw firstUseOverflow(increment);
    }
    return lastQuery(ctx, increment.name()).fetchOne(SEQUENCES_SEQUENCE.LAST);
  }

  /** {@link #updateExisting}'s update, for the reactive path ({@link ReactiveCalls}) too. */
  RowCountQuery updateExistingQuery(
      DSLContext ctx, Increment increment, Field<Long> next, String prefix) {
    return ctx.query(
        prefix + "{0}",
        ctx.update(SEQUENCES_SEQUENCE)
            .set(SEQUENCES_SEQUENCE.LAST, next)
            .where(named(increment.name())));
  }

  /** What {@link #updateExisting} throws when there is no counter to update. */
  static DataAccessException firstUseOverflow(Increment increment) {
    return new DataAccessException(
        Names.describe(increment.name())
            + " starting at "
            + increment.initialValue()
            + " cannot issue "
            + increment.count()
            + " values on its first use without passing Long.MAX_VALUE; nothing was issued");
  }

  /** The read of the counter's last value: no row if there is no counter. */
  ResultQuery<Record1<Long>> lastQuery(DSLContext ctx, String name) {
    return ctx.select(SEQUENCES_SEQUENCE.LAST).from(SEQUENCES_SEQUENCE).where(named(name));
  }

  /**
   * MySQL's upsert, which hands the counter's new value to {@code LAST_INSERT_ID(expr)}, then the
   * read of that value on the same connection: two statements, the lock taken by the first. Plain
   * SQL around jOOQ's parts: jOOQ's MYSQL upsert adds a row alias ({@code AS excluded}) that needs
   * MySQL 8.0.19+ and that MariaDB rejects.
   */
  long upsertReadingInsertId(DSLContext ctx, Increment increment) {
    Name table = mappedName(ctx);
    RenderedOnce.run(
        ctx,
        table,
        increment.shape("upsert-into-insert-id"),
        RenderedOnce.Result.NONE,
        upsertIntoInsertId,
        increment);
    return RenderedOnce.run(
        ctx, table, "last-insert-id", RenderedOnce.Result.QUERY, READ_LAST_INSERT_ID, increment);
  }

  /** MySQL's read of {@code LAST_INSERT_ID()} as a query, for the reactive path. */
  static ResultQuery<?> readLastInsertId(DSLContext ctx) {
    return (ResultQuery<?>) READ_LAST_INSERT_ID.tree().apply(ctx, null);
  }

  RowCountQuery upsertIntoInsertIdTree(DSLContext ctx, Increment increment) {
    return ctx.query(
        "insert into {0} ({1}, {2}) values ({3}, cast(last_insert_id({4}) as signed))"
            + " on duplicate key update {2} = cast(last_insert_id({5}) as signed)",
        SEQUENCES_SEQUENCE,
        SEQUENCES_SEQUENCE.NAME.getUnqualifiedName(),
        SEQUENCES_SEQUENCE.LAST.getUnqualifiedName(),
        nameValue(increment.name()),
        DSL.val(increment.lastOnFirstUse()),
        increment.lastAfter(SEQUENCES_SEQUENCE.LAST));
  }

  /**
   * {@link #upsert} to {@code next} with the database's own {@code RETURNING}: jOOQ emulates
   * RETURNING on SQLite with {@code last_insert_rowid()}, which is wrong for an update, while
   * SQLite 3.35+ has RETURNING of its own.
   */
  long upsertReturningNatively(DSLContext ctx, Increment increment, Field<Long> next) {
    Query upsert = upsert(ctx, increment, next);
    return ctx.resultQuery(
            "{0} returning {1}", upsert, SEQUENCES_SEQUENCE.LAST.getUnqualifiedName())
        .fetchOne(0, Long.class);
  }

  private Condition named(String name) {
    return SEQUENCES_SEQUENCE.NAME.eq(nameValue(name));
  }

  /** The counter's last value, as {@code ctx} sees it now; empty if there is no counter. */
  OptionalLong last(DSLContext ctx, String name) {
    Long last = lastQuery(ctx, name).fetchOne(SEQUENCES_SEQUENCE.LAST);
    return last == null ? OptionalLong.empty() : OptionalLong.of(last);
  }

  /** The counter's last value as a scalar subquery, for a statement on another table. */
  Field<Long> lastValueOf(DSLContext ctx, String name) {
    return DSL.field(
        DSL.select(SEQUENCES_SEQUENCE.LAST).from(SEQUENCES_SEQUENCE).where(named(name)));
  }

  /** Deletes the counter; true if it existed. */
  boolean delete(DSLContext ctx, String name) {
    return ctx.deleteFrom(SEQUENCES_SEQUENCE).where(named(name)).execute() > 0;
  }

  /** Every counter whose name starts with {@code prefix} (all for null), sorted by name. */
  static List<SequenceCounters.Counter> list(DSLContext ctx, @Nullable String prefix) {
    return ctx
        .select(SEQUENCES_SEQUENCE.NAME, SEQUENCES_SEQUENCE.LAST)
        .from(SEQUENCES_SEQUENCE)
        .where(
            prefix == null
                ? DSL.noCondition()
                : SEQUENCES_SEQUENCE.NAME.startsWith(DSL.val(prefix, SQLDataType.VARCHAR)))
        .fetch(r -> new SequenceCounters.Counter(r.value1(), r.value2()))
        .stream()
        .sorted(Comparator.comparing(SequenceCounters.Counter::name))
        .toList();
  }

  /**
   * The counter's last value, read under its lock, which the transaction keeps until it ends; empty
   * if there is no counter (then no other transaction can create it meanwhile, except on databases
   * with row locks, where a concurrent creation fails on the key).
   */
  OptionalLong lockAndRead(DSLContext ctx, String name) {
    var read = ctx.select(SEQUENCES_SEQUENCE.LAST).from(SEQUENCES_SEQUENCE).where(named(name));
    Long last;
    if (ctx.family() == SQLDialect.SQLITE) {
      // No FOR UPDATE on SQLite: a first write (even of nothing) takes its one writer's lock.
      ctx.update(SEQUENCES_SEQUENCE)
          .set(SEQUENCES_SEQUENCE.LAST, SEQUENCES_SEQUENCE.LAST)
          .where(named(name))
          .execute();
      last = read.fetchOne(SEQUENCES_SEQUENCE.LAST);
    } else {
      last = read.forUpdate().fetchOne(SEQUENCES_SEQUENCE.LAST);
    }
    return last == null ? OptionalLong.empty() : OptionalLong.of(last);
  }

  /** Creates the counter at {@code last}. */
  void create(DSLContext ctx, String name, long last) {
    ctx.insertInto(SEQUENCES_SEQUENCE, SEQUENCES_SEQUENCE.NAME, SEQUENCES_SEQUENCE.LAST)
        .values(boundName(name), DSL.val(last))
        .execute();
  }

  /**
   * Moves the counter back from {@code issued} to {@code issued - 1}, for a call that took {@code
   * issued} and then refused to use it; the transaction holds the counter's lock.
   *
   * @throws IllegalStateException if the counter is not at {@code issued}
   */
  void giveBack(DSLContext ctx, String name, long issued) {
    int updated =
        ctx.update(SEQUENCES_SEQUENCE)
            .set(SEQUENCES_SEQUENCE.LAST, DSL.val(issued - 1))
            .where(named(name))
            .and(SEQUENCES_SEQUENCE.LAST.eq(DSL.val(issued)))
            .execute();
    if (updated != 1) {
      throw new IllegalStateException(
          Names.describe(name) + " is no longer at " + issued + ": cannot give that value back");
    }
  }

  /**
   * The counter table's qualified name as {@code ctx}'s render mapping places it: its schema (none
   * if the mapping gives none) and its table name.
   */
  static Name mappedName(DSLContext ctx) {
    if (ctx.settings().getRenderMapping() == null) {
      return UNMAPPED; // no mapping to look up, the hot path's usual case
    }
    Table<?> mapped = ctx.map(SEQUENCES_SEQUENCE);
    Schema schema = mapped.getSchema();
    return schema == null || schema.getName().isEmpty()
        ? DSL.name(mapped.getName())
        : DSL.name(schema.getName(), mapped.getName());
  }

  /** Sets the existing counter to {@code last}. */
  void update(DSLContext ctx, String name, long last) {
    ctx.update(SEQUENCES_SEQUENCE).set(SEQUENCES_SEQUENCE.LAST, last).where(named(name)).execute();
  }
}
