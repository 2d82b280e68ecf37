package dev.sequences.jooq;

import java.sql.SQLException;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * SQLite 3.35+: one {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING} per call. SQLite lets
 * one transaction write at a time, so a caller waits for the database's write lock, not for a row,
 * as long as the connection's {@code busy_timeout} allows; a bounded wait sets that timeout
 * (milliseconds) before and restores it after. SQLite turns an integer overflow into a
 * floating-point value instead of failing, so the increment is guarded: a sum past {@link
 * Long#MAX_VALUE} becomes NULL, which the NOT NULL column refuses.
 */
final class SqliteSequenceDialect implements SequenceDialect {

  static final SqliteSequenceDialect INSTANCE = new SqliteSequenceDialect();

  /** SQLITE_BUSY, the primary result code of every "database is locked" failure. */
  private static final int BUSY = 5;

  /** SQLITE_BUSY_SNAPSHOT, the extended code of a WAL snapshot too old to write. */
  private static final int BUSY_SNAPSHOT = 517;

  private SqliteSequenceDialect() {}

  @Override
  public long increment(DSLContext ctx, CounterTable table, Increment increment) {
    return SessionLockTimeout.aroundMillis(
        ctx,
        increment,
        "pragma busy_timeout",
        "pragma busy_timeout = ",
        () -> upsert(ctx, table, increment));
  }

  private static long upsert(DSLContext ctx, CounterTable table, Increment increment) {
    Field<Long> last = CounterTable.last();
    Field<Long> next = increment.lastAfter(last);
    if (!increment.looping()) {
      next =
          DSL.when(last.gt(Long.MAX_VALUE - increment.count()), DSL.castNull(SQLDataType.BIGINT))
              .otherwise(next);
    }
    if (increment.firstUseOverflows()) {
      return table.updateExisting(ctx, increment, next, "");
    }
    return table.upsertReturningNatively(ctx, increment, next);
  }

  @Override
  public boolean isLockNotAvailable(SQLException e) {
    return (e.getErrorCode() & 0xff) == BUSY;
  }

  /**
   * A busy database means "locked, try later" only when SQLite waited for the lock. It does not
   * wait, and no retry inside the transaction can succeed, when the transaction read before this
   * write: in WAL mode its snapshot is older than another transaction's commit ({@code
   * SQLITE_BUSY_SNAPSHOT}), and in rollback-journal mode waiting would deadlock with a writer that
   * waits for this transaction's read lock, so SQLite fails at once. A busy failure well inside the
   * wait's limit is that case: the transaction must be run again.
   */
  @Override
  public Failure classify(SQLException e, DSLContext ctx, LockWait wait, Duration ran) {
    Failure failure = SequenceDialect.super.classify(e, ctx, wait, ran);
    if (failure != Failure.LOCKED) {
      return failure;
    }
    if (e.getErrorCode() == BUSY_SNAPSHOT
        || (e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY_SNAPSHOT"))) {
      return Failure.RUN_AGAIN;
    }
    long limitMillis =
        wait.isBounded()
            ? wait.millisRoundedUp()
            : ctx.resultQuery("pragma busy_timeout").fetchOne(0, Long.class);
    return ran.toMillis() < limitMillis / 2 ? Failure.RUN_AGAIN : Failure.LOCKED;
  }

  @Override
  public boolean isOutOfRange(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.contains("NOT NULL constraint failed") && message.contains(".last");
  }

  @Override
  public boolean isMissingTable(SQLException e) {
    return e.getMessage() != null && e.getMessage().contains("no such table");
  }
}
