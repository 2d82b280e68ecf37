package dev.sequences.it;

import java.time.Duration;
import java.util.Set;

/** What MySQL and MariaDB servers have in common in the contract suite: InnoDB and its sessions. */
abstract class InnoDbContractTest extends SequenceContractTest {

  @Override
  ServerSessions serverSessions() {
    return new ServerSessions(
        "select connection_id()",
        "select count(*) from information_schema.processlist where id = {0}",
        "kill {0}",
        "select id from information_schema.processlist"
            + " where user = substring_index(current_user(), '@', 1) and db = database()"
            + " and id <> connection_id()");
  }

  @Override
  String lockTimeoutQuery() {
    return "select @@session.innodb_lock_wait_timeout";
  }

  /** {@code innodb_lock_wait_timeout}: whole seconds, at most 2^30 of them. */
  @Override
  Duration longestLockWait() {
    return Duration.ofSeconds(1L << 30);
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
