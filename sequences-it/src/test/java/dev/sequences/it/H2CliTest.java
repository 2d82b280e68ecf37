package dev.sequences.it;

import org.jooq.SQLDialect;

class H2CliTest extends CliContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.H2;
  }

  @Override
  String insertOneTo(long n) {
    return "insert into sequences_it_audit select x from system_range(1, " + n + ")";
  }

  @Override
  boolean reachableFromAnotherProcess() {
    return false;
  }
}
