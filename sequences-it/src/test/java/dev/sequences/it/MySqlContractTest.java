package dev.sequences.it;

import java.time.Duration;
import java.util.Set;
import org.jooq.SQLDialect;

class MySqlContractTest extends SequenceContractTest {

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

  /** As on MariaDB: InnoDB may pick a deadlock victim among waiters for a rolled-back first use. */
  @Override
  Set<String> failuresUnderStress() {
    return Set.of("40001");
  }
}
