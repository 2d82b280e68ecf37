package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;
import org.junit.jupiter.api.Test;

/**
 * A lock timeout on a server with {@code innodb_rollback_on_timeout=ON} has rolled back the whole
 * transaction, and the caller is told so. The setting is read-only and fixed at server start, so
 * CI's MariaDB cannot switch it: the server's answer is played by jOOQ's mock connection here, and
 * the lock timeout itself is tested against the real server by the contract suite.
 */
class InnoDbRollbackOnTimeoutTest {

  private static DSLContext serverAnswering(int rollbackOnTimeout) {
    return DSL.using(
        new MockConnection(
            ctx -> {
              assertEquals("select @@innodb_rollback_on_timeout", ctx.sql());
              DSLContext create = DSL.using(SQLDialect.MARIADB);
              var field = DSL.field("v", Integer.class);
              var result = create.newResult(field);
              result.add(create.newRecord(field).values(rollbackOnTimeout));
              return new MockResult[] {new MockResult(1, result)};
            }),
        SQLDialect.MARIADB);
  }

  private static RuntimeException lockTimeout(DSLContext server) {
    SQLException timeout = new SQLException("Lock wait timeout exceeded", "40001", 1205);
    return ErrorTranslation.translate(
        new DataAccessException("upsert", timeout),
        server,
        MariaDbSequenceDialect.INSTANCE,
        "inv",
        new ErrorTranslation.Wait(LockWait.timeout(Duration.ofSeconds(1)), 1_000_000_000L));
  }

  @Test
  void rollbackOnTimeoutSaysTheWholeTransactionWasRolledBack() {
    RuntimeException e = lockTimeout(serverAnswering(1));
    assertTrue(e instanceof SequenceLockedException, e.toString());
    assertTrue(
        e.getMessage()
            .endsWith(
                "its counter is unchanged. The database rolled back the whole transaction"
                    + " (innodb_rollback_on_timeout is ON): run it again"),
        e.getMessage());
  }

  @Test
  void withoutItTheTransactionGoesOn() {
    RuntimeException e = lockTimeout(serverAnswering(0));
    assertTrue(e instanceof SequenceLockedException, e.toString());
    assertTrue(
        e.getMessage()
            .endsWith("its counter is unchanged. The transaction goes on: try again later"),
        e.getMessage());
  }
}
