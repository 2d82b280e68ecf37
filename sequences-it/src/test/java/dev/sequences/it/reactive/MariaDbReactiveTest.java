package dev.sequences.it.reactive;

import dev.sequences.it.fixtures.TestDatabase;
import org.jooq.SQLDialect;

/** The publisher forms on r2dbc-mariadb, under the MARIADB dialect. */
class MariaDbReactiveTest extends ReactiveContract {

  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.MARIADB;
  }

  @Override
  String driver() {
    return "mariadb";
  }
}
