package dev.sequences.it;

import org.jooq.SQLDialect;

class MariaDbContractTest extends InnoDbContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.MARIADB;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.MARIADB;
  }

  @Override
  int statementsPerCall(boolean firstUse, boolean boundedWait) {
    return 1;
  }

  @Override
  String djangoSequencesTable() {
    return "create table sequences_sequence (name varchar(100) not null primary key,"
        + " last bigint unsigned not null)"
        + " engine = InnoDB default character set utf8mb4 collate utf8mb4_general_ci";
  }
}
