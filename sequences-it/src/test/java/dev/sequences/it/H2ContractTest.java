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

  @Override
  int statementsPerCall(boolean firstUse, boolean boundedWait) {
    return boundedWait ? 4 : 1;
  }

  /** V1 and V2, which makes names case-sensitive under IGNORECASE (H2IgnoreCaseTest). */
  @Override
  int migrationCount() {
    return 2;
  }

  @Override
  String djangoSequencesTable() {
    return HAND_MADE_TABLE;
  }

  @Override
  ServerSessions serverSessions() {
    return null;
  }

  @Override
  String lockTimeoutQuery() {
    return "select lock_timeout()";
  }

  @Override
  boolean mustRetryAfterConcurrentCommit(Isolation isolation) {
    return isolation == Isolation.SERIALIZABLE;
  }
}
