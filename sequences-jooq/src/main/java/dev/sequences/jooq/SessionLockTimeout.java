package dev.sequences.jooq;

import java.util.function.LongSupplier;
import org.jooq.DSLContext;

/**
 * Runs an increment under a session-level lock timeout and restores the previous one afterwards,
 * for the databases that have no per-statement way to bound a lock wait.
 */
final class SessionLockTimeout {

  private SessionLockTimeout() {}

  /**
   * For settings in milliseconds that are read with a query and written with a statement of their
   * own (H2's LOCK_TIMEOUT, SQLite's busy_timeout). With {@link LockWait#WAIT}, just runs {@code
   * body}; with a bounded wait, reads the setting, sets it to the wait, runs {@code body} and sets
   * the setting back: four statements in all.
   */
  static long aroundMillis(
      DSLContext ctx,
      Increment increment,
      String readSql,
      String writeSqlPrefix,
      LongSupplier body) {
    if (!increment.lockWait().isBounded()) {
      return body.getAsLong();
    }
    String previous = ctx.resultQuery(readSql).fetchOne(0, String.class);
    ctx.execute(writeSqlPrefix + increment.lockWait().millisRoundedUp());
    return restoringAfter(
        increment, body, () -> ctx.execute(writeSqlPrefix + Long.parseLong(previous)));
  }

  /**
   * Runs {@code body}, then {@code restore}, even if the body failed. A failure to restore after a
   * failed body (a PostgreSQL transaction is aborted by then, and its rollback undoes the setting
   * anyway) is attached to the body's failure instead of hiding it. A failure to restore after the
   * body issued its values throws {@link IssuedButNotRestoredException}, whose message names the
   * values the transaction now holds: the caller must not believe that nothing was issued.
   */
  static long restoringAfter(Increment increment, LongSupplier body, Runnable restore) {
    long last;
    try {
      last = body.getAsLong();
    } catch (RuntimeException failure) {
      try {
        restore.run();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
    try {
      restore.run();
    } catch (RuntimeException e) {
      throw new IssuedButNotRestoredException(increment, last, e);
    }
    return last;
  }
}
