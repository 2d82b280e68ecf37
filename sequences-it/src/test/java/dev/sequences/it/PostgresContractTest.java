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

  @Override
  int statementsPerCall(boolean firstUse, boolean boundedWait) {
    return boundedWait ? 3 : 1;
  }

  @Override
  String djangoSequencesTable() {
    return "create table sequences_sequence (name varchar(100) not null primary key,"
        + " last integer not null check (last >= 0))";
  }

  @Override
  boolean mustRetryAfterConcurrentCommit(Isolation isolation) {
    return isolation == Isolation.REPEATABLE_READ || isolation == Isolation.SERIALIZABLE;
  }

  @Override
  ServerSessions serverSessions() {
    return new ServerSessions(
        "select pg_backend_pid()",
        "select count(*) from pg_stat_activity where pid = {0}",
        "select pg_terminate_backend(cast({0} as int))",
        "select pid from pg_stat_activity where usename = current_user"
            + " and datname = current_database() and pid <> pg_backend_pid()"
            + " and xact_start is not null");
  }

  @Override
  String lockTimeoutQuery() {
    return "select current_setting('lock_timeout')";
  }

  @Override
  boolean failedStatementAbortsTransaction() {
    return true;
  }
}
