package dev.sequences.jooq;

import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;

/**
 * MySQL 8 (and MariaDB under the MYSQL dialect): {@code INSERT ... ON DUPLICATE KEY UPDATE}, which
 * creates or locks and increments the row and hands the new value to {@code LAST_INSERT_ID(expr)},
 * then {@code SELECT LAST_INSERT_ID()} on the same connection: two statements, the lock taken by
 * the first. {@code LAST_INSERT_ID} is per connection, so this is exact in auto-commit mode too. A
 * bounded wait sets the session's {@code innodb_lock_wait_timeout} (whole seconds; MySQL's minimum
 * is 1) before and restores it after.
 */
final class MySqlSequenceDialect extends InnoDbSequenceDialect implements ReactiveSequenceDialect {

  static final MySqlSequenceDialect INSTANCE = new MySqlSequenceDialect();

  /** Keeps the session's lock wait in a variable and sets it to the number of seconds after. */
  static final String SET_LOCK_WAIT =
      "set @sequences_previous_lock_wait = @@session.innodb_lock_wait_timeout,"
          + " session innodb_lock_wait_timeout = ";

  /** Sets the session's lock wait back. */
  static final String RESTORE_LOCK_WAIT =
      "set session innodb_lock_wait_timeout = @sequences_previous_lock_wait";

  private MySqlSequenceDialect() {}

  @Override
  public long increment(DSLContext ctx, CounterTable table, Increment increment) {
    if (!increment.lockWait().isBounded()) {
      return upsert(ctx, table, increment);
    }
    ctx.execute(SET_LOCK_WAIT + increment.lockWait().secondsRoundedUp());
    return SessionLockTimeout.restoringAfter(
        increment, () -> upsert(ctx, table, increment), () -> ctx.execute(RESTORE_LOCK_WAIT));
  }

  private static long upsert(DSLContext ctx, CounterTable table, Increment increment) {
    if (increment.firstUseOverflows()) {
      return table.updateExisting(ctx, increment, "");
    }
    return table.upsertReadingInsertId(ctx, increment);
  }

  @Override
  public CompletableFuture<Long> incrementReactive(
      DSLContext ctx, CounterTable table, Increment increment) {
    if (!increment.lockWait().isBounded()) {
      return ReactiveStatements.upsertReadingInsertId(ctx, table, increment);
    }
    return ReactiveStatements.first(
            ctx.query(SET_LOCK_WAIT + increment.lockWait().secondsRoundedUp()))
        .thenCompose(
            set ->
                ReactiveStatements.restoringAfter(
                    increment,
                    () -> ReactiveStatements.upsertReadingInsertId(ctx, table, increment),
                    () -> ReactiveStatements.first(ctx.query(RESTORE_LOCK_WAIT))));
  }
}
