package dev.sequences.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.jooq.SupportedDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** A pool of connections to the database the options name, and a jOOQ context over it. */
final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final DSLContext dsl;

  private Database(HikariDataSource dataSource, SQLDialect dialect) {
    this.dataSource = dataSource;
    this.dsl = DSL.using(dataSource, dialect);
  }

  /**
   * Opens a pool on {@code url}, with jOOQ dialect {@code dialect}, or, if it is null, the dialect
   * of the server's {@link SupportedDatabase}.
   *
   * @throws CliException a usage error if {@code dialect} is null and the server is none of the
   *     supported databases; unreachable if no connection can be had
   */
  static Database open(String url, String user, String password, SQLDialect dialect, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    // migrate holds three connections at once on PostgreSQL: its lock's and Flyway's two.
    config.setMaximumPoolSize(Math.max(3, poolSize));
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setPoolName("sequences-cli");
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new CliException(
          SequencesCli.UNREACHABLE, "cannot connect to " + url + ": " + rootMessage(e), e);
    }
    try (Connection connection = dataSource.getConnection()) {
      SQLDialect detected = dialect != null ? dialect : dialectOf(url, connection.getMetaData());
      return new Database(dataSource, detected);
    } catch (SQLException | RuntimeException e) {
      dataSource.close();
      if (e instanceof CliException cliException) {
        throw cliException;
      }
      throw new CliException(
          SequencesCli.UNREACHABLE, "cannot connect to " + url + ": " + rootMessage(e), e);
    }
  }

  /** The jOOQ dialect of the server behind {@code metaData}, if it is a supported database. */
  private static SQLDialect dialectOf(String url, DatabaseMetaData metaData) throws SQLException {
    Optional<SupportedDatabase> database = SupportedDatabase.ofServer(metaData);
    if (database.isEmpty()) {
      throw new CliException(
          SequencesCli.USAGE,
          "cannot tell the SQL dialect of "
              + url
              + ": its server, "
              + metaData.getDatabaseProductName()
              + " "
              + metaData.getDatabaseProductVersion()
              + ", is none of the supported databases ("
              + SupportedDatabase.supportedList()
              + "); name a jOOQ dialect with --dialect");
    }
    return database.get().dialect();
  }

  HikariDataSource dataSource() {
    return dataSource;
  }

  DSLContext dsl() {
    return dsl;
  }

  SQLDialect dialect() {
    return dsl.dialect();
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
