package dev.sequences.jooq;

import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * H2 2.x: one statement per call, an upsert whose new value is read through H2's data change delta
 * table ({@code SELECT ... FROM FINAL TABLE (MERGE INTO ...)}), as jOOQ renders {@code ON CONFLICT
 * DO UPDATE ... RETURNING} for H2; a second one when the call raced another transaction's first use
 * of the sequence. A bounded wait sets the session's {@code LOCK_TIMEOUT} (milliseconds) and restores
 * it after.
 */
final class H2SequenceDialect implements SequenceDialect {

  static final H2SequenceDialect INSTANCE = new H2SequenceDialect();

  /** H2's LOCK_TIMEOUT_1. */
  private static final int LOCK_TIMEOUT = 50200;

  private H2SequenceDialect() {}

  @Override
  public long increment(DSLContext ctx, Increment increment) {
    return SessionLockTimeout.aroundMillis(
        ctx,
        increment,
        "select lock_timeout()",
        "set lock_timeout ",
        () -> upsert(ctx, increment));
  }

  private static long upsert(DSLContext ctx, Increment increment) {
    try {
      return merge(ctx, increment);
    } catch (IntegrityConstraintViolationException createdByAnotherTransaction) {
      // H2's MERGE did not see another transaction's uncommitted first use, tried to insert, waited
      // for that transaction and failed on the key when it committed. The row is visible now.
      return merge(ctx, increment);
    }
  }

  private static long merge(DSLContext ctx, Increment increment) {
    return increment.upsertReturningLast(ctx).fetchOne().value1();
  }

  @Override
  public boolean isLockNotAvailable(SQLException e) {
    return e.getErrorCode() == LOCK_TIMEOUT;
  }
}
