package dev.sequences.it.reactive;

import dev.sequences.it.fixtures.TestDatabase;
import org.jooq.SQLDialect;

/**
 * The publisher forms on r2dbc-mariadb under the MYSQL dialect (LAST_INSERT_ID), against MariaDB.
 */
class MySqlDialectOnMariaDbReactiveTest extends ReactiveContract {

  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.MYSQL;
  }

  @Override
  String driver() {
    return "mariadb";
  }
}
