package dev.sequences.it;

import org.jooq.SQLDialect;

class SqliteContractTest extends SequenceContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.SQLITE;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.SQLITE;
  }

  @Override
  int statementsPerCall(boolean firstUse, boolean boundedWait) {
    return boundedWait ? 4 : 1;
  }

  @Override
  String djangoSequencesTable() {
    return "create table \"sequences_sequence\" (\"name\" varchar(100) not null primary key,"
        + " \"last\" bigint unsigned not null check (\"last\" >= 0))";
  }

  @Override
  ServerSessions serverSessions() {
    return null;
  }

  @Override
  String lockTimeoutQuery() {
    return "pragma busy_timeout";
  }

  @Override
  boolean supportsConcurrentWriters() {
    return false;
  }

  @Override
  boolean supports(Isolation isolation) {
    return isolation == Isolation.SERIALIZABLE;
  }
}
