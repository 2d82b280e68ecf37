package dev.sequences.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.jooq.GaplessSequence;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Round trips per transaction of one {@code nextValue}, by who runs the transaction and with which
 * driver and pool settings: which component sends what besides the library's one statement and the
 * commit. PostgreSQL: requests the driver flushes to its socket (PgJDBC's {@code socketFactory}),
 * each one a round trip. MariaDB: the server's {@code Questions} counter of the session.
 *
 * <p>{@code java -cp sequences-bench/target/benchmarks.jar dev.sequences.bench.RoundTrips
 * [transactions]}, with the databases of the tests ({@code SEQUENCES_TEST_POSTGRES_URL}, ...).
 */
public final class RoundTrips {

  private static final AtomicLong FLUSHES = new AtomicLong();

  private static final GaplessSequence SEQUENCE = GaplessSequence.named("bench-round-trips");

  private RoundTrips() {}

  /** One way to run the transaction. */
  private interface Way {
    void run(DataSource pool, SQLDialect dialect) throws Exception;
  }

  private record Setup(String label, String urlSuffix, boolean poolAutoCommit, String way) {}

  public static void main(String[] args) throws Exception {
    int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    System.out.printf(
        "%-9s %-44s %-26s %12s %10s%n",
        "database", "driver / pool settings", "transaction by", "round trips", "µs / tx");
    for (String database : List.of("postgres", "mariadb")) {
      String key = database.toUpperCase(Locale.ROOT);
      String url = System.getenv("SEQUENCES_TEST_" + key + "_URL");
      if (url == null) {
        System.out.println(database + ": SEQUENCES_TEST_" + key + "_URL not set, skipped");
        continue;
      }
      boolean postgres = database.equals("postgres");
      String param = url.contains("?") ? "&" : "?";
      List<Setup> setups = new ArrayList<>();
      String counting = postgres ? param + "socketFactory=" + CountingSockets.class.getName() : "";
      String more = counting.isEmpty() ? param : "&";
      for (String way : List.of("jOOQ transaction", "Spring TransactionTemplate", "raw JDBC")) {
        setups.add(new Setup("(defaults)", counting, true, way));
        setups.add(new Setup("pool autoCommit=false", counting, false, way));
        if (!postgres) {
          setups.add(
              new Setup(
                  "useLocalSessionState=true", more + "useLocalSessionState=true", true, way));
          setups.add(
              new Setup(
                  "useLocalSessionState=true, pool autoCommit=false",
                  more + "useLocalSessionState=true",
                  false,
                  way));
        }
      }
      for (Setup setup : setups) {
        measure(database, key, url + setup.urlSuffix(), setup, transactions);
      }
    }
  }

  private static void measure(String database, String key, String url, Setup setup, int n)
      throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(System.getenv("SEQUENCES_TEST_" + key + "_USER"));
    config.setPassword(System.getenv("SEQUENCES_TEST_" + key + "_PASSWORD"));
    config.setMaximumPoolSize(1);
    config.setAutoCommit(setup.poolAutoCommit());
    SQLDialect dialect = database.equals("postgres") ? SQLDialect.POSTGRES : SQLDialect.MARIADB;
    try (HikariDataSource pool = new HikariDataSource(config)) {
      Way way = way(setup.way(), database);
      for (int i = 0; i < 50; i++) {
        way.run(pool, dialect);
      }
      // Reading the counter takes round trips of its own: as many as between these two reads.
      long first = counter(pool, database);
      long before = counter(pool, database);
      long started = System.nanoTime();
      for (int i = 0; i < n; i++) {
        way.run(pool, dialect);
      }
      long micros = (System.nanoTime() - started) / 1000 / n;
      long trips = counter(pool, database) - before - (before - first);
      System.out.printf(
          "%-9s %-44s %-26s %12.2f %10d%n",
          database, setup.label(), setup.way(), (double) trips / n, micros);
    }
  }

  /** PostgreSQL: flushes so far; MariaDB: the session's statements so far. */
  private static long counter(DataSource pool, String database) throws SQLException {
    if (database.equals("postgres")) {
      try (Connection c = pool.getConnection();
          PreparedStatement s = c.prepareStatement("select 1")) {
        s.executeQuery().close();
        if (!c.getAutoCommit()) {
          c.rollback();
        }
      }
      return FLUSHES.get();
    }
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement("show session status like 'Questions'");
        ResultSet rows = s.executeQuery()) {
      rows.next();
      long questions = rows.getLong(2);
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      return questions;
    }
  }

  private static Way way(String way, String database) {
    return switch (way) {
      case "jOOQ transaction" ->
          (pool, dialect) -> {
            DSLContext dsl = DSL.using(pool, dialect);
            dsl.transaction(cfg -> SEQUENCE.nextValue(cfg.dsl()));
          };
      case "Spring TransactionTemplate" ->
          (pool, dialect) -> {
            TransactionTemplate template =
                new TransactionTemplate(new DataSourceTransactionManager(pool));
            DSLContext dsl = DSL.using(new TransactionAwareDataSourceProxy(pool), dialect);
            template.executeWithoutResult(status -> SEQUENCE.nextValue(dsl));
          };
      default ->
          (pool, dialect) -> {
            try (Connection c = pool.getConnection()) {
              boolean autoCommit = c.getAutoCommit();
              if (autoCommit) {
                c.setAutoCommit(false);
              }
              String sql =
                  database.equals("postgres")
                      ? "insert into sequences_sequence (name, last) values (?, 1) on conflict"
                          + " (name) do update set last = sequences_sequence.last + 1 returning"
                          + " last"
                      : "insert into sequences_sequence (name, last) values (?, 1)"
                          + " on duplicate key update last = last + 1 returning last";
              try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, "bench-round-trips");
                s.execute();
              }
              c.commit();
              if (autoCommit) {
                c.setAutoCommit(true);
              }
            }
          };
    };
  }

  /** PgJDBC's sockets, counting each flush of a request: one round trip each. */
  public static final class CountingSockets extends SocketFactory {

    @Override
    public Socket createSocket() {
      return new Socket() {
        @Override
        public OutputStream getOutputStream() throws IOException {
          return new FilterOutputStream(super.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
              FLUSHES.incrementAndGet();
              super.flush();
            }
          };
        }
      };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException();
    }
  }
}
