package dev.sequences.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the {@code sequences_sequence} table with Flyway.
 *
 * <p>The migrations keep their own history table, {@value #HISTORY_TABLE}, so they never mix with the
 * application's own Flyway history. {@link #migrate(DataSource)} is idempotent and safe to call at
 * every start-up, from several processes at once (Flyway serializes them with a database lock). A
 * {@code sequences_sequence} table that django-sequences already created is adopted with its rows.
 *
 * <p>Supported databases: PostgreSQL, MySQL 8, MariaDB 10.5+ and H2 2.x. The database is recognised
 * from the JDBC metadata of a connection, so MariaDB reached through MySQL Connector/J gets MariaDB's
 * script.
 */
public final class SequencesSchema {

  /** The Flyway history table that belongs to these migrations alone. */
  public static final String HISTORY_TABLE = "sequences_schema_history";

  private static final String LOCATION_ROOT = "classpath:dev/sequences/schema/";

  private SequencesSchema() {}

  /**
   * Applies every pending migration to the database behind {@code dataSource}, in its default schema.
   *
   * @param dataSource a data source whose user may create and alter tables
   * @return the number of migrations applied by this call: 0 when the schema was already current
   * @throws IllegalStateException if the database is not one of the supported ones
   * @throws org.flywaydb.core.api.FlywayException if a migration fails
   */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure(SequencesSchema.class.getClassLoader())
        .dataSource(dataSource)
        .table(HISTORY_TABLE)
        .locations(LOCATION_ROOT + vendorOf(dataSource))
        // An existing schema (the application's tables, or django-sequences' table) is normal here:
        // record a baseline below our first version and apply V1, which adopts what it finds.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate()
        .migrationsExecuted;
  }

  /** The migration folder for the database behind {@code dataSource}. */
  static String vendorOf(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
      String version = metaData.getDatabaseProductVersion().toLowerCase(Locale.ROOT);
      if (product.contains("postgresql")) {
        return "postgresql";
      }
      if (product.contains("mariadb") || (product.contains("mysql") && version.contains("mariadb"))) {
        return "mariadb";
      }
      if (product.contains("mysql")) {
        return "mysql";
      }
      if (product.equals("h2")) {
        return "h2";
      }
      throw new IllegalStateException(
          "sequences_sequence has no migration for "
              + metaData.getDatabaseProductName()
              + " "
              + metaData.getDatabaseProductVersion()
              + "; supported databases are PostgreSQL, MySQL 8, MariaDB 10.5+ and H2");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not connect to read the database product before migrating sequences_sequence: "
              + e.getMessage(),
          e);
    }
  }
}
