package dev.sequences.jooq;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.jooq.SQLDialect;
import org.jspecify.annotations.Nullable;

/**
 * The databases the library supports, and the one place that recognises them: a server from its
 * JDBC metadata ({@link #ofServer}), a jOOQ dialect from its family ({@link #ofDialect}). Every
 * module asks here, and every list of supported databases in a message is derived from {@link
 * #values()}.
 *
 * <p>The server and the jOOQ dialect are recognised separately, because they may differ: a MariaDB
 * server used with {@code SQLDialect.MYSQL} is supported. There the statements are those of the
 * dialect ({@link #MYSQL}, picked by {@code GaplessSequence} from {@code ctx.dialect()}), and the
 * counter table is created by the server's migration ({@link #MARIADB}, picked by {@code
 * SequencesSchema} from the connection).
 */
public enum SupportedDatabase {

  /** PostgreSQL, with jOOQ's {@code POSTGRES} dialect. */
  POSTGRESQL(
      "PostgreSQL",
      "",
      "postgresql",
      SQLDialect.POSTGRES,
      PostgresSequenceDialect.INSTANCE,
      Namespace.SCHEMA,
      (product, version) -> product.contains("postgresql")),

  /**
   * MariaDB 10.5+, with jOOQ's {@code MARIADB} dialect; recognised through MySQL Connector/J too,
   * whose product name says MySQL and whose version names MariaDB.
   */
  MARIADB(
      "MariaDB",
      "10.5+",
      "mariadb",
      SQLDialect.MARIADB,
      MariaDbSequenceDialect.INSTANCE,
      Namespace.CATALOG,
      (product, version) ->
          product.contains("mariadb")
              || (product.contains("mysql") && version.contains("mariadb"))),

  /** MySQL 8.0+, with jOOQ's {@code MYSQL} dialect (which MariaDB servers accept too). */
  MYSQL(
      "MySQL",
      "8.0+",
      "mysql",
      SQLDialect.MYSQL,
      MySqlSequenceDialect.INSTANCE,
      Namespace.CATALOG,
      (product, version) -> product.contains("mysql") && !version.contains("mariadb")),

  /** H2 2.x, with jOOQ's {@code H2} dialect. */
  H2(
      "H2",
      "2.x",
      "h2",
      SQLDialect.H2,
      H2SequenceDialect.INSTANCE,
      Namespace.SCHEMA,
      (product, version) -> product.equals("h2")),

  /** HSQLDB 2.7, with jOOQ's {@code HSQLDB} dialect. */
  HSQLDB(
      "HSQLDB",
      "2.7",
      "hsqldb",
      SQLDialect.HSQLDB,
      HsqldbSequenceDialect.INSTANCE,
      Namespace.SCHEMA,
      (product, version) -> product.equals("hsql database engine")),

  /** SQLite 3.35+, with jOOQ's {@code SQLITE} dialect. It has no schemas. */
  SQLITE(
      "SQLite",
      "3.35+",
      "sqlite",
      SQLDialect.SQLITE,
      SqliteSequenceDialect.INSTANCE,
      Namespace.NONE,
      (product, version) -> product.equals("sqlite"));

  /** Where Flyway finds the migrations of sequences-schema, one folder per database. */
  private static final String MIGRATIONS = "classpath:dev/sequences/schema/";

  /** What a database calls the namespace that holds tables. */
  private enum Namespace {
    SCHEMA,
    /** A database, which JDBC calls a catalog (MySQL, MariaDB). */
    CATALOG,
    NONE
  }

  private final String productName;
  private final String versions;
  private final String folder;
  private final SQLDialect dialect;
  private final SequenceDialect sequenceDialect;
  private final CounterTable counterTable;
  private final Namespace namespace;

  /** Whether a lower-cased JDBC product name and product version are this database's. */
  private final BiPredicate<String, String> server;

  SupportedDatabase(
      String productName,
      String versions,
      String folder,
      SQLDialect dialect,
      SequenceDialect sequenceDialect,
      Namespace namespace,
      BiPredicate<String, String> server) {
    this.productName = productName;
    this.versions = versions;
    this.folder = folder;
    this.dialect = dialect;
    this.sequenceDialect = sequenceDialect;
    this.counterTable = new CounterTable(sequenceDialect::nameValue);
    this.namespace = namespace;
    this.server = server;
  }

  /** {@return the database's name, without versions: "PostgreSQL", "MariaDB", "SQLite", ...} */
  public String productName() {
    return productName;
  }

  /**
   * {@return the database's name with the versions the library supports} As docs/databases.md gives
   * them: "PostgreSQL", "MariaDB 10.5+", "MySQL 8.0+", "H2 2.x", "HSQLDB 2.7", "SQLite 3.35+".
   */
  public String displayName() {
    return versions.isEmpty() ? productName : productName + " " + versions;
  }

  /**
   * {@return the Flyway location of this database's migrations of the counter table in
   * sequences-schema} It is {@code classpath:dev/sequences/schema/} and a folder of its own
   * (postgresql, mariadb, mysql, h2, hsqldb, sqlite).
   */
  public String migrationLocation() {
    return MIGRATIONS + folder;
  }

  /**
   * {@return this database's jOOQ dialect family} It is the one {@link #ofDialect} maps here, and
   * the one to use with a server of this database (a MariaDB server also takes {@code MYSQL}'s
   * statements).
   */
  public SQLDialect dialect() {
    return dialect;
  }

  /** {@return whether the database has schemas: not SQLite, whose tables share one namespace} */
  public boolean hasSchemas() {
    return namespace != Namespace.NONE;
  }

  /**
   * {@return true if a schema is a database, which JDBC calls a catalog (MySQL, MariaDB)} Look
   * tables up by catalog there, and by schema elsewhere.
   */
  public boolean schemaIsCatalog() {
    return namespace == Namespace.CATALOG;
  }

  /** The statements of this jOOQ dialect family. */
  SequenceDialect sequenceDialect() {
    return sequenceDialect;
  }

  /** The statements on the counter table, as this family compares a sequence's name. */
  CounterTable counterTable() {
    return counterTable;
  }

  /** {@link #counterTable()} of {@code dialect}'s family; for others, names bound as they are. */
  static CounterTable counterTableOf(SQLDialect dialect) {
    return ofDialect(dialect).map(SupportedDatabase::counterTable).orElse(CounterTable.BOUND_NAMES);
  }

  /**
   * The database of the server behind {@code metaData}, from its product name and version: MariaDB
   * reached through MySQL Connector/J (which says MySQL, with a version that names MariaDB) is
   * {@link #MARIADB}.
   *
   * @param metaData the metadata of a connection to the server
   * @return the database, or empty if the server is none of the supported databases
   * @throws SQLException if the driver cannot tell the product name or version
   */
  public static Optional<SupportedDatabase> ofServer(DatabaseMetaData metaData)
      throws SQLException {
    String product = lowerCase(metaData.getDatabaseProductName());
    String version = lowerCase(metaData.getDatabaseProductVersion());
    return Arrays.stream(values()).filter(d -> d.server.test(product, version)).findFirst();
  }

  /**
   * The database whose statements serve jOOQ dialect {@code dialect}, by its family (so a versioned
   * dialect of jOOQ's commercial editions, such as {@code POSTGRES_15}, is {@link #POSTGRESQL}).
   *
   * @param dialect a jOOQ dialect
   * @return the database, or empty if the dialect family is none of the supported ones
   */
  public static Optional<SupportedDatabase> ofDialect(SQLDialect dialect) {
    SQLDialect family = Objects.requireNonNull(dialect, "dialect").family();
    // A loop over a kept array: this runs on every call, and values() copies its array.
    for (SupportedDatabase database : VALUES) {
      if (database.dialect == family) {
        return Optional.of(database);
      }
    }
    return Optional.empty();
  }

  private static final SupportedDatabase[] VALUES = values();

  /**
   * The database whose statements serve jOOQ dialect {@code dialect}, as {@link #ofDialect}.
   *
   * @param dialect a jOOQ dialect
   * @return the database
   * @throws UnsupportedOperationException naming the dialect and listing the supported ones, if it
   *     is none of them
   */
  public static SupportedDatabase requireDialect(SQLDialect dialect) {
    return ofDialect(dialect)
        .orElseThrow(
            () ->
                new UnsupportedOperationException(
                    "GaplessSequence does not support the jOOQ dialect "
                        + dialect
                        + "; supported dialects are "
                        + humanList(Arrays.stream(values()).map(d -> d.dialect.name()).toList())));
  }

  /**
   * {@return the supported databases for a message} From the {@link #displayName()}s in declaration
   * order: "PostgreSQL, MariaDB 10.5+, MySQL 8.0+, H2 2.x, HSQLDB 2.7 and SQLite 3.35+".
   */
  public static String supportedList() {
    return humanList(Arrays.stream(values()).map(SupportedDatabase::displayName).toList());
  }

  /** The statements of {@code dialect}'s family, or null if it is not supported. */
  static @Nullable SequenceDialect sequenceDialectOrNull(SQLDialect dialect) {
    return ofDialect(dialect).map(SupportedDatabase::sequenceDialect).orElse(null);
  }

  private static String lowerCase(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static String humanList(List<String> items) {
    int last = items.size() - 1;
    return String.join(", ", items.subList(0, last)) + " and " + items.get(last);
  }
}
