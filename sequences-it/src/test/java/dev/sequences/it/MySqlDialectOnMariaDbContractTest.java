package dev.sequences.it;

import org.jooq.SQLDialect;

/** MariaDB's server under jOOQ's MYSQL dialect: the SQL a MySQL 8 server gets. */
class MySqlDialectOnMariaDbContractTest extends MariaDbContractTest {

  @Override
  SQLDialect dialect() {
    return SQLDialect.MYSQL;
  }

  @Override
  int statementsPerCall(boolean firstUse, boolean boundedWait) {
    return boundedWait ? 4 : 2;
  }
}
