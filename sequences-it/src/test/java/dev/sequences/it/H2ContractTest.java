package dev.sequences.it;

import org.jooq.SQLDialect;

class H2ContractTest extends SequenceContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.H2;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.H2;
  }
}
