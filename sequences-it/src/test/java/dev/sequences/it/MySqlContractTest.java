package dev.sequences.it;

import org.jooq.SQLDialect;

class MySqlContractTest extends InnoDbContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.MYSQL;
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
        + " engine = InnoDB default character set utf8mb4 collate utf8mb4_0900_ai_ci";
  }
}
