package dev.sequences.jooq;

import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;

/**
 * MariaDB 10.5+: one {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING} per call. A bounded
 * wait prefixes it with {@code SET STATEMENT innodb_lock_wait_timeout = n FOR}, in whole seconds (0
 * for NOWAIT), so nothing is left to restore.
 */
final class MariaDbSequenceDialect extends InnoDbSequenceDialect
    implements ReactiveSequenceDialect {

  static final MariaDbSequenceDialect INSTANCE = new MariaDbSequenceDialect();

  private MariaDbSequenceDialect() {}

  /** What comes before the statement: the bounded wait's {@code SET STATEMENT}, or nothing. */
  static String prefix(Increment increment) {
    return increment.lockWait().isBounded()
        ? "set statement innodb_lock_wait_timeout = "
            + increment.lockWait().secondsRoundedUp()
            + " for "
        : "";
  }

  @Override
  public long increment(DSLContext ctx, CounterTable table, Increment increment) {
    String prefix = prefix(increment);
    if (increment.firstUseOverflows()) {
      return table.updateExisting(ctx, increment, prefix);
    }
    // jOOQ renders ON CONFLICT (name) DO UPDATE as ON DUPLICATE KEY UPDATE for MariaDB.
    return table.upsertReturningLastOfMany(ctx, increment, prefix);
  }

  @Override
  public CompletableFuture<Long> incrementReactive(
      DSLContext ctx, CounterTable table, Increment increment) {
    return ReactiveStatements.upsertReturning(ctx, table, increment, prefix(increment));
  }
}
