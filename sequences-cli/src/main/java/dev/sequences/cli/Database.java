package dev.sequences.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.jooq.SupportedDatabase;
import dev.sequences.schema.SequencesSchema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** A pool of connections to the database the options name, and a jOOQ context over it. */
final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final DSLContext dsl;
  private final @Nullable String counterSchema;
  private final String counterTable;

  private Database(
      HikariDataSource dataSource,
      SQLDialect dialect,
      @Nullable String counterSchema,
      String counterTable) {
    this.dataSource = dataSource;
    this.counterSchema = counterSchema;
    this.counterTable = counterTable;
    this.dsl = DSL.using(dataSource, dialect, counterMapping(counterSchema, counterTable));
  }

  /**
   * Opens a pool on {@code url}, with jOOQ dialect {@code dialect}, or, if it is null, the dialect
   * of the server's {@link SupportedDatabase}; the library's counter table rendered as {@code
   * counterSchema.counterTable}.
   *
   * @param printableUrl {@code url} with its passwords hidden, for messages
   * @throws CliException a usage error if {@code dialect} is null and the server is none of the
   *     supported databases; unreachable if no connection can be had
   */
  static Database open(
      String url,
      String printableUrl,
      @Nullable String user,
      @Nullable String password,
      @Nullable SQLDialect dialect,
      @Nullable String counterSchema,
      String counterTable,
      int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    // migrate holds two connections at once on PostgreSQL: Flyway's two, one of them the lock's.
    config.setMaximumPoolSize(Math.max(2, poolSize));
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setPoolName("sequences-cli");
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new CliException(
          ExitCode.UNREACHABLE, "cannot connect to " + printableUrl + ": " + rootMessage(e), e);
    }
    try (Connection connection = dataSource.getConnection()) {
      SQLDialect detected =
          dialect != null ? dialect : dialectOf(printableUrl, connection.getMetaData());
      return new Database(dataSource, detected, counterSchema, counterTable);
    } catch (SQLException | RuntimeException e) {
      dataSource.close();
      if (e instanceof CliException cliException) {
        throw cliException;
      }
      throw new CliException(
          ExitCode.UNREACHABLE, "cannot connect to " + printableUrl + ": " + rootMessage(e), e);
    }
  }

  /** The jOOQ dialect of the server behind {@code metaData}, if it is a supported database. */
  private static SQLDialect dialectOf(String url, DatabaseMetaData metaData) throws SQLException {
    Optional<SupportedDatabase> database = SupportedDatabase.ofServer(metaData);
    if (database.isEmpty()) {
      throw new CliException(
          ExitCode.USAGE,
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

  /**
   * The settings that point the library's table at {@code schema.table}, as an application's render
   * mapping would; none for the default table in the connection's schema.
   */
  private static Settings counterMapping(@Nullable String schema, String table) {
    if (schema == null && table.equals(SequencesSchema.DEFAULT_TABLE)) {
      return new Settings();
    }
    return new Settings()
        .withRenderMapping(
            new RenderMapping()
                .withSchemata(
                    new MappedSchema()
                        .withInput("")
                        .withOutput(schema)
                        .withTables(
                            new MappedTable()
                                .withInput(SequencesSchema.DEFAULT_TABLE)
                                .withOutput(table))));
  }

  /** The counter table's schema, null for the connection's. */
  @Nullable String counterSchema() {
    return counterSchema;
  }

  /** The counter table's name. */
  String counterTable() {
    return counterTable;
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
