package dev.sequences.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.jooq.SupportedDatabase;
import dev.sequences.schema.SequencesSchema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The database under benchmark: {@code SEQUENCES_TEST_<DATABASE>_URL}, {@code _USER} and {@code
 * _PASSWORD}, as for the tests. One pooled connection per benchmark thread. The invoice table and
 * the benchmark's counters are emptied before each trial.
 */
@State(Scope.Benchmark)
public class BenchDatabase {

  /**
   * Which variables name the database: postgres or mariadb; or h2, an in-memory H2 database of the
   * benchmark's own (for SeriesBenchmark only: the raw JDBC benchmarks need PostgreSQL or MariaDB).
   */
  @Param({"postgres"})
  public String database;

  /** The pool's size; 0 for one connection per benchmark thread and one more. */
  @Param({"0"})
  public int poolSize;

  public HikariDataSource pool;

  /** The server, as its connection's metadata says: PostgreSQL or MariaDB. */
  public SupportedDatabase server;

  public DSLContext dsl;
  String upsertSql;

  @Setup
  public void open(BenchmarkParams params) {
    open(params.getThreads(), true);
  }

  /**
   * Opens the pool for {@code threads} threads (unless {@link #poolSize} is set), migrates the
   * schema and empties the benchmark's tables and counters. With {@code fill} the pool opens all
   * its connections at once and keeps them; without, it opens them on demand (see {@link #prime}).
   */
  void open(int threads, boolean fill) {
    String key = database.toUpperCase(Locale.ROOT);
    String url =
        database.equals("h2")
            ? "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1"
            : System.getenv("SEQUENCES_TEST_" + key + "_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "set SEQUENCES_TEST_" + key + "_URL, _USER and _PASSWORD to benchmark " + database);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(System.getenv("SEQUENCES_TEST_" + key + "_USER"));
    config.setPassword(System.getenv("SEQUENCES_TEST_" + key + "_PASSWORD"));
    // By default one connection per thread, and one more. A smaller pool makes threads queue in
    // HikariCP (the pool-size curve).
    int size = poolSize > 0 ? Math.max(2, poolSize) : threads + 1;
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(fill ? size : 0);
    pool = new HikariDataSource(config);
    server = serverOf(pool, url);
    upsertSql =
        switch (server) {
          case POSTGRESQL ->
              "insert into sequences_sequence (name, last) values (?, ?) on conflict (name)"
                  + " do update set last = sequences_sequence.last + ? returning last";
          case MARIADB ->
              "insert into sequences_sequence (name, last) values (?, ?)"
                  + " on duplicate key update last = last + ? returning last";
          // No raw JDBC benchmark runs on H2; rawNextValues would fail.
          case H2 -> null;
          default ->
              throw new IllegalStateException(
                  "the benchmarks run on PostgreSQL, MariaDB or H2; "
                      + url
                      + " is "
                      + server.productName());
        };
    // migrate holds three connections at once on PostgreSQL (its lock's and Flyway's two): a
    // pool of its own, so that the benchmark's pool may be smaller.
    HikariConfig migration = new HikariConfig();
    migration.setJdbcUrl(url);
    migration.setUsername(config.getUsername());
    migration.setPassword(config.getPassword());
    migration.setMaximumPoolSize(3);
    migration.setMinimumIdle(0);
    try (HikariDataSource migrationPool = new HikariDataSource(migration)) {
      SequencesSchema.migrate(migrationPool);
    }
    dsl = DSL.using(pool, server.dialect());
    dsl.execute(
        "create table if not exists bench_invoice"
            + " (number bigint not null primary key, amount_cents bigint not null)");
    dsl.execute(
        "create table if not exists bench_spread_invoice (sequence_name varchar(100) not null,"
            + " number bigint not null, amount_cents bigint not null,"
            + " primary key (sequence_name, number))");
    dsl.execute(
        "create table if not exists bench_document (id bigint not null primary key, number bigint)");
    dsl.execute("delete from bench_document");
    dsl.execute("delete from bench_invoice");
    dsl.execute("delete from bench_spread_invoice");
    // Quoted lower-case names, as the migrations create them (also on H2).
    dsl.deleteFrom(DSL.table(DSL.name("sequences_sequence")))
        .where(DSL.field(DSL.name("name"), String.class).like("bench-%"))
        .execute();
  }

  /**
   * The database outside JMH (the interleaved harness): named as {@link #database}, a pool of up to
   * {@code threads + 1} connections opened on demand.
   */
  public static BenchDatabase connect(String database, int threads) {
    BenchDatabase db = new BenchDatabase();
    db.database = database;
    db.open(threads, false);
    return db;
  }

  /**
   * Makes the pool hold {@code connections} open connections, so that a measurement that follows
   * does not open any: borrows that many at once and gives them back.
   */
  public void prime(int connections) throws SQLException {
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        held.add(pool.getConnection());
      }
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }

  /**
   * Closes the pool's idle connections (they reopen on demand, see {@link #prime}), so that another
   * client (pgbench) finds room under the server's connection limit.
   */
  public void closeIdleConnections() throws InterruptedException {
    pool.getHikariPoolMXBean().softEvictConnections();
    for (int i = 0; i < 100 && pool.getHikariPoolMXBean().getTotalConnections() > 0; i++) {
      Thread.sleep(20);
    }
  }

  /** The server's product name and version, as its connection's metadata says. */
  public String serverVersion() throws SQLException {
    try (Connection connection = pool.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String version = meta.getDatabaseProductVersion();
      // Connector/J says "MySQL 5.5.5-10.11.19-MariaDB-0+deb12u1" for MariaDB 10.11.19.
      return version.contains("MariaDB")
          ? "MariaDB " + version.replaceFirst("^5\\.5\\.5-", "").replaceFirst("-MariaDB.*", "")
          : meta.getDatabaseProductName() + " " + version;
    }
  }

  /** The supported database behind {@code pool}, whose URL is {@code url}. */
  private static SupportedDatabase serverOf(HikariDataSource pool, String url) {
    try (Connection connection = pool.getConnection()) {
      return SupportedDatabase.ofServer(connection.getMetaData())
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      url
                          + " is none of the supported databases ("
                          + SupportedDatabase.supportedList()
                          + ")"));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the server's product: " + e.getMessage(), e);
    }
  }

  /** The statement that makes the database wait {@code seconds} without using CPU. */
  public String sleepSql(double seconds) {
    return server == SupportedDatabase.POSTGRESQL
        ? "select pg_sleep(" + seconds + ")"
        : "select sleep(" + seconds + ")";
  }

  @TearDown
  public void close() {
    pool.close();
  }

  /** The same statements as the library sends, by hand: the upsert and its new value. */
  public long rawNextValues(Connection connection, String name, int count) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(upsertSql)) {
      upsert.setString(1, name);
      upsert.setLong(2, count);
      upsert.setLong(3, count);
      // execute(), not executeQuery(): MySQL Connector/J refuses executeQuery() for an INSERT.
      upsert.execute();
      try (ResultSet last = upsert.getResultSet()) {
        last.next();
        return last.getLong(1);
      }
    }
  }

  /** What one raw JDBC transaction does on its connection; returns the number it took. */
  public interface RawWork {
    long run(Connection connection) throws SQLException;
  }

  /**
   * A raw JDBC transaction on a pooled connection: {@code work}, then commit, or rollback if it
   * fails. With {@code readIsolation} it first reads the isolation level, as jOOQ's default
   * transaction provider does at the start of every transaction (PgJDBC asks the server: SHOW
   * TRANSACTION ISOLATION LEVEL, one more round trip).
   */
  public long rawTransaction(boolean readIsolation, RawWork work) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      if (readIsolation) {
        connection.getTransactionIsolation();
      }
      connection.setAutoCommit(false);
      try {
        long number = work.run(connection);
        connection.commit();
        return number;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  public static void insertInvoice(Connection connection, long number) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into bench_invoice (number, amount_cents) values (?, ?)")) {
      insert.setLong(1, number);
      insert.setLong(2, 12_345);
      insert.executeUpdate();
    }
  }
}
