package dev.sequences.jooq;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.ObjLongConsumer;
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
 * SERIALIZABLE on H2 (at REPEATABLE READ too when it races another transaction's first use of the
 * sequence), the second of two concurrent transactions fails with SQL state 40001 and must be run
 * again; so must a deadlock's victim. A transaction that takes several sequences should take them
 * in one fixed order, or two transactions can deadlock. On SQLite and HSQLDB one transaction writes
 * the table at a time, so there different sequences do wait on each other.
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
 * <p>Each {@code nextValue} and {@code nextValues} call reports its outcome to the {@link
 * SequenceListener}s installed on the context's configuration, if any (metrics: the {@code
 * sequences-micrometer} module).
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
   * @return the sequence; no SQL runs until a value is asked for
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

  /**
   * {@return the sequence called {@value #DEFAULT_NAME}, starting at 1} It is django-sequences'
   * default sequence.
   */
  public static GaplessSequence defaultSequence() {
    return named(DEFAULT_NAME);
  }

  /**
   * This sequence with another first value. The initial value is only used when a call creates the
   * counter row (the sequence's first committed use), and as the value a looping sequence goes back
   * to.
   *
   * @param initialValue the first value issued, any {@code long}
   * @return a new instance; this one is unchanged
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
   * @param resetValue the value never issued: the one after {@code resetValue - 1} is the initial
   *     value
   * @return a new instance; this one is unchanged
   * @throws IllegalArgumentException if {@code resetValue} is not greater than the initial value
   */
  public GaplessSequence resettingAt(long resetValue) {
    return new GaplessSequence(name, initialValue, OptionalLong.of(resetValue), allowsAutoCommit);
  }

  /**
   * This sequence, allowed to issue values on a connection in auto-commit mode. By default {@link
   * #nextValue} refuses, because a value committed on its own is lost if the work that uses it
   * fails. Each value then commits at once. A pooled connection out of auto-commit mode outside any
   * transaction is still refused.
   *
   * @return a new instance; this one is unchanged
   */
  public GaplessSequence allowingAutoCommit() {
    return new GaplessSequence(name, initialValue, resetValue, true);
  }

  /** {@return the sequence's name} */
  public String name() {
    return name;
  }

  /** {@return the first value of the sequence, 1 unless {@link #startingAt} said otherwise} */
  public long initialValue() {
    return initialValue;
  }

  /** {@return the reset value of a looping sequence, empty for one that does not loop} */
  public OptionalLong resetValue() {
    return resetValue;
  }

  /** {@return true if {@link #allowingAutoCommit()} was called} */
  public boolean allowsAutoCommit() {
    return allowsAutoCommit;
  }

  /**
   * Issues the next value in {@code ctx}'s transaction, waiting as long as another transaction
   * holds the sequence ({@link LockWait#WAIT}).
   *
   * @param ctx the context whose transaction the value belongs to: {@code cfg.dsl()} inside a jOOQ
   *     transaction, or a context on a connection in a transaction the caller ends
   * @return the value issued: the counter's last value plus one, or the initial value on the
   *     sequence's first use (and, for a looping sequence, after {@code resetValue - 1})
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
   * @param ctx the context whose transaction the value belongs to
   * @param wait how long to wait for another transaction that holds the sequence
   * @return the value
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
   * Numbering at commit: asks for the next value now and issues it just before {@code ctx}'s
   * transaction commits, in that transaction, then runs {@code assign} with the transaction's
   * context and the value (typically an update that writes the number into the document), still
   * inside the transaction. Returns at once. The sequence's row lock is held from then to the
   * commit only, instead of from now: other transactions numbering the same sequence wait for that
   * short time, not for the rest of this one.
   *
   * <p>The hook at the commit is {@link BeforeCommitNumbering#listener()} on the jOOQ configuration
   * whose {@code transaction(...)} runs (also with {@code ThreadLocalTransactionProvider}), or a
   * Spring-managed transaction of any propagation that runs one (where Spring runs the jOOQ
   * transaction, its synchronization issues it, once). The request belongs to {@code ctx}'s
   * transaction and to the savepoint open on it now: a rollback issues nothing, and so does a
   * nested transaction (savepoint) that rolls back, whichever of the transaction's contexts was
   * used. Several requests of one transaction are issued by counter table, then by name, so two
   * transactions that number the same sequences never deadlock on them; a request made by an {@code
   * assign} is issued in the same commit, after them. Waits as {@link LockWait#WAIT}. The values
   * keep every guarantee of {@link #nextValue(DSLContext)}; a value that cannot be issued (a lock
   * that times out, an overflow) fails the commit, and the caller of the commit gets the exception.
   *
   * @param ctx a context of the transaction the value belongs to, as for {@link
   *     #nextValue(DSLContext)}
   * @param assign what to do with the value at the commit: called with the context the value was
   *     issued on (in the transaction) and the value
   * @throws IllegalStateException if no hook is active for {@code ctx}'s transaction (saying how to
   *     install one), or if {@code ctx} is in auto-commit mode (also a Spring scope without a
   *     transaction: {@code SUPPORTS}, {@code NOT_SUPPORTED}, {@code NEVER}) or belongs to no
   *     transaction the library recognises, or if called while a Spring transaction commits after
   *     its requests were issued (another synchronization's {@code beforeCommit}); nothing was
   *     registered
   * @throws UnsupportedOperationException if {@code ctx.dialect()} is not supported
   */
  public void nextValueBeforeCommit(DSLContext ctx, ObjLongConsumer<DSLContext> assign) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(assign, "assign");
    if (TransactionBinding.isR2dbcOnly(ctx.configuration())) {
      throw new IllegalStateException(
          Names.describe(name)
              + ": nextValueBeforeCommit numbers at the commit of a JDBC transaction, and this"
              + " DSLContext runs on R2DBC; nothing was registered. Take the value with"
              + " nextValuePublisher(ctx) inside the transactionPublisher instead");
    }
    SupportedDatabase.requireDialect(ctx.dialect());
    String[] database = {""};
    boolean springMayIssue =
        ctx.connectionResult(
            connection -> {
              if (connection.getAutoCommit()) {
                throw new IllegalStateException(
                    Names.describe(name)
                        + ": nextValueBeforeCommit needs a transaction to number at its commit, and the"
                        + " connection is in auto-commit mode (no transaction, or a Spring scope without"
                        + " one: SUPPORTS, NOT_SUPPORTED, NEVER); nothing was registered. Call it inside"
                        + " a transaction");
              }
              TransactionBinding.bind(this, ctx, connection, false);
              database[0] = Objects.requireNonNullElse(connection.getMetaData().getURL(), "");
              return TransactionBinding.isSpringOrContainer(ctx.configuration(), connection);
            });
    BeforeCommitNumbering.Request request =
        new BeforeCommitNumbering.Request(this, ctx, database[0], assign);
    if (!BeforeCommitNumbering.register(ctx, request)
        && !(springMayIssue && TransactionBinding.deferToSpring(request))) {
      IllegalStateException refused =
          new IllegalStateException(
              Names.describe(name)
                  + ": nextValueBeforeCommit needs a hook at the transaction's commit, and none is"
                  + " active; nothing was registered. Add BeforeCommitNumbering.listener() to the"
                  + " jOOQ configuration whose transaction(...) you call (DefaultConfiguration.set("
                  + "TransactionListener...)), or call it inside a Spring-managed transaction");
      // Reported as nextValue reports its own refusals: the call ends in an error.
      InstalledListeners listeners = InstalledListeners.on(ctx.configuration());
      if (listeners != null) {
        listeners.report(new SequenceEvent(name, 1, SequenceEvent.Outcome.ERROR, 0, refused));
      }
      throw refused;
    }
  }

  /**
   * Issues {@code count} consecutive values in {@code ctx}'s transaction, in one statement on
   * PostgreSQL, MariaDB, H2, HSQLDB and SQLite (two on MySQL). A count of 0 returns an empty range
   * without touching the database.
   *
   * @param ctx the context whose transaction the values belong to
   * @param count how many values, 0 or more
   * @return the values, in ascending order
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
   * @param ctx the context whose transaction the values belong to
   * @param count how many values, 0 or more
   * @param wait how long to wait for another transaction that holds the sequence
   * @return the values, in ascending order
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
   *
   * @param ctx the context to read with; any connection, auto-commit included
   * @return the last value, or empty
   */
  public OptionalLong lastValue(DSLContext ctx) {
    return onCounterTable(ctx, (table, own) -> table.last(own, name));
  }

  /**
   * Deletes the counter row: the next use starts again at the initial value. Works in auto-commit
   * mode too.
   *
   * @param ctx the context to delete with, in its transaction if it has one
   * @return true if the sequence existed
   */
  public boolean delete(DSLContext ctx) {
    return onCounterTable(ctx, (table, own) -> table.delete(own, name));
  }

  /** Runs {@code statement} with the library's rendering; its failure translated for this name. */
  private <T> T onCounterTable(DSLContext ctx, BiFunction<CounterTable, DSLContext, T> statement) {
    Objects.requireNonNull(ctx, "ctx");
    DSLContext own = LibraryRendering.applied(ctx);
    try {
      return statement.apply(SupportedDatabase.counterTableOf(ctx.dialect()), own);
    } catch (RuntimeException e) {
      throw ErrorTranslation.translate(
          e, own, SupportedDatabase.sequenceDialectOrNull(ctx.dialect()), name, null);
    }
  }

  /**
   * An endless iterator over the sequence's values: each {@code nextLong()} is {@link
   * #nextValue(DSLContext) nextValue(ctx)}, with the same guarantees and exceptions. {@code
   * hasNext()} is always true.
   *
   * @param ctx the context whose transaction each value belongs to
   * @return an iterator that issues a value at each {@code nextLong()}
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
    if (TransactionBinding.isR2dbcOnly(ctx.configuration())) {
      throw new IllegalStateException(
          Names.describe(name)
              + ": this DSLContext runs on R2DBC (a ConnectionFactory, no JDBC connection), and"
              + " nextValue/nextValues would block a thread on it; nothing was issued. Use"
              + " nextValuePublisher(ctx) or nextValuesPublisher(ctx, count) inside"
              + " dsl.transactionPublisher(trx -> ... trx.dsl() ...)");
    }
    SupportedDatabase database = checkedDatabase(ctx, wait);
    SequenceDialect dialect = database.sequenceDialect();
    // The whole cost of listeners when none is installed: one lookup in the configuration's data.
    InstalledListeners listeners = InstalledListeners.on(ctx.configuration());
    long started = System.nanoTime();
    // The context the statements ran on: a failure is read there (the same connection).
    DSLContext[] bound = {ctx};
    long last;
    try {
      // One connection for the whole call: its statements must not be spread over a pool.
      last =
          ctx.connectionResult(
              connection -> {
                boolean autoCommit = connection.getAutoCommit();
                bound[0] = TransactionBinding.bind(this, ctx, connection, autoCommit);
                return dialect.increment(
                    bound[0],
                    database.counterTable(),
                    new Increment(name, count, initialValue, resetValue, wait, autoCommit));
              });
    } catch (RuntimeException e) {
      // Also what is not jOOQ's: an ExecuteListener's own exception (Spring's translator), a
      // refusal before any SQL (IllegalStateException), which goes out unchanged as an error.
      long ran = System.nanoTime() - started;
      ErrorTranslation.Translated failure =
          ErrorTranslation.translated(
              e, bound[0], dialect, name, new ErrorTranslation.Wait(wait, ran), null);
      if (listeners != null) {
        listeners.report(
            new SequenceEvent(name, count, failure.outcome(), ran, failure.exception()));
      }
      throw failure.exception();
    }
    if (listeners != null) {
      listeners.report(
          new SequenceEvent(
              name, count, SequenceEvent.Outcome.ISSUED, System.nanoTime() - started, null));
    }
    return last;
  }

  /** {@code ctx}'s supported database, if it can bound {@code wait}; before any SQL. */
  private SupportedDatabase checkedDatabase(DSLContext ctx, LockWait wait) {
    SupportedDatabase database = SupportedDatabase.requireDialect(ctx.dialect());
    SequenceDialect dialect = database.sequenceDialect();
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
    return database;
  }

  /**
   * The publisher form of {@link #nextValue(DSLContext)}, for jOOQ on R2DBC: each subscription
   * issues one value in {@code ctx}'s R2DBC transaction (typically {@code trx.dsl()} inside {@code
   * dsl.transactionPublisher(trx -> ...)}) and emits it, without blocking a thread. Nothing runs
   * until a subscriber requests. A rollback gives the value back, as on JDBC.
   *
   * <p>jOOQ's {@code transactionPublisher} emits the transaction's result before it commits: take
   * the number from it with {@code Flux.from(...).single()} (or {@code last()}), which completes
   * after the commit and fails if the commit fails. {@code Mono.from(...)} cancels the
   * transaction's publisher at its first element, so the number reaches the caller before the
   * commit, whose outcome the caller then never sees.
   *
   * <p>The statements are the blocking path's, on the one R2DBC connection the context hands out. A
   * connection in auto-commit mode ({@code io.r2dbc.spi.Connection.isAutoCommit()}) is refused with
   * {@link IllegalStateException} unless {@link #allowingAutoCommit()} was called; every refusal
   * and failure arrives through {@code onError} with the blocking call's exception, and the call is
   * reported to the configuration's {@link SequenceListener}s. Supported on PostgreSQL, MariaDB
   * (MARIADB and MYSQL dialects), MySQL and H2. On a context without an R2DBC {@code
   * ConnectionFactory} (JDBC), the subscription runs {@link #nextValue(DSLContext)} on the
   * requesting thread.
   *
   * @param ctx the context whose transaction the value belongs to
   * @return a publisher of one value
   * @throws NullPointerException if {@code ctx} is null
   */
  public org.jooq.Publisher<Long> nextValuePublisher(DSLContext ctx) {
    return nextValuePublisher(ctx, LockWait.WAIT);
  }

  /**
   * {@link #nextValuePublisher(DSLContext)}, waiting at most as {@code wait} allows: {@link
   * SequenceLockedException} through {@code onError} when the sequence stays held longer.
   *
   * @param ctx the context whose transaction the value belongs to
   * @param wait how long to wait for another transaction that holds the sequence
   * @return a publisher of one value
   * @throws NullPointerException if an argument is null
   */
  public org.jooq.Publisher<Long> nextValuePublisher(DSLContext ctx, LockWait wait) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(wait, "wait");
    return incrementPublisher(ctx, 1, wait);
  }

  /**
   * The publisher form of {@link #nextValues(DSLContext, int)}: emits the range of {@code count}
   * values issued in {@code ctx}'s R2DBC transaction; a count of 0 emits the empty range without
   * SQL. A negative count and a looping sequence arrive through {@code onError}.
   *
   * @param ctx the context whose transaction the values belong to
   * @param count how many values, 0 or more
   * @return a publisher of one range
   * @throws NullPointerException if {@code ctx} is null
   * @see #nextValuePublisher(DSLContext)
   */
  public org.jooq.Publisher<ValueRange> nextValuesPublisher(DSLContext ctx, int count) {
    return nextValuesPublisher(ctx, count, LockWait.WAIT);
  }

  /**
   * {@link #nextValuesPublisher(DSLContext, int)}, waiting at most as {@code wait} allows.
   *
   * @param ctx the context whose transaction the values belong to
   * @param count how many values, 0 or more
   * @param wait how long to wait for another transaction that holds the sequence
   * @return a publisher of one range
   * @throws NullPointerException if {@code ctx} or {@code wait} is null
   */
  public org.jooq.Publisher<ValueRange> nextValuesPublisher(
      DSLContext ctx, int count, LockWait wait) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(wait, "wait");
    return ReactiveCalls.single(
        () -> {
          if (resetValue.isPresent() || count <= 0) {
            // The blocking call's refusals (a loop, a negative count) and its empty range.
            return CompletableFuture.completedFuture(nextValues(ctx, count, wait));
          }
          return incrementStage(ctx, count, wait)
              .thenApply(last -> ValueRange.endingAt(last, count));
        });
  }

  /**
   * The publisher form of {@link #lastValue(DSLContext)}: emits the last value, or completes empty
   * if the sequence was never used. A read: any connection, auto-commit included.
   *
   * @param ctx the context to read with
   * @return a publisher of at most one value
   * @throws NullPointerException if {@code ctx} is null
   */
  public org.jooq.Publisher<Long> lastValuePublisher(DSLContext ctx) {
    Objects.requireNonNull(ctx, "ctx");
    return ReactiveCalls.single(
        () -> {
          if (!TransactionBinding.hasConnectionFactory(ctx.configuration())) {
            OptionalLong last = lastValue(ctx);
            return CompletableFuture.completedFuture(last.isPresent() ? last.getAsLong() : null);
          }
          return ReactiveCalls.last(this, ctx);
        });
  }

  private org.jooq.Publisher<Long> incrementPublisher(DSLContext ctx, int count, LockWait wait) {
    return ReactiveCalls.single(() -> incrementStage(ctx, count, wait));
  }

  /** One increment as a stage: on R2DBC without blocking, on JDBC the blocking call now. */
  private CompletionStage<Long> incrementStage(DSLContext ctx, int count, LockWait wait) {
    if (!TransactionBinding.hasConnectionFactory(ctx.configuration())) {
      return CompletableFuture.completedFuture(increment(ctx, count, wait));
    }
    return ReactiveCalls.increment(this, ctx, checkedDatabase(ctx, wait), count, wait);
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
