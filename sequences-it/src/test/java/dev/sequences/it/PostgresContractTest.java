package dev.sequences.it;

import org.jooq.SQLDialect;

class PostgresContractTest extends SequenceContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRES;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.POSTGRES;
  }
}
