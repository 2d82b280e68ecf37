package dev.sequences.jooq;

import static dev.sequences.jooq.generated.Tables.SEQUENCES_SEQUENCE;

import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * MariaDB 10.5+: one {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING} per call. A bounded
 * wait prefixes it with {@code SET STATEMENT innodb_lock_wait_timeout = n FOR}, in whole seconds
 * (0 for NOWAIT), so nothing is left to restore.
 */
final class MariaDbSequenceDialect implements SequenceDialect {

  static final MariaDbSequenceDialect INSTANCE = new MariaDbSequenceDialect();

  private MariaDbSequenceDialect() {}

  @Override
  public long increment(DSLContext ctx, Increment increment) {
    ResultQuery<Record1<Long>> upsert =
        ctx.insertInto(SEQUENCES_SEQUENCE, SEQUENCES_SEQUENCE.NAME, SEQUENCES_SEQUENCE.LAST)
            .values(increment.nameValue(), DSL.val(increment.lastOnFirstUse()))
            .onDuplicateKeyUpdate()
            .set(SEQUENCES_SEQUENCE.LAST, increment.lastAfter(SEQUENCES_SEQUENCE.LAST))
            .returningResult(SEQUENCES_SEQUENCE.LAST);
    String prefix =
        increment.lockWait().isBounded()
            ? "set statement innodb_lock_wait_timeout = "
                + increment.lockWait().secondsRoundedUp()
                + " for "
            : "";
    // fetchMany executes with Statement.execute(): MySQL Connector/J refuses executeQuery() for a
    // statement that starts with INSERT, although MariaDB's RETURNING makes it return rows.
    return ctx.resultQuery(prefix + "{0}", upsert).fetchMany().get(0).get(0).get(0, Long.class);
  }

  @Override
  public boolean isLockNotAvailable(SQLException e) {
    return MySqlSequenceDialect.isInnoDbLockWaitTimeout(e);
  }

  @Override
  public boolean isOutOfRange(SQLException e) {
    return MySqlSequenceDialect.isBigintOutOfRange(e);
  }
}
