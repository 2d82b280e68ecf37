package dev.sequences.jooq;

import java.sql.SQLException;
import java.time.Duration;
import org.jooq.DSLContext;

/** What MySQL and MariaDB have in common: InnoDB's row locks, its errors and its lock timeout. */
abstract class InnoDbSequenceDialect implements SequenceDialect {

  /** ER_LOCK_WAIT_TIMEOUT. */
  private static final int LOCK_WAIT_TIMEOUT = 1205;

  /** ER_LOCK_NOWAIT (MySQL 8's SELECT ... NOWAIT). */
  private static final int LOCK_NOWAIT = 3572;

  /** ER_DATA_OUT_OF_RANGE: "BIGINT value is out of range", whatever the SQL mode. */
  private static final int DATA_OUT_OF_RANGE = 1690;

  /** The largest {@code innodb_lock_wait_timeout}, in seconds. */
  private static final long LONGEST_WAIT_SECONDS = 1_073_741_824L;

  @Override
  public boolean isLockNotAvailable(SQLException e) {
    return isLockWait(e);
  }

  /**
   * True if {@code e} is InnoDB's lock wait timeout or NOWAIT failure, by its error code: MySQL
   * Connector/J reports the timeout with SQL state 40001, as if the transaction were to run again.
   */
  static boolean isLockWait(SQLException e) {
    return e.getErrorCode() == LOCK_WAIT_TIMEOUT || e.getErrorCode() == LOCK_NOWAIT;
  }

  @Override
  public boolean isOutOfRange(SQLException e) {
    return e.getErrorCode() == DATA_OUT_OF_RANGE;
  }

  /**
   * As by default, but a lock timeout on a server started with {@code
   * innodb_rollback_on_timeout=ON} has rolled back the whole transaction, not only the statement:
   * that is read from the server on this failure path only (one query), never on the way to a
   * value.
   */
  @Override
  public Failure classify(SQLException e, DSLContext ctx, LockWait wait, Duration ran) {
    Failure failure = SequenceDialect.super.classify(e, ctx, wait, ran);
    if (failure == Failure.LOCKED
        && e.getErrorCode() == LOCK_WAIT_TIMEOUT
        && rollsBackOnTimeout(ctx)) {
      return Failure.LOCKED_AND_ROLLED_BACK;
    }
    return failure;
  }

  @Override
  public String adviceWhenLocked(Failure failure) {
    return failure == Failure.LOCKED
        ? SequenceDialect.super.adviceWhenLocked(failure)
        : "The database rolled back the whole transaction (innodb_rollback_on_timeout is ON): run"
            + " it again";
  }

  static boolean rollsBackOnTimeout(DSLContext ctx) {
    try {
      Object value = ctx.fetchValue("select @@innodb_rollback_on_timeout");
      return value != null && !"0".equals(value.toString()) && !"OFF".equals(value.toString());
    } catch (RuntimeException unknown) {
      return false;
    }
  }

  @Override
  public Duration longestWait() {
    return Duration.ofSeconds(LONGEST_WAIT_SECONDS);
  }
}
