package dev.sequences.schema;

import dev.sequences.jooq.SupportedDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * Creates and upgrades the counter table, and beside it the ledger of number series ({@code
 * <table>_issued}, see {@link #ledgerTable}), with Flyway.
 *
 * <p>The migrations keep their own history table, one per counter table ({@link #historyTable}), so
 * they never mix with the application's own Flyway history nor with another counter table's:
 * {@value #HISTORY_TABLE} for {@value #DEFAULT_TABLE}, {@code sequences_schema_history_<table>} for
 * any other. {@link #migrate(DataSource)} is idempotent and meant to be called at every start-up,
 * also by many instances at once (it holds a database lock around the migration). A {@code
 * sequences_sequence} table that django-sequences already created is adopted with its rows.
 *
 * <p>Upgrading from the internal 0.1.0 build, which kept one {@value #HISTORY_TABLE} per schema for
 * whichever counter table was migrated there: a custom table gets its own history at its next
 * migration, which applies every migration again (each creates its table only if it is missing: V1
 * adopts the counter table as it is, rows included) and returns their number, as on a new database.
 * A history table whose counter table is missing (the 0.1.0 history of another table, or a table
 * dropped by hand) is dropped and the table created afresh, instead of being skipped as already
 * migrated.
 *
 * <p>By default the table is {@value #DEFAULT_TABLE} in the connection's current schema. {@link
 * #migrate(DataSource, String, String)} puts it in another schema (created if missing, with its own
 * history table there) or gives it another name; point {@code GaplessSequence} at it with jOOQ's
 * render mapping (see docs/operations.md).
 *
 * <p>Supported databases: those of {@link SupportedDatabase}, PostgreSQL, MariaDB 10.5+, MySQL
 * 8.0+, H2 2.x, HSQLDB 2.7 and SQLite 3.35+. The server is recognised from the JDBC metadata of a
 * connection ({@link SupportedDatabase#ofServer}), whichever jOOQ dialect the application uses, so
 * MariaDB reached through MySQL Connector/J gets MariaDB's migrations.
 */
public final class SequencesSchema {

  /** The Flyway history table of the default counter table, {@value #DEFAULT_TABLE}. */
  public static final String HISTORY_TABLE = "sequences_schema_history";

  /** The counter table's name, as django-sequences names it. */
  public static final String DEFAULT_TABLE = "sequences_sequence";

  /** The Flyway placeholder that holds the counter table's name in the migrations. */
  public static final String TABLE_PLACEHOLDER = "sequences_table";

  /**
   * What the ledger's name adds to the counter table's: the ledger of {@value #DEFAULT_TABLE} is
   * {@code sequences_sequence_issued}.
   */
  public static final String LEDGER_SUFFIX = "_issued";

  /** Lower case, so that every database stores it as jOOQ renders it, quoted or not. */
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  /** The longest identifier every supported database accepts (PostgreSQL: 63 bytes). */
  private static final int MAX_IDENTIFIER = 63;

  /** The longest counter table name: its ledger's name must fit {@link #MAX_IDENTIFIER}. */
  public static final int MAX_TABLE_NAME = MAX_IDENTIFIER - LEDGER_SUFFIX.length();

  private SequencesSchema() {}

  /**
   * Applies every pending migration to {@value #DEFAULT_TABLE} in the connection's current schema.
   *
   * @param dataSource a data source whose user may create and alter tables
   * @return the number of migrations applied by this call: 0 when the table was already current
   * @throws IllegalStateException if the database is not one of the supported ones ({@link
   *     SupportedDatabase})
   * @throws org.flywaydb.core.api.FlywayException if a migration fails
   */
  public static int migrate(DataSource dataSource) {
    return migrate(dataSource, null, DEFAULT_TABLE);
  }

  /**
   * Applies every pending migration to table {@code table} in schema {@code schema}.
   *
   * <p>Safe to call from many processes at once, as application instances starting together do: the
   * whole migration of the table runs under a database lock keyed by schema and table (PostgreSQL:
   * an advisory lock; MySQL and MariaDB: {@code GET_LOCK}), so each migration is applied once and
   * no caller fails; the others wait, at most 5 minutes, and find the table current. The lock's
   * connection, taken from {@code dataSource}, is also one of Flyway's: the migration holds no more
   * connections at once than Flyway alone (two on PostgreSQL, one on MySQL and MariaDB). On H2,
   * HSQLDB and SQLite, which have no such lock, the callers of one JVM are serialized; processes
   * sharing one H2 server or SQLite file are left to Flyway.
   *
   * @param dataSource a data source whose user may create and alter tables (and create the schema)
   * @param schema the schema (a database on MySQL and MariaDB), created if missing; null for the
   *     connection's current schema. The history table lives in the same schema.
   * @param table the counter table's name
   * @return the number of migrations applied by this call to {@code table}: 0 when it was current
   * @throws IllegalArgumentException if a name is not lower-case letters, digits and underscores
   *     (not starting with a digit; at most {@link #MAX_TABLE_NAME} (56) characters for the table,
   *     so that its ledger's name fits the 63 of every database, and 63 for the schema), or if a
   *     schema is given for SQLite, which has none
   * @throws IllegalStateException if the database is not one of the supported ones ({@link
   *     SupportedDatabase}), or if another process held the lock for more than 5 minutes
   * @throws org.flywaydb.core.api.FlywayException if a migration fails
   */
  public static int migrate(DataSource dataSource, @Nullable String schema, String table) {
    SupportedDatabase database = checkedDatabase(dataSource, table);
    FluentConfiguration flyway = configure(dataSource, database, schema, table);
    MigrationLock lock = MigrationLock.take(dataSource, database, schema, table);
    try {
      DataSource shared = lock.sharing(dataSource);
      dropOrphanedHistory(shared, database, schema, table);
      return flyway.dataSource(shared).load().migrate().migrationsExecuted;
    } finally {
      lock.close();
    }
  }

  /**
   * The counter table's name as the placeholder {@value #TABLE_PLACEHOLDER} of {@code flyway} gives
   * it: for the Java migrations (HSQLDB, H2), which Flyway runs outside this class.
   *
   * @param flyway the configuration Flyway runs a migration with
   * @return the counter table's name
   * @throws IllegalStateException if the placeholder is not set (Flyway not configured by {@link
   *     #configure})
   */
  public static String tableOf(Configuration flyway) {
    String table = flyway.getPlaceholders().get(TABLE_PLACEHOLDER);
    if (table == null) {
      throw new IllegalStateException(
          "Flyway placeholder '"
              + TABLE_PLACEHOLDER
              + "' is not set: configure Flyway with SequencesSchema.configure(...) or set it to"
              + " the table name");
    }
    return table;
  }

  /**
   * The ledger of the number series whose counters live in counter table {@code table}: {@code
   * table + }{@value #LEDGER_SUFFIX}, in the same schema. Created by the same migrations; {@code
   * NumberSeries} finds it from the counter table as the context's render mapping places it.
   *
   * @param table the counter table's name
   * @return the ledger table's name
   */
  public static String ledgerTable(String table) {
    checkName("table", Objects.requireNonNull(table, "table"));
    return table + LEDGER_SUFFIX;
  }

  /**
   * The Flyway history table of counter table {@code table}: {@value #HISTORY_TABLE} for {@value
   * #DEFAULT_TABLE}, else {@code sequences_schema_history_<table>}, shortened with a hash of the
   * name where that would pass 63 characters.
   *
   * @param table the counter table's name
   * @return the history table's name
   * @throws IllegalArgumentException if {@code table} is not lower-case letters, digits and
   *     underscores (not starting with a digit, at most 63 characters)
   */
  public static String historyTable(String table) {
    checkName("table", Objects.requireNonNull(table, "table"));
    if (table.equals(DEFAULT_TABLE)) {
      return HISTORY_TABLE;
    }
    String history = HISTORY_TABLE + "_" + table;
    if (history.length() <= MAX_IDENTIFIER) {
      return history;
    }
    String hash = String.format("%08x", table.hashCode());
    return history.substring(0, MAX_IDENTIFIER - hash.length() - 1) + "_" + hash;
  }

  /**
   * The Flyway configuration that {@link #migrate(DataSource, String, String)} runs, for an
   * application that runs Flyway itself: adjust it if needed, then {@code load().migrate()}. Keep
   * it a Flyway run of its own, with its own history table: these migrations' versions would
   * collide with the application's.
   *
   * @param dataSource a data source whose user may create and alter tables (and create the schema)
   * @param schema the schema (a database on MySQL and MariaDB), created if missing; null for the
   *     connection's current schema
   * @param table the counter table's name
   * @return a new Flyway configuration: locations, history table, placeholders and baseline set
   * @throws IllegalArgumentException as {@link #migrate(DataSource, String, String)}
   * @throws IllegalStateException if the database is not one of the supported ones
   */
  public static FluentConfiguration configure(
      DataSource dataSource, @Nullable String schema, String table) {
    return configure(dataSource, checkedDatabase(dataSource, table), schema, table);
  }

  private static FluentConfiguration configure(
      DataSource dataSource, SupportedDatabase database, @Nullable String schema, String table) {
    String history = historyTable(table);
    if (schema != null && !database.hasSchemas()) {
      throw new IllegalArgumentException(
          database.productName()
              + " has no schemas: pass null as the schema to put table '"
              + table
              + "' in the database file itself (schema '"
              + schema
              + "' was asked for)");
    }
    FluentConfiguration flyway =
        Flyway.configure(SequencesSchema.class.getClassLoader())
            .dataSource(dataSource)
            .table(history)
            .locations(database.migrationLocation())
            .placeholders(Map.of(TABLE_PLACEHOLDER, table))
            // A schema with tables (the application's, django-sequences') is normal: V1 adopts it.
            .baselineOnMigrate(true)
            .baselineVersion("0");
    if (schema != null) {
      checkName("schema", schema);
      flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    return flyway;
  }

  /**
   * Drops the history table of {@code table} if it exists while {@code table} does not: Flyway
   * would take it as proof that the table is current and create nothing.
   */
  private static void dropOrphanedHistory(
      DataSource dataSource, SupportedDatabase database, @Nullable String schema, String table) {
    String history = historyTable(table);
    try (Connection connection = dataSource.getConnection()) {
      if (!exists(connection, database, schema, history)
          || exists(connection, database, schema, table)) {
        return;
      }
      String quote = connection.getMetaData().getIdentifierQuoteString().trim();
      String qualified =
          (schema == null ? "" : quote + schema + quote + ".") + quote + history + quote;
      try (Statement statement = connection.createStatement()) {
        statement.execute("drop table " + qualified);
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not check or drop the orphaned history table "
              + history
              + " of the sequences table "
              + table
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Whether a table exists, looked up as the migrations look up the counter table and its history:
   * in {@code schema} (a database on MySQL and MariaDB), or the connection's current one. For a
   * check that the counter table and its ledger ({@link #ledgerTable}) are there, as Spring Boot's
   * health indicator makes; it only reads the JDBC metadata.
   *
   * @param dataSource the data source to look in
   * @param schema the schema, or null for the connection's current one
   * @param table the table's exact name
   * @return true if the table exists
   * @throws IllegalStateException if the database is not one of the supported ones, or the metadata
   *     cannot be read
   */
  public static boolean tableExists(DataSource dataSource, @Nullable String schema, String table) {
    Objects.requireNonNull(table, "table");
    try (Connection connection = Objects.requireNonNull(dataSource, "dataSource").getConnection()) {
      SupportedDatabase database =
          SupportedDatabase.ofServer(connection.getMetaData())
              .orElseThrow(
                  () ->
                      new IllegalStateException("not one of " + SupportedDatabase.supportedList()));
      return exists(connection, database, schema, table);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not read whether table " + table + " exists: " + e.getMessage(), e);
    }
  }

  private static boolean exists(
      Connection connection, SupportedDatabase database, @Nullable String schema, String table)
      throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    boolean catalogs = database.schemaIsCatalog();
    String where =
        schema != null ? schema : catalogs ? connection.getCatalog() : connection.getSchema();
    try (ResultSet tables =
        catalogs
            ? metaData.getTables(where, null, table, null)
            : metaData.getTables(null, where, table, null)) {
      while (tables.next()) {
        if (table.equals(tables.getString("TABLE_NAME"))) {
          return true;
        }
      }
      return false;
    }
  }

  private static void checkName(String what, String name) {
    int longest = what.equals("table") ? MAX_TABLE_NAME : MAX_IDENTIFIER;
    if (!NAME.matcher(name).matches() || name.length() > longest) {
      throw new IllegalArgumentException(
          "the "
              + what
              + " name '"
              + name
              + "' must be 1 to "
              + longest
              + " lower-case letters, digits and underscores, not starting with a digit"
              + (what.equals("table")
                  ? " (its ledger, '<table>" + LEDGER_SUFFIX + "', must fit in 63)"
                  : ""));
    }
  }

  /** The database behind {@code dataSource}, after the checks that need no connection. */
  private static SupportedDatabase checkedDatabase(DataSource dataSource, String table) {
    Objects.requireNonNull(dataSource, "dataSource");
    checkName("table", Objects.requireNonNull(table, "table"));
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      Optional<SupportedDatabase> database = SupportedDatabase.ofServer(metaData);
      if (database.isEmpty()) {
        throw new IllegalStateException(
            "the sequences table has no migration for "
                + metaData.getDatabaseProductName()
                + " "
                + metaData.getDatabaseProductVersion()
                + "; supported databases are "
                + SupportedDatabase.supportedList());
      }
      return database.get();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not connect to read the database product before migrating the sequences table: "
              + e.getMessage(),
          e);
    }
  }
}
