package dev.sequences.jooq;

import static dev.sequences.jooq.internal.Tables.SEQUENCES_SEQUENCE;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The statements on the counter table besides the increment (which each dialect issues through
 * {@link Increment}): read, delete, list and set. Each runs on the context it is given, with the
 * library's own rendering applied by the caller of these methods.
 */
final class CounterTable {

  private CounterTable() {}

  /** The counter table as {@code ctx} renders it (its render mapping applied), for messages. */
  static String render(DSLContext ctx) {
    return ctx.render(SEQUENCES_SEQUENCE);
  }

  private static Condition named(DSLContext ctx, String name) {
    return SEQUENCES_SEQUENCE.NAME.eq(Increment.nameValue(ctx, name));
  }

  /** The counter's last value, as {@code ctx} sees it now; empty if there is no counter. */
  static OptionalLong last(DSLContext ctx, String name) {
    Long last =
        ctx.select(SEQUENCES_SEQUENCE.LAST)
            .from(SEQUENCES_SEQUENCE)
            .where(named(ctx, name))
            .fetchOne(SEQUENCES_SEQUENCE.LAST);
    return last == null ? OptionalLong.empty() : OptionalLong.of(last);
  }

  /** Deletes the counter; true if it existed. */
  static boolean delete(DSLContext ctx, String name) {
    return ctx.deleteFrom(SEQUENCES_SEQUENCE).where(named(ctx, name)).execute() > 0;
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
  static OptionalLong lockAndRead(DSLContext ctx, String name) {
    var read = ctx.select(SEQUENCES_SEQUENCE.LAST).from(SEQUENCES_SEQUENCE).where(named(ctx, name));
    Long last;
    if (ctx.family() == SQLDialect.SQLITE) {
      // SQLite has no FOR UPDATE; it lets one transaction write at a time. Writing first, even a
      // write that changes nothing or matches no row, takes that lock: no increment can come
      // between the read and a write after it (after a read first, that write would fail with
      // SQLITE_BUSY if one did).
      ctx.update(SEQUENCES_SEQUENCE)
          .set(SEQUENCES_SEQUENCE.LAST, SEQUENCES_SEQUENCE.LAST)
          .where(named(ctx, name))
          .execute();
      last = read.fetchOne(SEQUENCES_SEQUENCE.LAST);
    } else {
      last = read.forUpdate().fetchOne(SEQUENCES_SEQUENCE.LAST);
    }
    return last == null ? OptionalLong.empty() : OptionalLong.of(last);
  }

  /** Creates the counter at {@code last}. */
  static void create(DSLContext ctx, String name, long last) {
    ctx.insertInto(SEQUENCES_SEQUENCE, SEQUENCES_SEQUENCE.NAME, SEQUENCES_SEQUENCE.LAST)
        .values(SequenceDialect.boundName(name), DSL.val(last))
        .execute();
  }

  /** Sets the existing counter to {@code last}. */
  static void update(DSLContext ctx, String name, long last) {
    ctx.update(SEQUENCES_SEQUENCE)
        .set(SEQUENCES_SEQUENCE.LAST, last)
        .where(named(ctx, name))
        .execute();
  }
}
