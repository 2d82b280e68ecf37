package dev.sequences.it;

import org.jooq.SQLDialect;

class MySqlContractTest extends SequenceContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.MYSQL;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.MYSQL;
  }
}
