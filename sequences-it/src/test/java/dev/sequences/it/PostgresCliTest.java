package dev.sequences.it;

import org.jooq.SQLDialect;

class PostgresCliTest extends CliContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRES;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.POSTGRES;
  }

  @Override
  String insertOneTo(long n) {
    return "insert into sequences_it_audit select generate_series(1, " + n + ")";
  }
}
