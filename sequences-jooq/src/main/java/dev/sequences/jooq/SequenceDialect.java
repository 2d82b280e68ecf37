package dev.sequences.jooq;

import java.sql.SQLException;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * The SQL that increments a counter on one family of databases. Implementations are stateless;
 * {@link SupportedDatabase} holds the one for each supported jOOQ dialect family.
 *
 * <p>{@link #increment} runs on a context bound to one connection, inside the caller's transaction
 * (or in auto-commit mode, when the caller allowed it), and must take the row lock with its first
 * statement.
 */
interface SequenceDialect {

  /**
   * Takes the values of {@code increment} and returns the counter's new value: the last value
   * issued.
   */
  long increment(DSLContext ctx, CounterTable table, Increment increment);

  /** What a failed statement of a call means for the caller. */
  enum Failure {
    /** The lock could not be had in time; the transaction goes on. */
    LOCKED,
    /** The lock could not be had in time, and the database rolled back the whole transaction. */
    LOCKED_AND_ROLLED_BACK,
    /** The transaction cannot go on: roll it back and run it again. */
    RUN_AGAIN,
    /** A BIGINT computation left the type's range. */
    OUT_OF_RANGE,
    /** The counter table does not exist. */
    MISSING_TABLE,
    /** Anything else: the database's error goes to the caller as it is. */
    OTHER
  }

  /**
   * What {@code e} means, for a call on {@code ctx} that was allowed {@code wait} and ran for
   * {@code ran} before it failed. May run a query on {@code ctx} to find out (only on this failure
   * path).
   */
  default Failure classify(SQLException e, DSLContext ctx, LockWait wait, Duration ran) {
    if (isLockNotAvailable(e)) {
      return Failure.LOCKED;
    }
    if (isOutOfRange(e)) {
      return Failure.OUT_OF_RANGE;
    }
    if (e.getSQLState() != null && e.getSQLState().startsWith("40")) {
      return Failure.RUN_AGAIN;
    }
    return isMissingTable(e) ? Failure.MISSING_TABLE : Failure.OTHER;
  }

  /**
   * What the caller of a call that failed with {@code failure} ({@link Failure#LOCKED} or {@link
   * Failure#LOCKED_AND_ROLLED_BACK}) should do, in this database's terms: one or two sentences.
   */
  default String adviceWhenLocked(Failure failure) {
    return failure == Failure.LOCKED
        ? "The transaction goes on: try again later"
        : "The database rolled back the whole transaction: run it again";
  }

  /**
   * The longest {@link LockWait#timeout} this database can bound; a longer one is refused before
   * any SQL. By default what a 32-bit count of milliseconds holds (PostgreSQL's {@code
   * lock_timeout}, H2's {@code LOCK_TIMEOUT}, SQLite's {@code busy_timeout}).
   */
  default Duration longestWait() {
    return Duration.ofMillis(Integer.MAX_VALUE);
  }

  /**
   * True if {@code e} says a lock could not be had in time (a NOWAIT failure or a lock timeout).
   */
  boolean isLockNotAvailable(SQLException e);

  /** The sequence name as the value its statements compare with the counter table's name. */
  default Field<String> nameValue(String name) {
    return CounterTable.boundName(name);
  }

  /** True if {@code e} says a BIGINT computation left the type's range. */
  default boolean isOutOfRange(SQLException e) {
    return "22003".equals(e.getSQLState());
  }

  /** True if {@code e} says the counter table does not exist. */
  default boolean isMissingTable(SQLException e) {
    return "42P01".equals(e.getSQLState()) || "42S02".equals(e.getSQLState());
  }
}
