package dev.sequences.jooq;

import static dev.sequences.jooq.generated.Tables.SEQUENCES_SEQUENCE;

import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * Databases without a locking upsert that returns the new value (H2): an {@code UPDATE ... RETURNING}
 * that locks and increments an existing row in one statement; if there is no row yet, an {@code
 * INSERT}. When another transaction created the row first, the insert fails on the primary key after
 * that transaction commits, and the update is tried again (at most once more: the row then exists).
 * A bounded wait sets the session's {@code LOCK_TIMEOUT} (milliseconds) and restores it after.
 */
final class LockThenWriteSequenceDialect implements SequenceDialect {

  static final LockThenWriteSequenceDialect H2 = new LockThenWriteSequenceDialect();

  /** H2's LOCK_TIMEOUT_1. */
  private static final int H2_LOCK_TIMEOUT = 50200;

  private LockThenWriteSequenceDialect() {}

  @Override
  public long increment(DSLContext ctx, Increment increment) {
    if (!increment.lockWait().isBounded()) {
      return lockThenWrite(ctx, increment);
    }
    Integer previous =
ctx.resultQuery("select lock_timeout()").fetchOne(0, Integer.class);
    ctx.execute("set lock_timeout " + increment.lockWait().millisRoundedUp());
    return SessionLockTimeout.restoringAfter(
        () -> lockThenWrite(ctx, increment), () -> ctx.execute("set lock_timeout " + previous));
  }

  private static long lockThenWrite(DSLContext ctx, Increment increment) {
    for (int attempt = 1; ; attempt++) {
      Record1<Long> updated =
          ctx.update(SEQUENCES_SEQUENCE)
              .set(SEQUENCES_SEQUENCE.LAST, increment.lastAfter(SEQUENCES_SEQUENCE.LAST))
              .where(SEQUENCES_SEQUENCE.NAME.eq(increment.nameValue()))
              .returningResult(SEQUENCES_SEQUENCE.LAST)
              .fetchOne();
      if (updated != null) {
        return updated.value1();
      }
      try {
        ctx.insertInto(SEQUENCES_SEQUENCE, SEQUENCES_SEQUENCE.NAME, SEQUENCES_SEQUENCE.LAST)
            .values(increment.nameValue(), DSL.val(increment.lastOnFirstUse()))
            .execute();
        return increment.lastOnFirstUse();
      } catch (IntegrityConstraintViolationException createdByAnotherTransaction) {
        if (attempt == 2) {
          throw createdByAnotherTransaction;
        }
      }
    }
  }

  @Override
  public boolean isLockNotAvailable(SQLException e) {
    return e.getErrorCode() == H2_LOCK_TIMEOUT;
  }
}
