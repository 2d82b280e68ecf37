package dev.sequences.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.jooq.SupportedDatabase;
import dev.sequences.schema.SequencesSchema;
import java.net.UnknownHostException;
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
  private final String printableUrl;
  private final @Nullable String counterSchema;
  private final String counterTable;

  private Database(
      HikariDataSource dataSource,
      String printableUrl,
      SQLDialect dialect,
      @Nullable String counterSchema,
      String counterTable) {
    this.dataSource = dataSource;
    this.printableUrl = printableUrl;
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
    if (url.startsWith("jdbc:mariadb:")) {
      throw new CliException(
          ExitCode.USAGE,
          "the CLI reaches MariaDB through MySQL Connector/J: write "
              + printableUrl.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:")
              + " instead of "
              + printableUrl);
    }
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
      throw connectionFailure(printableUrl, user, e);
    }
    try (Connection connection = dataSource.getConnection()) {
      SQLDialect detected =
          dialect != null ? dialect : dialectOf(printableUrl, connection.getMetaData());
      return new Database(dataSource, printableUrl, detected, counterSchema, counterTable);
    } catch (SQLException | RuntimeException e) {
      dataSource.close();
      if (e instanceof CliException cliException) {
        throw cliException;
      }
      throw connectionFailure(printableUrl, user, e);
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

  /** The database's URL as messages show it: its passwords hidden. */
  String printableUrl() {
    return printableUrl;
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

  /**
   * What a failed connection means, by the SQL state (and vendor code) of the driver's exception:
   * authentication (exit 5), a database that does not exist or a host that is unknown (exit 3, said
   * so), else unreachable with the driver's message.
   */
  private static CliException connectionFailure(
      String printableUrl, @Nullable String user, Throwable e) {
    SQLException sql = sqlExceptionIn(e);
    String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    int code = sql == null ? 0 : sql.getErrorCode();
    String who = user == null ? "the user" : "user '" + user + "'";
    if (state.startsWith("28") || code == MYSQL_ACCESS_DENIED) {
      return new CliException(
          ExitCode.AUTHENTICATION,
          "authentication failed for "
              + who
              + " at "
              + printableUrl
              + ": check --user and the password ($SEQUENCES_PASSWORD, --password or the config"
              + " file): "
              + rootMessage(e),
          e);
    }
    if (state.equals("3D000") || code == MYSQL_UNKNOWN_DATABASE) {
      return new CliException(
          ExitCode.UNREACHABLE,
          "database does not exist at " + printableUrl + ": " + rootMessage(e),
          e);
    }
    if (code == MYSQL_DATABASE_ACCESS_DENIED) {
      return new CliException(
          ExitCode.UNREACHABLE,
          "database does not exist, or "
              + who
              + " may not use it, at "
              + printableUrl
              + ": "
              + rootMessage(e),
          e);
    }
    UnknownHostException unknownHost = causeOf(e, UnknownHostException.class);
    if (unknownHost != null) {
      return new CliException(
          ExitCode.UNREACHABLE,
          "unknown host "
              + String.valueOf(unknownHost.getMessage()).replaceFirst(":.*", "")
              + " in "
              + printableUrl
              + ": check the URL's host name",
          e);
    }
    return new CliException(
        ExitCode.UNREACHABLE, "cannot connect to " + printableUrl + ": " + rootMessage(e), e);
  }

  /** MySQL's ER_ACCESS_DENIED_ERROR and ER_BAD_DB_ERROR (also MariaDB's). */
  private static final int MYSQL_ACCESS_DENIED = 1045;

  private static final int MYSQL_UNKNOWN_DATABASE = 1049;

  /** MySQL's ER_DBACCESS_DENIED_ERROR: what a user without global rights gets for a missing one. */
  private static final int MYSQL_DATABASE_ACCESS_DENIED = 1044;

  private static @Nullable SQLException sqlExceptionIn(Throwable e) {
    SQLException found = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        found = sql;
      }
      if (t.getCause() == null) {
        break;
      }
    }
    return found;
  }

  private static <T extends Throwable> @Nullable T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
