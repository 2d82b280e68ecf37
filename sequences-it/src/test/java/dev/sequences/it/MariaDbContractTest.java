package dev.sequences.it;

import java.time.Duration;
import java.util.Set;
import org.jooq.SQLDialect;

class MariaDbContractTest extends SequenceContractTest {

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

  @Override
  ServerSessions serverSessions() {
    return MYSQL_FAMILY_SESSIONS;
  }

  @Override
  String lockTimeoutQuery() {
    return "select @@session.innodb_lock_wait_timeout";
  }

  @Override
  Duration longestLockWait() {
    return INNODB_LONGEST_WAIT;
  }

  @Override
  Duration longestLockWaitUnit() {
    return Duration.ofSeconds(1);
  }

  /**
   * InnoDB may roll back a waiter as a deadlock victim (40001) when the transaction that creates a
   * sequence rolls back while two or more others wait to create it.
   */
  @Override
  Set<String> failuresUnderStress() {
    return Set.of("40001");
  }
}
