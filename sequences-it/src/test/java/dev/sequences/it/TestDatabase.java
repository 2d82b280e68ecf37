package dev.sequences.it;

import com.mysql.cj.jdbc.MysqlDataSource;
import dev.sequences.jooq.SupportedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A database server the tests run against: from environment variables ({@code
 * SEQUENCES_TEST_<KEY>_URL}, {@code _USER}, {@code _PASSWORD}), else (PostgreSQL) the embedded
 * server when {@code SEQUENCES_TEST_POSTGRES_EMBEDDED=true}, else from a Testcontainers container
 * when a Docker engine answers, else skipped, unless {@code SEQUENCES_TEST_REQUIRED} lists the key:
 * then a missing server fails the tests.
 */
enum TestDatabase {
  POSTGRES(SupportedDatabase.POSTGRESQL, "postgres:17-alpine"),
  /**
   * PostgreSQL 17 started by the tests ({@link EmbeddedPostgresServer}), when {@code
   * SEQUENCES_TEST_POSTGRES_EMBEDDED=true}; key {@code postgres-embedded}.
   */
  POSTGRES_EMBEDDED(SupportedDatabase.POSTGRESQL, null),
  MARIADB(SupportedDatabase.MARIADB, "mariadb:11.4"),
  MYSQL(SupportedDatabase.MYSQL, "mysql:8.4"),
  /**
   * Node 1 of a three-node MariaDB Galera cluster ({@code .ci/galera start}); key {@code galera}.
   * {@code SEQUENCES_TEST_GALERA_URLS} lists every node's URL, {@code SEQUENCES_TEST_GALERA_NODES}
   * names the script that kills and restarts a node. No container: skipped when not set.
   */
  GALERA(SupportedDatabase.MARIADB, null),
  H2(SupportedDatabase.H2, null),
  HSQLDB(SupportedDatabase.HSQLDB, null),
  /** HSQLDB in its default LOCKS transaction model (HSQLDB above runs MVLOCKS). */
  HSQLDB_LOCKS(SupportedDatabase.HSQLDB, null),
  SQLITE(SupportedDatabase.SQLITE, null),
  /** SQLite in its default rollback-journal mode (SQLITE above runs WAL), in a file of its own. */
  SQLITE_ROLLBACK_JOURNAL(SupportedDatabase.SQLITE, null),
  /** SQLite in a file of the CLI tests' own, apart from the contract tests' file. */
  SQLITE_CLI(SupportedDatabase.SQLITE, null);

  private static final Map<TestDatabase, Server> CONNECTED = new ConcurrentHashMap<>();

  /** Where a database server answers. */
  record Server(String url, String user, String password) {}

  private final SupportedDatabase product;
  private final String image;

  TestDatabase(SupportedDatabase product, String image) {
    this.product = product;
    this.image = image;
  }

  /** The database product this server runs, as the library's registry names it. */
  SupportedDatabase product() {
    return product;
  }

  /** The key in {@code SEQUENCES_TEST_REQUIRED}: the name in lower case, with hyphens. */
  String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the database lives in this JVM's memory, out of another process's reach. */
  boolean inMemory() {
    return this == H2 || this == HSQLDB || this == HSQLDB_LOCKS;
  }

  /** A data source for this database, or an aborted (skipped) test, or a failure if required. */
  DataSource dataSource() {
    Server server = server();
    return dataSource(server.url(), server.user(), server.password());
  }

  /**
   * A data source for a user that may only read and write the tables ({@code
   * SEQUENCES_TEST_<KEY>_APP_USER} and {@code _APP_PASSWORD}, on the same server); the tests are
   * skipped when it is not set, unless {@code SEQUENCES_TEST_REQUIRED} lists {@code <key>-app}.
   */
  DataSource applicationDataSource() {
    Server server = server();
    String prefix = "SEQUENCES_TEST_" + name() + "_APP_";
    String user = env(prefix + "USER");
    String password = env(prefix + "PASSWORD");
    if (user.isBlank() && EmbeddedPostgresServer.serves(server)) {
      user = EmbeddedPostgresServer.APP_USER;
      password = EmbeddedPostgresServer.APP_PASSWORD;
    }
    String howToEnable = "set " + prefix + "USER and " + prefix + "PASSWORD to run them";
    if (user.isBlank() && required().contains(key() + "-app")) {
      Assertions.fail("SEQUENCES_TEST_REQUIRED lists " + key() + "-app: " + howToEnable);
    }
    Assumptions.assumeFalse(user.isBlank(), "skipped least-privilege tests: " + howToEnable);
    return dataSource(server.url(), user, password);
  }

  /**
   * The application's user name, as {@link #applicationDataSource()} connects: the embedded
   * PostgreSQL has one of its own.
   */
  String applicationUser() {
    String user = env("SEQUENCES_TEST_" + name() + "_APP_USER");
    return user.isBlank() && EmbeddedPostgresServer.serves(server())
        ? EmbeddedPostgresServer.APP_USER
        : user;
  }

  /**
   * A shell command that restarts this database's server and returns when it answers again; none
   * for the embedded PostgreSQL, which the command would not restart.
   */
  String restartCommand() {
    String command = System.getenv("SEQUENCES_TEST_" + name() + "_RESTART");
    if (command == null || command.isBlank() || EmbeddedPostgresServer.serves(server())) {
      return null;
    }
    return command;
  }

  /** Where this database answers, or an aborted (skipped) test, or a failure if required. */
  Server server() {
    return CONNECTED.computeIfAbsent(this, TestDatabase::connect);
  }

  private Server connect() {
    if (this == H2) {
      // LOCK_TIMEOUT bounds LockWait.WAIT on H2: long enough for every ordered test below.
      return new Server("jdbc:h2:mem:sequences;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000", "", "");
    }
    if (this == HSQLDB) {
      // MVLOCKS, as the HSQLDB dialect documents: MVCC can lose a lock waiter's wakeup.
      return new Server("jdbc:hsqldb:mem:sequences;hsqldb.tx=mvlocks", "SA", "");
    }
    if (this == HSQLDB_LOCKS) {
      return new Server("jdbc:hsqldb:mem:sequences_locks;hsqldb.tx=locks", "SA", "");
    }
    if (isSqlite()) {
      Path file =
          Path.of(
              "target",
              switch (this) {
                case SQLITE_CLI -> "sequences-cli-test.sqlite";
                case SQLITE_ROLLBACK_JOURNAL -> "sequences-test-journal.sqlite";
                default -> "sequences-test.sqlite";
              });
      for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
        try {
          Files.deleteIfExists(Path.of(file + suffix));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return new Server("jdbc:sqlite:" + file, "", "");
    }
    if (this == POSTGRES_EMBEDDED) {
      return embeddedPostgres();
    }
    String prefix = "SEQUENCES_TEST_" + name() + "_";
    String url = System.getenv(prefix + "URL");
    if (url != null && !url.isBlank()) {
      return new Server(url, env(prefix + "USER"), env(prefix + "PASSWORD"));
    }
    if (this == POSTGRES && EmbeddedPostgresServer.enabled()) {
      return EmbeddedPostgresServer.server();
    }
    if (this == GALERA) {
      String howToStart =
          "start a cluster with .ci/galera start and export what .ci/galera env prints, to run"
              + " the Galera tests";
      if (required().contains(key())) {
        Assertions.fail("SEQUENCES_TEST_REQUIRED lists " + key() + ": " + howToStart);
      }
      System.err.println("SKIPPED " + this + " tests: " + howToStart);
      Assumptions.abort("skipped: " + howToStart);
    }
    String howToEnable =
        "set "
            + prefix
            + "URL (and _USER, _PASSWORD)"
            + (this == POSTGRES ? ", or " + EmbeddedPostgresServer.SWITCH + "=true," : "")
            + " or start a Docker engine to run the "
            + this
            + " tests";
    if (required().contains(key())) {
      Assertions.fail(
          "SEQUENCES_TEST_REQUIRED lists "
              + key()
              + ", but no server is configured: "
              + howToEnable);
    }
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    if (!docker) {
      System.err.println("SKIPPED " + this + " tests: " + howToEnable);
    }
    Assumptions.assumeTrue(docker, "skipped: " + howToEnable);
    JdbcDatabaseContainer<?> container =
        switch (this) {
          case POSTGRES -> new PostgreSQLContainer(image);
          case MARIADB -> new MariaDBContainer(image);
          case MYSQL -> new MySQLContainer(image);
          case POSTGRES_EMBEDDED,
              GALERA,
              H2,
              HSQLDB,
              HSQLDB_LOCKS,
              SQLITE,
              SQLITE_ROLLBACK_JOURNAL,
              SQLITE_CLI ->
              throw new AssertionError(this + " is embedded");
        };
    container.start();
    return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
  }

  /** The embedded PostgreSQL, when the switch is on; else skipped, or failed if required. */
  private Server embeddedPostgres() {
    if (!EmbeddedPostgresServer.enabled()) {
      String howToEnable =
          "set "
              + EmbeddedPostgresServer.SWITCH
              + "=true (or -D"
              + EmbeddedPostgresServer.SWITCH_PROPERTY
              + "=true) to run the PostgreSQL tests on an embedded PostgreSQL 17";
      if (required().contains(key())) {
        Assertions.fail("SEQUENCES_TEST_REQUIRED lists " + key() + ": " + howToEnable);
      }
      System.err.println("SKIPPED " + this + " tests: " + howToEnable);
      Assumptions.abort("skipped: " + howToEnable);
    }
    return EmbeddedPostgresServer.server();
  }

  private DataSource dataSource(String url, String user, String password) {
    if (isSqlite()) {
      SQLiteConfig config = new SQLiteConfig();
      // busy_timeout bounds LockWait.WAIT on SQLite; WAL lets readers and the one writer overlap.
      config.setBusyTimeout(20_000);
      if (this != SQLITE_ROLLBACK_JOURNAL) {
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      }
      SQLiteDataSource sqlite = new SQLiteDataSource(config);
      sqlite.setUrl(url);
      return sqlite;
    }
    if (this == HSQLDB || this == HSQLDB_LOCKS) {
      JDBCDataSource hsqldb = new JDBCDataSource();
      hsqldb.setURL(url);
      hsqldb.setUser(user);
      hsqldb.setPassword(password);
      return hsqldb;
    }
    if (this == H2) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      return h2;
    }
    if (this == POSTGRES || this == POSTGRES_EMBEDDED) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setURL(url);
      postgres.setUser(user);
      postgres.setPassword(password);
      return postgres;
    }
    MysqlDataSource mysql = new MysqlDataSource();
    mysql.setURL(url);
    mysql.setUser(user);
    mysql.setPassword(password);
    return mysql;
  }

  /** Every node's server, for a cluster ({@code SEQUENCES_TEST_<KEY>_URLS}, comma-separated). */
  List<Server> nodes() {
    Server first = server();
    String urls = env("SEQUENCES_TEST_" + name() + "_URLS");
    if (urls.isBlank()) {
      return List.of(first);
    }
    return Arrays.stream(urls.split(","))
        .map(String::trim)
        .filter(u -> !u.isEmpty())
        .map(u -> new Server(u, first.user(), first.password()))
        .toList();
  }

  /** A data source for {@code server}, one node of this database's cluster. */
  DataSource dataSource(Server server) {
    return dataSource(server.url(), server.user(), server.password());
  }

  private boolean isSqlite() {
    return this == SQLITE || this == SQLITE_ROLLBACK_JOURNAL || this == SQLITE_CLI;
  }

  private static String env(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }

  private static Set<String> required() {
    return Arrays.stream(env("SEQUENCES_TEST_REQUIRED").split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }
}
