package dev.sequences.jooq;

import java.util.OptionalLong;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One call's request: take {@code count} values of sequence {@code name}, and the arithmetic of the
 * counter's new value. Arguments are checked by {@link GaplessSequence} before an increment exists,
 * so every value here is valid. The statements that apply it are {@link CounterTable}'s.
 *
 * @param name the sequence
 * @param count how many values, at least 1
 * @param initialValue the first value of a new sequence, and the value a looping sequence resets to
 * @param resetValue the first value a looping sequence never issues; empty for a sequence that does
 *     not loop
 * @param lockWait how long to wait for another transaction's lock
 * @param autoCommit whether the connection is in auto-commit mode (the caller allowed it)
 */
record Increment(
    String name,
    int count,
    long initialValue,
    OptionalLong resetValue,
    LockWait lockWait,
    boolean autoCommit) {

  private static final DataType<Long> BIGINT = SQLDataType.BIGINT;

  /** Whether the sequence loops; then {@code count} is 1. */
  boolean looping() {
    return resetValue.isPresent();
  }

  /**
   * True if this call could not create the counter: its initial value plus {@code count - 1} passes
   * {@link Long#MAX_VALUE}. An existing counter may still be far from it, so such a call only
   * increments an existing counter ({@link CounterTable#updateExisting}).
   */
  boolean firstUseOverflows() {
    return initialValue > Long.MAX_VALUE - (count - 1);
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
    Object[] binds = lastAfterBinds();
    if (!looping()) {
      return last.plus(DSL.val((Long) binds[0], BIGINT));
    }
    return DSL.when(
            last.ge(DSL.val((Long) binds[0], BIGINT)).or(last.lt(DSL.val((Long) binds[1], BIGINT))),
            DSL.val((Long) binds[2], BIGINT))
        .otherwise(last.plus(DSL.val((Long) binds[3], BIGINT)));
  }

  /** The bind values of {@link #lastAfter}, in the order jOOQ binds them. */
  Object[] lastAfterBinds() {
    if (!looping()) {
      return new Object[] {(long) count};
    }
    long floor = initialValue == Long.MIN_VALUE ? Long.MIN_VALUE : initialValue - 1;
    return new Object[] {resetValue.getAsLong() - 1, floor, initialValue, 1L};
  }

  /**
   * The bind values of an upsert that creates the counter named {@code name} at {@link
   * #lastOnFirstUse()} or sets it to {@link #lastAfter}, in that order.
   */
  Object[] upsertBinds() {
    Object[] after = lastAfterBinds();
    Object[] binds = new Object[2 + after.length];
    binds[0] = name;
    binds[1] = lastOnFirstUse();
    System.arraycopy(after, 0, binds, 2, after.length);
    return binds;
  }

  /**
   * An increment of the same shape (looping or not, the same lock wait and auto-commit) whose bind
   * values differ from each other wherever their formulas do: the name, the counter's value on
   * first use, and the arithmetic's values. {@link RenderedOnce} checks the order of the binds with
   * it: a call's own values may coincide ({@code [name, 1, 1]} for {@code nextValue} on a sequence
   * starting at 1), and a swap of equal values cannot be seen.
   */
  Increment probe() {
    return looping()
        ? new Increment(
            "probe", 1, 1_000_000_000L, OptionalLong.of(1_000_000_100L), lockWait, autoCommit)
        : new Increment("probe", 7, 1_000_000_000L, OptionalLong.empty(), lockWait, autoCommit);
  }

  /** What the text of {@code statement} depends on besides the dialect and settings. */
  String shape(String statement) {
    return looping() ? statement + "-looping" : statement;
  }
}
