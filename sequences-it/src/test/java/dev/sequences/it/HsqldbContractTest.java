package dev.sequences.it;

import org.jooq.SQLDialect;

/**
 * HSQLDB 2.7 in its MVLOCKS transaction model (writers lock tables, readers see snapshots), in
 * memory. Not MVCC: there a transaction waiting for a row that another one rolled back can wait
 * forever (see the README's HSQLDB paragraph).
 */
class HsqldbContractTest extends SequenceContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.HSQLDB;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.HSQLDB;
  }

  @Override
  int statementsPerCall(boolean firstUse, boolean boundedWait) {
    return 1;
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
    throw new UnsupportedOperationException("HSQLDB has no lock timeout");
  }

  @Override
  boolean supportsConcurrentWriters() {
    return false;
  }

  @Override
  boolean boundsLockWaits() {
    return false;
  }
}
