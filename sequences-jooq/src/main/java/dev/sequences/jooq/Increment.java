package dev.sequences.jooq;

import static dev.sequences.jooq.internal.Tables.SEQUENCES_SEQUENCE;

import dev.sequences.jooq.internal.tables.records.SequencesSequenceRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateSetMoreStep;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * One call's request: take {@code count} values of sequence {@code name}. Arguments are checked by
 * {@link GaplessSequence} before an increment exists, so every value here is valid.
 *
 * @param name the sequence
 * @param count how many values, at least 1
 * @param initialValue the first value of a new sequence, and the value a looping sequence resets to
 * @param looping whether the sequence loops; then {@code count} is 1
 * @param resetValue the first value a looping sequence never issues
 * @param lockWait how long to wait for another transaction's lock
 * @param autoCommit whether the connection is in auto-commit mode (the caller allowed it)
 */
record Increment(
    String name,
    int count,
    long initialValue,
    boolean looping,
    long resetValue,
    LockWait lockWait,
    boolean autoCommit) {

  /**
   * The name as a bind value of unbounded length. The generated column says VARCHAR(100), and jOOQ
   * casts binds to it on some dialects, but H2 counts UTF-16 units: a name of 100 code points
   * outside the BMP would not fit that cast.
   */
  Field<String> nameValue(DSLContext ctx) {
    return nameValue(ctx, name);
  }

  static Field<String> nameValue(DSLContext ctx, String name) {
    SequenceDialect dialect = SupportedDatabase.sequenceDialectOrNull(ctx.dialect());
    return dialect == null ? SequenceDialect.boundName(name) : dialect.nameValue(name);
  }

  /**
   * {@code INSERT ... ON CONFLICT (name) DO UPDATE SET last = next}: creates the row with {@link
   * #lastOnFirstUse()}, or locks it and sets it to {@code next}.
   */
  InsertOnDuplicateSetMoreStep<SequencesSequenceRecord> upsert(DSLContext ctx, Field<Long> next) {
    return ctx.insertInto(SEQUENCES_SEQUENCE, SEQUENCES_SEQUENCE.NAME, SEQUENCES_SEQUENCE.LAST)
        .values(nameValue(ctx), DSL.val(lastOnFirstUse()))
        .onConflict(SEQUENCES_SEQUENCE.NAME)
        .doUpdate()
        .set(SEQUENCES_SEQUENCE.LAST, next);
  }

  /** {@link #upsert} with the usual new value, returning the counter's new value. */
  ResultQuery<Record1<Long>> upsertReturningLast(DSLContext ctx) {
    return upsert(ctx, lastAfter(SEQUENCES_SEQUENCE.LAST)).returningResult(SEQUENCES_SEQUENCE.LAST);
  }

  /**
   * The counter's new value, by {@link #upsertReturningLast} or, where the first use would pass
   * {@link Long#MAX_VALUE}, by {@link #updateExisting}: for the dialects whose upsert returns the
   * new value in one statement.
   */
  long returningLast(DSLContext ctx) {
    if (firstUseOverflows()) {
      return updateExisting(ctx, "");
    }
    return upsertReturningLast(ctx).fetchOne().value1();
  }

  /**
   * True if this call could not create the counter: its initial value plus {@code count - 1} passes
   * {@link Long#MAX_VALUE}. An existing counter may still be far from it, so such a call only
   * increments an existing counter ({@link #updateExisting}).
   */
  boolean firstUseOverflows() {
    return initialValue > Long.MAX_VALUE - (count - 1);
  }

  /**
   * For {@link #firstUseOverflows}: {@code UPDATE ... SET last = next} on the existing counter
   * (which takes its row lock, with {@code prefix} before the statement), then a read of the new
   * value in the same transaction: two statements.
   *
   * @throws DataAccessException changing nothing, if the counter does not exist
   */
  long updateExisting(DSLContext ctx, String prefix) {
    return updateExisting(ctx, lastAfter(SEQUENCES_SEQUENCE.LAST), prefix);
  }

  /** {@link #updateExisting(DSLContext, String)} with the counter's new value {@code next}. */
  long updateExisting(DSLContext ctx, Field<Long> next, String prefix) {
    int updated =
        ctx.query(
                prefix + "{0}",
                ctx.update(SEQUENCES_SEQUENCE)
                    .set(SEQUENCES_SEQUENCE.LAST, next)
                    .where(SEQUENCES_SEQUENCE.NAME.eq(nameValue(ctx))))
            .execute();
    if (updated == 0) {
      throw new DataAccessException(
          Names.describe(name)
              + " starting at "
              + initialValue
              + " cannot issue "
              + count
              + " values on its first use without passing Long.MAX_VALUE; nothing was issued");
    }
    return ctx.select(SEQUENCES_SEQUENCE.LAST)
        .from(SEQUENCES_SEQUENCE)
        .where(SEQUENCES_SEQUENCE.NAME.eq(nameValue(ctx)))
        .fetchOne(SEQUENCES_SEQUENCE.LAST);
  }

  /** The counter's value after this increment when the sequence does not exist yet. */
  long lastOnFirstUse() {
    return initialValue + (count - 1);
  }

  /**
   * The counter's value after this increment, as an expression of its current value {@code last}. A
   * looping sequence goes back to its initial value when the next value would reach its reset
   * value, or when a hand-edited counter lies below the initial value. A non-looping one adds
   * {@code count}; the database refuses a sum past {@link Long#MAX_VALUE} (it never wraps).
   */
  Field<Long> lastAfter(Field<Long> last) {
    if (!looping) {
      return last.plus(DSL.val((long) count, SEQUENCES_SEQUENCE.LAST));
    }
    long floor = initialValue == Long.MIN_VALUE ? Long.MIN_VALUE : initialValue - 1;
    return DSL.when(
            last.ge(DSL.val(resetValue - 1, SEQUENCES_SEQUENCE.LAST))
                .or(last.lt(DSL.val(floor, SEQUENCES_SEQUENCE.LAST))),
            DSL.val(initialValue, SEQUENCES_SEQUENCE.LAST))
        .otherwise(last.plus(DSL.val(1L, SEQUENCES_SEQUENCE.LAST)));
  }
}
