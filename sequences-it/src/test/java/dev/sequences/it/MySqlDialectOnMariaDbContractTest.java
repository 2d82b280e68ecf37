package dev.sequences.it;

import org.jooq.SQLDialect;

class MySqlDialectOnMariaDbContractTest extends SequenceContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.MYSQL;
  }

  @Override
  int statementsPerCall(boolean firstUse, boolean boundedWait) {
    return boundedWait ? 4 : 2;
  }

  @Override
  String djangoSequencesTable() {
    return "create table sequences_sequence (name varchar(100) not null primary key,"
        + " last bigint unsigned not null)"
        + " engine = InnoDB default character set utf8mb4 collate utf8mb4_general_ci";
  }

  @Override
  ServerSessions serverSessions() {
    return MYSQL_FAMILY_SESSIONS;
  }

  @Override
  String lockTimeoutQuery() {
    return "select @@session.innodb_lock_wait_timeout";
  }
}
