package dev.sequences.it;

import static dev.sequences.it.Isolation.REPEATABLE_READ;
import static dev.sequences.it.Isolation.SERIALIZABLE;

import dev.sequences.it.DatabaseDescription.ServerSessions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jooq.SQLDialect;

/** Each supported database described once, with what the contract suite must know of it. */
final class Databases {

  static final DatabaseDescription POSTGRES =
      DatabaseDescription.of("PostgreSQL", TestDatabase.POSTGRES, SQLDialect.POSTGRES)
          .with(
              d ->
                  d.statements(1, 3)
                      .numbers("select generate_series(1, {n})")
                      .lockTimeoutQuery("select current_setting('lock_timeout')")
                      .runAgainAfterConcurrentCommit(
                          Set.of(REPEATABLE_READ, SERIALIZABLE),
                          Set.of(REPEATABLE_READ, SERIALIZABLE))
                      .failedStatementAbortsTransaction()
                      .server(
                          new ServerSessions(
                              "select pg_backend_pid()",
                              "select count(*) from pg_stat_activity where pid = {0}",
                              "select pg_terminate_backend(cast({0} as int))",
                              "select pid from pg_stat_activity where usename = current_user"
                                  + " and datname = current_database() and pid <> pg_backend_pid()"
                                  + " and xact_start is not null"),
                          List.of("grant select, insert, update, delete on {table} to {user}"))
                      // V1, and V2: the ledger of number series.
                      .schema(
                          2,
                          "create table sequences_sequence (name varchar(100) not null primary"
                              + " key, last integer not null check (last >= 0))")
                      .base());

  /**
   * PostgreSQL's facts, on the PostgreSQL 17 that the tests start ({@link EmbeddedPostgresServer}).
   */
  static final DatabaseDescription POSTGRES_EMBEDDED =
      POSTGRES.with(
          d -> d.label("PostgreSQL 17 (embedded)").server(TestDatabase.POSTGRES_EMBEDDED));

  /** MySQL and MariaDB: the InnoDB engine's sessions, lock waits and stress failures. */
  private static final DatabaseDescription INNODB =
      DatabaseDescription.of("InnoDB", TestDatabase.MARIADB, SQLDialect.MARIADB)
          .with(
              d ->
                  d.lockWaits(
                          // innodb_lock_wait_timeout: whole seconds, at most 2^30 of them.
                          Duration.ofSeconds(1L << 30),
                          Duration.ofSeconds(1),
                          "select @@session.innodb_lock_wait_timeout")
                      // InnoDB may roll back a waiter as a deadlock victim when the transaction
                      // that creates a sequence rolls back while two or more others wait for it.
                      .failuresUnderStress(Set.of("40001"))
                      .server(
                          new ServerSessions(
                              "select connection_id()",
                              "select count(*) from information_schema.processlist where id = {0}",
                              "kill {0}",
                              "select id from information_schema.processlist"
                                  + " where user = substring_index(current_user(), '@', 1)"
                                  + " and db = database() and id <> connection_id()"),
                          List.of(
                              "grant select, insert, update, delete on {table} to '{user}'@'%'",
                              "grant select, insert, update, delete on {table} to '{user}'@'localhost'")));

  private static final String DJANGO_INNODB_TABLE =
      "create table sequences_sequence (name varchar(100) not null primary key,"
          + " last bigint unsigned not null) engine = InnoDB default character set utf8mb4";

  static final DatabaseDescription MARIADB =
      INNODB.with(
          d ->
              d.label("MariaDB")
                  .statements(1, 1)
                  .numbers("select seq from seq_1_to_{n}")
                  .schema(2, DJANGO_INNODB_TABLE + " collate utf8mb4_general_ci")
                  .base());

  /**
   * MariaDB on node 1 of a three-node Galera cluster (.ci/galera): the single-node semantics hold
   * as on MariaDB, so nothing differs from MariaDB's facts (checked on MariaDB 10.11.19 with Galera
   * 4: the whole suite passes with them). What Galera asks of the schema holds already: every table
   * the suite and the migrations create is InnoDB with a primary key, and nothing uses LOCK TABLES
   * or GET_LOCK. The restart test is skipped here (no SEQUENCES_TEST_GALERA_RESTART): killing and
   * restarting a node is GaleraClusterTest's, with the cluster's own script.
   */
  static final DatabaseDescription GALERA =
      MARIADB.with(d -> d.label("MariaDB Galera (node 1 of 3)").server(TestDatabase.GALERA).base());

  /** The digits 0 to 9 as a derived table: MySQL has no series generator. */
  private static final String DIGITS =
      "(select 0 d union all select 1 union all select 2 union all select 3 union all select 4"
          + " union all select 5 union all select 6 union all select 7 union all select 8"
          + " union all select 9)";

  static final DatabaseDescription MYSQL =
      INNODB.with(
          d ->
              d.label("MySQL")
                  // 1 to 1 000 000 at most: six digits, crossed.
                  .numbers(
                      "select x from (select a.d * 100000 + b.d * 10000 + c.d * 1000 + e.d * 100"
                          + " + f.d * 10 + g.d + 1 as x from "
                          + String.join(
                              " cross join ",
                              DIGITS + " a",
                              DIGITS + " b",
                              DIGITS + " c",
                              DIGITS + " e",
                              DIGITS + " f",
                              DIGITS + " g")
                          + ") t where x <= {n}")
                  .server(TestDatabase.MYSQL)
                  .dialect(SQLDialect.MYSQL, 2, 4)
                  .schema(2, DJANGO_INNODB_TABLE + " collate utf8mb4_0900_ai_ci")
                  .base());

  static final DatabaseDescription H2 =
      DatabaseDescription.of("H2", TestDatabase.H2, SQLDialect.H2)
          .with(
              d ->
                  d.statements(1, 4)
                      .numbers("select x from system_range(1, {n})")
                      .lockTimeoutQuery("select lock_timeout()")
                      .runAgainAfterConcurrentCommit(Set.of(SERIALIZABLE), Set.of(SERIALIZABLE))
                      // V1, V2, which makes names case-sensitive under IGNORECASE, and V3: the
                      // ledger of number series.
                      .schema(3, DatabaseDescription.HAND_MADE_TABLE)
                      .base());

  /** HSQLDB in its MVLOCKS transaction model, as the HSQLDB dialect documents. */
  static final DatabaseDescription HSQLDB =
      DatabaseDescription.of("HSQLDB (MVLOCKS)", TestDatabase.HSQLDB, SQLDialect.HSQLDB)
          .with(
              d ->
                  d.unboundedLockWaits()
                      .oneWriterAtATime()
                      .numbers("select x from unnest(sequence_array(1, {n}, 1)) as t(x)")
                      .schema(2, DatabaseDescription.HAND_MADE_TABLE)
                      .base());

  /** HSQLDB in its default LOCKS transaction model. */
  static final DatabaseDescription HSQLDB_LOCKS =
      HSQLDB.with(d -> d.label("HSQLDB (LOCKS)").server(TestDatabase.HSQLDB_LOCKS));

  /** SQLite in WAL mode. */
  static final DatabaseDescription SQLITE =
      DatabaseDescription.of("SQLite (WAL)", TestDatabase.SQLITE, SQLDialect.SQLITE)
          .with(
              d ->
                  d.statements(1, 4)
                      .numbers(
                          "with recursive r(x) as (select 1 union all select x + 1 from r where x"
                              + " < {n}) select x from r")
                      .lockTimeoutQuery("pragma busy_timeout")
                      .oneWriterAtATime()
                      .isolations(Set.of(SERIALIZABLE))
                      .schema(
                          2,
                          "create table \"sequences_sequence\" (\"name\" varchar(100) not null"
                              + " primary key, \"last\" bigint unsigned not null check (\"last\""
                              + " >= 0))")
                      .base());

  /** SQLite in its default rollback-journal mode. */
  static final DatabaseDescription SQLITE_ROLLBACK_JOURNAL =
      SQLITE.with(
          d -> d.label("SQLite (rollback journal)").server(TestDatabase.SQLITE_ROLLBACK_JOURNAL));

  /** SQLite in a file of the CLI tests' own, apart from the contract tests' file. */
  static final DatabaseDescription SQLITE_CLI =
      SQLITE.with(d -> d.label("SQLite (the CLI's file)").server(TestDatabase.SQLITE_CLI));

  /**
   * The base description of each database: new features run on these only (the variants and other
   * server modes run the core topics).
   */
  static final List<DatabaseDescription> PRIMARY =
      // Galera: MariaDB in a cluster, where the whole suite runs once (GaleraContractTest).
      List.of(POSTGRES, MARIADB, MYSQL, H2, HSQLDB, SQLITE, GALERA);

  /** One base description per database and server (or server mode). */
  static final List<DatabaseDescription> BASES =
      List.of(
          POSTGRES,
          POSTGRES_EMBEDDED,
          MARIADB,
          MYSQL,
          H2,
          HSQLDB,
          HSQLDB_LOCKS,
          SQLITE,
          SQLITE_ROLLBACK_JOURNAL);

  private Databases() {}
}
