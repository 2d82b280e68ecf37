package dev.sequences.jooq;

import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;

/**
 * HSQLDB 2.7: one statement per call, a {@code MERGE} whose new value jOOQ reads back through
 * JDBC's generated keys (HSQLDB returns any named column of the merged row there), as jOOQ renders
 * {@code ON CONFLICT DO UPDATE ... RETURNING} for HSQLDB.
 *
 * <p>Only {@link LockWait#WAIT} is offered. HSQLDB has no lock timeout: {@code setQueryTimeout}
 * does not end a wait for a row lock, and {@code Statement.cancel()} ends it but leaves the session
 * marked aborted when it arrives just after the statement completed, which then fails the caller's
 * next statement, whatever it is. A bounded wait is refused before any SQL runs.
 *
 * <p>Use HSQLDB's LOCKS (its default) or MVLOCKS transaction model: a writer locks the whole table,
 * so callers of different sequences wait for each other, as on SQLite. Not MVCC: on HSQLDB 2.7.4 a
 * transaction waiting there for a row was seen to wait forever after the holder ended, with plain
 * UPDATE statements too, without this library ({@code HsqldbMvccStallTest} in sequences-it).
 */
final class HsqldbSequenceDialect implements SequenceDialect {

  static final HsqldbSequenceDialect INSTANCE = new HsqldbSequenceDialect();

  /** "user lacks privilege or object not found". */
  private static final int OBJECT_NOT_FOUND = -5501;

  private HsqldbSequenceDialect() {}

  @Override
  public long increment(DSLContext ctx, CounterTable table, Increment increment) {
    if (increment.lockWait().isBounded()) {
      throw new UnsupportedOperationException(
          "sequence '"
              + increment.name()
              + "': HSQLDB cannot bound a wait for a row lock, so "
              + increment.lockWait()
              + " is not offered there; its counter is unchanged. Use LockWait.WAIT on HSQLDB");
    }
    return table.returningLast(ctx, increment);
  }

  @Override
  public boolean isLockNotAvailable(SQLException e) {
    return false;
  }

  /** Unbounded: every bounded wait is refused by {@link #increment} before any SQL. */
  @Override
  public Duration longestWait() {
    return ChronoUnit.FOREVER.getDuration();
  }

  /**
   * HSQLDB reports a BIGINT overflow inside {@code MERGE} as a cardinality violation (21000); the
   * MERGE here has a one-row source, so it cannot meet a true one.
   */
  @Override
  public boolean isOutOfRange(SQLException e) {
    return "22003".equals(e.getSQLState()) || "21000".equals(e.getSQLState());
  }

  @Override
  public boolean isMissingTable(SQLException e) {
    return e.getErrorCode() == OBJECT_NOT_FOUND;
  }
}
