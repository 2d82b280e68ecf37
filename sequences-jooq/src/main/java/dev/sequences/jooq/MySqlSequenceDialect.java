package dev.sequences.jooq;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * MySQL 8 (and MariaDB under the MYSQL dialect): {@code INSERT ... ON DUPLICATE KEY UPDATE}, which
 * creates or locks and increments the row and hands the new value to {@code LAST_INSERT_ID(expr)},
 * then {@code SELECT LAST_INSERT_ID()} on the same connection: two statements, the lock taken by
 * the first. {@code LAST_INSERT_ID} is per connection, so this is exact in auto-commit mode too. A
 * bounded wait sets the session's {@code innodb_lock_wait_timeout} (whole seconds; MySQL's minimum
 * is 1) before and restores it after.
 */
final class MySqlSequenceDialect extends InnoDbSequenceDialect {

  static final MySqlSequenceDialect INSTANCE = new MySqlSequenceDialect();

  private static final Field<Long> LAST_INSERT_ID =
      DSL.field("cast(last_insert_id() as signed)", SQLDataType.BIGINT);

  private MySqlSequenceDialect() {}

  @Override
  public long increment(DSLContext ctx, Increment increment) {
    if (!increment.lockWait().isBounded()) {
      return upsert(ctx, increment);
    }
    ctx.execute(
        "set @sequences_previous_lock_wait = @@session.innodb_lock_wait_timeout,"
            + " session innodb_lock_wait_timeout = "
            + increment.lockWait().secondsRoundedUp());
    return SessionLockTimeout.restoringAfter(
        increment,
        () -> upsert(ctx, increment),
        () -> ctx.execute("set session innodb_lock_wait_timeout = @sequences_previous_lock_wait"));
  }

  private static final RenderedOnce.Statement<Increment> READ_LAST_INSERT_ID =
      RenderedOnce.Statement.withoutBinds((ctx, increment) -> ctx.select(LAST_INSERT_ID));

  private static long upsert(DSLContext ctx, Increment increment) {
    if (increment.firstUseOverflows()) {
      return CounterTable.updateExisting(ctx, increment, "");
    }
    CounterTable.upsertIntoInsertId(ctx, increment);
    // LAST_INSERT_ID() is unsigned; the casts give a negative counter back its sign.
    return RenderedOnce.run(
        ctx, "last-insert-id", RenderedOnce.Result.QUERY, READ_LAST_INSERT_ID, increment);
  }
}
