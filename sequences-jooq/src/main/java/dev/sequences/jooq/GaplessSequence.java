package dev.sequences.jooq;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * A named gapless sequence: a counter row in {@code sequences_sequence}, incremented inside the
 * caller's own transaction.
 *
 * <p>Every value is issued through the {@link DSLContext} passed to the call, so it belongs to that
 * context's transaction: a {@code DSLContext.transaction(cfg -> seq.nextValue(cfg.dsl()))} lambda,
 * a Spring-managed transaction, or any transaction open on the context's connection. If the
 * transaction rolls back, the value is given back and the next caller receives it; if it commits,
 * no other transaction ever receives it. Concurrent transactions that use the same sequence are
 * serialized by the counter row's lock: the second waits (see {@link LockWait}) until the first
 * commits or rolls back. Transactions that use different sequences never wait on each other, also
 * on first use (except on SQLite and HSQLDB, where writers of the table wait for each other). This
 * class never opens, commits or rolls back a transaction.
 *
 * <p>What needs the caller's help: at REPEATABLE READ and SERIALIZABLE on PostgreSQL, and at
 * SERIALIZABLE on H2, the second of two concurrent transactions fails with SQL state 40001 and must
 * be run again; so must a deadlock's victim. A transaction that takes several sequences should take
 * them in one fixed order, or two transactions can deadlock. On SQLite one transaction writes at a
 * time, so there different sequences do wait on each other.
 *
 * <p>A value is issued only on a connection that belongs to a transaction someone will end on
 * purpose: the context of a jOOQ transaction (also with {@code ThreadLocalTransactionProvider}), a
 * context over one {@code Connection} the caller manages, a connection bound to the current Spring
 * transaction, or a configuration declared with {@link ContainerManagedTransactions#declare}. On
 * any other connection out of auto-commit mode (a pooled connection that would be rolled back when
 * it goes back to its pool) the call throws {@link IllegalStateException} before any SQL, also with
 * {@link #allowingAutoCommit()}. The library's statements name the counter table quoted and bind
 * every value, whatever the context's name-rendering and statement settings; the context's render
 * mapping (another schema or table name) is honoured.
 *
 * <p>Instances are immutable, thread-safe and cheap: keep them in constants. The {@code
 * startingAt}, {@code resettingAt} and {@code allowingAutoCommit} methods return new instances.
 * Arguments are checked before any SQL runs.
 */
public final class GaplessSequence {

  /** The longest name, in Unicode code points. */
  public static final int MAX_NAME_LENGTH = 100;

  /** The name of {@link #defaultSequence()}, as in django-sequences. */
  public static final String DEFAULT_NAME = "default";

  private final String name;
  private final long initialValue;
  private final OptionalLong resetValue;
  private final boolean allowsAutoCommit;

  private GaplessSequence(
      String name, long initialValue, OptionalLong resetValue, boolean allowsAutoCommit) {
    this.name = name;
    this.initialValue = initialValue;
    this.resetValue = resetValue;
    this.allowsAutoCommit = allowsAutoCommit;
    if (resetValue.isPresent() && resetValue.getAsLong() <= initialValue) {
      throw new IllegalArgumentException(
          Names.describe(name)
              + ": the reset value ("
              + resetValue.getAsLong()
              + ") must be greater than the initial value ("
              + initialValue
              + ")");
    }
  }

  /**
   * The sequence called {@code name}, starting at 1 and never resetting. Names compare exactly, on
   * every database: {@code "Invoices"}, {@code "invoices"} and {@code "invoices "} are three
   * sequences.
   *
   * @param name 1 to {@value #MAX_NAME_LENGTH} Unicode code points of well-formed text, not only
   *     white space, without NUL
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty, only white space, too long, holds an
   *     unpaired surrogate or a NUL character, or starts with {@code "series:"}, the prefix
   *     reserved for the counters of number series (sequences-series)
   */
  public static GaplessSequence named(String name) {
    return new GaplessSequence(Names.check(name), 1, OptionalLong.empty(), false);
  }

  /** A sequence whose name was checked by the caller (a reserved name, for number series). */
  static GaplessSequence reserved(String name, long initialValue) {
    return new GaplessSequence(name, initialValue, OptionalLong.empty(), false);
  }

  /** The sequence called {@value #DEFAULT_NAME}, starting at 1. */
  public static GaplessSequence defaultSequence() {
    return named(DEFAULT_NAME);
  }

  /**
   * This sequence with another first value. The initial value is only used when a call creates the
   * counter row (the sequence's first committed use), and as the value a looping sequence goes back
   * to.
   *
   * @throws IllegalArgumentException if a reset value is set and is not greater than {@code
   *     initialValue}
   */
  public GaplessSequence startingAt(long initialValue) {
    return new GaplessSequence(name, initialValue, resetValue, allowsAutoCommit);
  }

  /**
   * This sequence, looping: after {@code resetValue - 1} comes the initial value again. Values of a
   * looping sequence repeat by design; use it for numbers that are unique only together with
   * something else (a year, a day). A hand-edited counter outside {@code [initialValue,
   * resetValue)} also goes back to the initial value.
   *
   * @throws IllegalArgumentException if {@code resetValue} is not greater than the initial value
   */
  public GaplessSequence resettingAt(long resetValue) {
    return new GaplessSequence(name, initialValue, OptionalLong.of(resetValue), allowsAutoCommit);
  }

  /**
   * This sequence, allowed to issue values on a connection in auto-commit mode. By default {@link
   * #nextValue} refuses, because a value committed on its own is lost if the work that uses it
   * fails.
   */
  public GaplessSequence allowingAutoCommit() {
    return new GaplessSequence(name, initialValue, resetValue, true);
  }

  /** The sequence's name. */
  public String name() {
    return name;
  }

  /** The first value of the sequence, 1 unless {@link #startingAt} said otherwise. */
  public long initialValue() {
    return initialValue;
  }

  /** The reset value of a looping sequence, empty for one that does not loop. */
  public OptionalLong resetValue() {
    return resetValue;
  }

  /** True if {@link #allowingAutoCommit()} was called. */
  public boolean allowsAutoCommit() {
    return allowsAutoCommit;
  }

  /**
   * Issues the next value in {@code ctx}'s transaction, waiting as long as another transaction
   * holds the sequence ({@link LockWait#WAIT}).
   *
   * @throws IllegalStateException if the connection is in auto-commit mode and {@link
   *     #allowingAutoCommit()} was not called, or if it is out of auto-commit mode but belongs to
   *     no transaction the library recognises (see above); nothing was issued
   * @throws SequenceLockedException if the database's own lock-wait limit runs out
   * @throws DataAccessException if the value would pass {@link Long#MAX_VALUE} (the counter is
   *     unchanged), if the table is missing, if the transaction must be run again (SQL state {@code
   *     40xxx}: a deadlock or serialization failure; nothing was issued), or if the database fails
   *     otherwise. If a bounded wait's session setting cannot be restored after the value was
   *     issued, the message says which values the transaction holds: roll it back
   * @throws UnsupportedOperationException if {@code ctx.dialect()} is not supported (see {@link
   *     SupportedDatabase})
   */
  public long nextValue(DSLContext ctx) {
    return nextValue(ctx, LockWait.WAIT);
  }

  /**
   * Issues the next value in {@code ctx}'s transaction, waiting at most as {@code wait} allows.
   *
   * @throws SequenceLockedException if the sequence stayed held by another transaction for longer
   *     than {@code wait}; the counter is unchanged
   * @throws UnsupportedOperationException if {@code wait} is bounded on HSQLDB, which cannot bound
   *     a lock wait, before any SQL runs
   * @throws IllegalArgumentException if {@code wait} is longer than the database can bound (about
   *     24 days on PostgreSQL, H2 and SQLite, whose limits are milliseconds in a 32-bit integer),
   *     before any SQL runs
   * @see #nextValue(DSLContext)
   */
  public long nextValue(DSLContext ctx, LockWait wait) {
    return increment(ctx, 1, wait);
  }

  /**
   * Issues {@code count} consecutive values in {@code ctx}'s transaction, in one statement on
   * PostgreSQL, MariaDB, H2, HSQLDB and SQLite (two on MySQL). A count of 0 returns an empty range
   * without touching the database.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws UnsupportedOperationException if the sequence loops (a batch could straddle the reset)
   * @see #nextValue(DSLContext)
   */
  public ValueRange nextValues(DSLContext ctx, int count) {
    return nextValues(ctx, count, LockWait.WAIT);
  }

  /**
   * Issues {@code count} consecutive values, waiting at most as {@code wait} allows.
   *
   * @see #nextValues(DSLContext, int)
   * @see #nextValue(DSLContext, LockWait)
   */
  public ValueRange nextValues(DSLContext ctx, int count, LockWait wait) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(wait, "wait");
    if (resetValue.isPresent()) {
      throw new UnsupportedOperationException(
          Names.describe(name)
              + " loops (resets at "
              + resetValue.getAsLong()
              + "): take its values one at a time");
    }
    if (count < 0) {
      throw new IllegalArgumentException(
          Names.describe(name) + ": cannot issue a negative number of values (" + count + ")");
    }
    if (count == 0) {
      return ValueRange.empty();
    }
    return ValueRange.endingAt(increment(ctx, count, wait), count);
  }

  /**
   * The last value issued, as the database shows it to {@code ctx} now: empty if the sequence was
   * never used (or was deleted). Not a reservation: under concurrency another transaction may issue
   * the next value at once, and an uncommitted value of another transaction is not seen.
   */
  public OptionalLong lastValue(DSLContext ctx) {
    return onCounterTable(ctx, own -> CounterTable.last(own, name));
  }

  /**
   * Deletes the counter row: the next use starts again at the initial value. Works in auto-commit
   * mode too.
   *
   * @return true if the sequence existed
   */
  public boolean delete(DSLContext ctx) {
    return onCounterTable(ctx, own -> CounterTable.delete(own, name));
  }

  /** Runs {@code statement} with the library's rendering; its failure translated for this name. */
  private <T> T onCounterTable(DSLContext ctx, Function<DSLContext, T> statement) {
    Objects.requireNonNull(ctx, "ctx");
    DSLContext own = LibraryRendering.applied(ctx);
    try {
      return statement.apply(own);
    } catch (DataAccessException e) {
      throw ErrorTranslation.translate(
          e, own, SupportedDatabase.sequenceDialectOrNull(ctx.dialect()), name, null);
    }
  }

  /**
   * An endless iterator over the sequence's values: each {@code nextLong()} is {@link
   * #nextValue(DSLContext) nextValue(ctx)}, with the same guarantees and exceptions. {@code
   * hasNext()} is always true.
   */
  public PrimitiveIterator.OfLong values(DSLContext ctx) {
    Objects.requireNonNull(ctx, "ctx");
    return new PrimitiveIterator.OfLong() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public long nextLong() {
        return nextValue(ctx);
      }
    };
  }

  private long increment(DSLContext ctx, int count, LockWait wait) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(wait, "wait");
    SequenceDialect dialect = SupportedDatabase.requireDialect(ctx.dialect()).sequenceDialect();
    if (wait.isLongerThan(dialect.longestWait())) {
      throw new IllegalArgumentException(
          Names.describe(name)
              + ": "
              + wait
              + " is longer than the longest lock wait "
              + ctx.dialect().family()
              + " can bound ("
              + dialect.longestWait()
              + "); nothing was issued. Use a shorter timeout, or LockWait.WAIT");
    }
    long started = System.nanoTime();
    // The context the statements ran on: a failure is read there (the same connection).
    DSLContext[] bound = {ctx};
    try {
      // One connection for the whole call: its statements must not be spread over a pool.
      return ctx.connectionResult(
          connection -> {
            boolean autoCommit = connection.getAutoCommit();
            TransactionBinding.check(this, ctx, connection, autoCommit);
            bound[0] = TransactionBinding.boundTo(ctx, connection);
            return dialect.increment(
                bound[0], new Increment(name, count, initialValue, resetValue, wait, autoCommit));
          });
    } catch (DataAccessException e) {
      throw ErrorTranslation.translate(
          e, bound[0], dialect, name, new ErrorTranslation.Wait(wait, System.nanoTime() - started));
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GaplessSequence that
        && name.equals(that.name)
        && initialValue == that.initialValue
        && Objects.equals(resetValue, that.resetValue)
        && allowsAutoCommit == that.allowsAutoCommit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, initialValue, resetValue, allowsAutoCommit);
  }

  @Override
  public String toString() {
    return "GaplessSequence["
        + Names.quote(name)
        + ", initialValue="
        + initialValue
        + (resetValue.isPresent() ? ", resetValue=" + resetValue.getAsLong() : "")
        + (allowsAutoCommit ? ", allowsAutoCommit" : "")
        + "]";
  }
}
