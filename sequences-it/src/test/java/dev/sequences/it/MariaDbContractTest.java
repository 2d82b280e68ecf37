package dev.sequences.it;

import org.jooq.SQLDialect;

class MariaDbContractTest extends SequenceContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.MARIADB;
  }
}
