package dev.sequences.jooq;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * PostgreSQL: one {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING} per call, which creates or
 * locks and increments the row. A bounded wait sets {@code lock_timeout} around it (one statement
 * before, one after), which also bounds the wait for another transaction's uncommitted first use.
 */
final class PostgresSequenceDialect implements SequenceDialect, ReactiveSequenceDialect {

  static final PostgresSequenceDialect INSTANCE = new PostgresSequenceDialect();

  /** lock_not_available: NOWAIT and lock_timeout failures. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  /** Sets {@code lock_timeout} to {0}, local to the transaction if {1}; returns the previous. */
  static final String SET_LOCK_TIMEOUT =
      "select o.previous, set_config('lock_timeout', {0}, {1})"
          + " from (select current_setting('lock_timeout') as previous offset 0) o";

  /** Sets {@code lock_timeout} back to {0}, local to the transaction if {1}. */
  static final String RESTORE_LOCK_TIMEOUT = "select set_config('lock_timeout', {0}, {1})";

  private PostgresSequenceDialect() {}

  @Override
  public long increment(DSLContext ctx, CounterTable table, Increment increment) {
    if (!increment.lockWait().isBounded()) {
      return table.returningLast(ctx, increment);
    }
    // Local to the transaction, which may abort before the restore; in auto-commit, the session's.
    Field<Boolean> local = DSL.val(!increment.autoCommit());
    String previous =
        ctx.resultQuery(
                SET_LOCK_TIMEOUT, DSL.val(increment.lockWait().millisRoundedUp() + "ms"), local)
            .fetchOne(0, String.class);
    return SessionLockTimeout.restoringAfter(
        increment,
        () -> table.returningLast(ctx, increment),
        () -> ctx.fetch(RESTORE_LOCK_TIMEOUT, DSL.val(previous), local));
  }

  /** PostgreSQL aborts a transaction at its first failed statement. */
  @Override
  public String adviceWhenLocked(Failure failure) {
    return "PostgreSQL has aborted the transaction: roll it back, then try again";
  }

  @Override
  public boolean isLockNotAvailable(SQLException e) {
    return LOCK_NOT_AVAILABLE.equals(e.getSQLState());
  }

  @Override
  public CompletableFuture<Long> incrementReactive(
      DSLContext ctx, CounterTable table, Increment increment) {
    if (!increment.lockWait().isBounded()) {
      return ReactiveStatements.upsertReturning(ctx, table, increment, "");
    }
    Field<Boolean> local = DSL.val(!increment.autoCommit());
    return ReactiveStatements.value(
            ctx.resultQuery(
                SET_LOCK_TIMEOUT, DSL.val(increment.lockWait().millisRoundedUp() + "ms"), local),
            String.class)
        .thenCompose(
            previous ->
                ReactiveStatements.restoringAfter(
                    increment,
                    () -> ReactiveStatements.upsertReturning(ctx, table, increment, ""),
                    () ->
                        ReactiveStatements.first(
                            ctx.resultQuery(RESTORE_LOCK_TIMEOUT, DSL.val(previous), local))));
  }
}
