package dev.sequences.jooq;

import static dev.sequences.jooq.generated.Tables.SEQUENCES_SEQUENCE;

import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * PostgreSQL: one {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING} per call, which creates or
 * locks and increments the row. A bounded wait sets {@code lock_timeout} around it (one statement
 * before, one after), which also bounds the wait for another transaction's uncommitted first use.
 */
final class PostgresSequenceDialect implements SequenceDialect {

  static final PostgresSequenceDialect INSTANCE = new PostgresSequenceDialect();

  /** lock_not_available: NOWAIT and lock_timeout failures. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private PostgresSequenceDialect() {}

  @Override
  public long increment(DSLContext ctx, Increment increment) {
    if (!increment.lockWait().isBounded()) {
      return upsert(ctx, increment);
    }
    // Session level, so that it holds in auto-commit mode too. Inside a transaction that the upsert
    // aborts, the restore below fails, but the rollback the caller must do undoes the SET as well.
    String previous =
        ctx.resultQuery(
                "select o.previous, set_config('lock_timeout', {0}, false)"
                    + " from (select current_setting('lock_timeout') as previous offset 0) o",
                DSL.val(increment.lockWait().millisRoundedUp() + "ms"))
            .fetchOne(0, String.class);
    return SessionLockTimeout.restoringAfter(
        () -> upsert(ctx, increment),
        () -> ctx.fetch("select set_config('lock_timeout', {0}, false)", DSL.val(previous)));
  }

  private static long upsert(DSLContext ctx, Increment increment) {
    return ctx.insertInto(SEQUENCES_SEQUENCE, SEQUENCES_SEQUENCE.NAME, SEQUENCES_SEQUENCE.LAST)
        .values(increment.nameValue(), DSL.val(increment.lastOnFirstUse()))
        .onConflict(SEQUENCES_SEQUENCE.NAME)
        .doUpdate()
        .set(SEQUENCES_SEQUENCE.LAST, increment.lastAfter(SEQUENCES_SEQUENCE.LAST))
        .returningResult(SEQUENCES_SEQUENCE.LAST)
        .fetchOne()
        .value1();
  }

  @Override
  public boolean isLockNotAvailable(SQLException e) {
    return LOCK_NOT_AVAILABLE.equals(e.getSQLState());
  }
}
