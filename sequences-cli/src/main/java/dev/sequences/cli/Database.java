package dev.sequences.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.JDBCUtils;
import org.jspecify.annotations.Nullable;

/** A pool of connections to the database the options name, and a jOOQ context over it. */
final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final DSLContext dsl;

  private Database(HikariDataSource dataSource, SQLDialect dialect) {
    this.dataSource = dataSource;
    this.dsl = DSL.using(dataSource, dialect);
  }

  static Database open(
      String url,
      @Nullable String user,
      @Nullable String password,
      @Nullable SQLDialect dialect,
      int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    // Flyway holds a second connection while it migrates.
    config.setMaximumPoolSize(Math.max(2, poolSize));
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
      SQLDialect detected = dialect != null ? dialect : JDBCUtils.dialect(connection);
      if (detected == SQLDialect.DEFAULT) {
        throw new CliException(
            SequencesCli.USAGE,
            "cannot tell the SQL dialect of " + url + ": name it with --dialect");
      }
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

  // A cause chain ends at a throwable that is its own cause: identity is what is compared.
  @SuppressWarnings("ReferenceEquality")
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
