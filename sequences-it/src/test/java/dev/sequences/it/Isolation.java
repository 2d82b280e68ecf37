package dev.sequences.it;

import java.sql.Connection;
import org.jooq.DSLContext;

/** The four ANSI isolation levels, set on a transaction's connection. */
enum Isolation {
  READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
  READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
  REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
  SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

  private final int level;

  Isolation(int level) {
    this.level = level;
  }

  void set(DSLContext ctx) {
    ctx.connection(c -> c.setTransactionIsolation(level));
  }
}
