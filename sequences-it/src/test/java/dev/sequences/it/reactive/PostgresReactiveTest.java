package dev.sequences.it.reactive;

import dev.sequences.it.fixtures.TestDatabase;
import org.jooq.SQLDialect;

/** The publisher forms on r2dbc-postgresql. */
class PostgresReactiveTest extends ReactiveContract {

  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRES;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.POSTGRES;
  }

  @Override
  String driver() {
    return "postgresql";
  }
}
