package dev.sequences.it;

import org.jooq.SQLDialect;

class MariaDbCliTest extends CliContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.MARIADB;
  }

  @Override
  String insertOneTo(long n) {
    return "insert into sequences_it_audit select seq from seq_1_to_" + n;
  }
}
