package dev.sequences.jooq;

import static dev.sequences.jooq.generated.Tables.SEQUENCES_SEQUENCE;

import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * MySQL 8 (and MariaDB under the MYSQL dialect): {@code INSERT ... ON DUPLICATE KEY UPDATE}, which
 * creates or locks and increments the row and hands the new value to {@code LAST_INSERT_ID(expr)},
 * then {@code SELECT LAST_INSERT_ID()} on the same connection: two statements, the lock taken by the
 * first. {@code LAST_INSERT_ID} is per connection, so this is exact in auto-commit mode too. A bounded
 * wait sets the session's {@code innodb_lock_wait_timeout} (whole seconds; MySQL's minimum is 1) before
 * and restores it after.
 */
final class MySqlSequenceDialect implements SequenceDialect {

  static final MySqlSequenceDialect INSTANCE = new MySqlSequenceDialect();

  /** ER_LOCK_WAIT_TIMEOUT. */
  private static final int LOCK_WAIT_TIMEOUT = 1205;

  /** ER_LOCK_NOWAIT (MySQL 8's SELECT ... NOWAIT). */
  private static final int LOCK_NOWAIT = 3572;

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
        () -> upsert(ctx, increment),
        () -> ctx.execute("set session innodb_lock_wait_timeout = @sequences_previous_lock_wait"));
  }

  private static long upsert(DSLContext ctx, Increment increment) {
    ctx.insertInto(SEQUENCES_SEQUENCE, SEQUENCES_SEQUENCE.NAME, SEQUENCES_SEQUENCE.LAST)
        .values(DSL.val(increment.name()), lastInsertId(DSL.val(increment.lastOnFirstUse())))
        .onDuplicateKeyUpdate()
        .set(SEQUENCES_SEQUENCE.LAST, lastInsertId(increment.lastAfter(SEQUENCES_SEQUENCE.LAST)))
        .execute();
    // LAST_INSERT_ID() is unsigned; the cast gives a negative counter back its sign.
    return ctx.fetchValue(DSL.field("cast(last_insert_id() as signed)", SQLDataType.BIGINT));
  }

  private static Field<Long> lastInsertId(Field<Long> value) {
    return DSL.function("last_insert_id", SQLDataType.BIGINT, value);
  }

  @Override
  public boolean isLockNotAvailable(SQLException e) {
    return isInnoDbLockWaitTimeout(e);
  }

  static boolean isInnoDbLockWaitTimeout(SQLException e) {
    return e.getErrorCode() == LOCK_WAIT_TIMEOUT || e.getErrorCode() == LOCK_NOWAIT;
  }
}
