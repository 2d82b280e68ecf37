package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class SupportedDatabaseTest {

  @Test
  void everySupportedDialectFamilyMapsToItsDatabase() {
    Set<SupportedDatabase> mapped = EnumSet.noneOf(SupportedDatabase.class);
    for (SQLDialect dialect : SQLDialect.values()) {
      Optional<SupportedDatabase> database = SupportedDatabase.ofDialect(dialect);
      database.ifPresent(mapped::add);
      database.ifPresent(d -> assertSame(dialect.family(), d.dialect(), dialect.name()));
    }
    assertEquals(EnumSet.allOf(SupportedDatabase.class), mapped);
    assertSame(SupportedDatabase.POSTGRESQL, SupportedDatabase.requireDialect(SQLDialect.POSTGRES));
    assertSame(SupportedDatabase.MARIADB, SupportedDatabase.requireDialect(SQLDialect.MARIADB));
    assertSame(SupportedDatabase.MYSQL, SupportedDatabase.requireDialect(SQLDialect.MYSQL));
    assertSame(SupportedDatabase.H2, SupportedDatabase.requireDialect(SQLDialect.H2));
    assertSame(SupportedDatabase.HSQLDB, SupportedDatabase.requireDialect(SQLDialect.HSQLDB));
    assertSame(SupportedDatabase.SQLITE, SupportedDatabase.requireDialect(SQLDialect.SQLITE));
    assertSame(MySqlSequenceDialect.INSTANCE, SupportedDatabase.MYSQL.sequenceDialect());
    assertEquals(Optional.empty(), SupportedDatabase.ofDialect(SQLDialect.YUGABYTEDB));
  }

  @Test
  void anUnsupportedDialectIsNamedWithTheSupportedOnes() {
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () -> SupportedDatabase.requireDialect(SQLDialect.FIREBIRD));
    assertEquals(
        "GaplessSequence does not support the jOOQ dialect FIREBIRD; supported dialects are"
            + " POSTGRES, MARIADB, MYSQL, H2, HSQLDB and SQLITE",
        e.getMessage());
  }

  @Test
  void serversAreRecognisedFromTheirProductNameAndVersion() throws SQLException {
    assertServer(SupportedDatabase.POSTGRESQL, "PostgreSQL", "15.20");
    assertServer(SupportedDatabase.MARIADB, "MariaDB", "10.11.19-MariaDB");
    // MariaDB through MySQL Connector/J: the product says MySQL, the version names MariaDB.
    assertServer(SupportedDatabase.MARIADB, "MySQL", "10.11.19-MariaDB-0+deb12u1");
    assertServer(SupportedDatabase.MARIADB, "MySQL", "5.5.5-10.11.19-MariaDB");
    assertServer(SupportedDatabase.MYSQL, "MySQL", "8.4.3");
    assertServer(SupportedDatabase.H2, "H2", "2.5.252 (2025-10-16)");
    assertServer(SupportedDatabase.HSQLDB, "HSQL Database Engine", "2.7.4");
    assertServer(SupportedDatabase.SQLITE, "SQLite", "3.54.1");
    assertEquals(Optional.empty(), SupportedDatabase.ofServer(metaData("Apache Derby", "10.17")));
  }

  @Test
  void theSupportedListNamesAllSixWithTheirVersions() {
    assertEquals(
        "PostgreSQL, MariaDB 10.5+, MySQL 8.0+, H2 2.x, HSQLDB 2.7 and SQLite 3.35+",
        SupportedDatabase.supportedList());
    for (SupportedDatabase database : SupportedDatabase.values()) {
      assertTrue(
          SupportedDatabase.supportedList().contains(database.displayName()), database.name());
    }
  }

  @Test
  void capabilitiesAndMigrationLocations() {
    assertFalse(SupportedDatabase.SQLITE.hasSchemas());
    assertTrue(SupportedDatabase.MARIADB.schemaIsCatalog());
    assertTrue(SupportedDatabase.MYSQL.schemaIsCatalog());
    for (SupportedDatabase database :
        EnumSet.of(SupportedDatabase.POSTGRESQL, SupportedDatabase.H2, SupportedDatabase.HSQLDB)) {
      assertTrue(database.hasSchemas(), database.name());
      assertFalse(database.schemaIsCatalog(), database.name());
    }
    assertEquals(
        "classpath:dev/sequences/schema/mariadb", SupportedDatabase.MARIADB.migrationLocation());
    assertEquals(
        "classpath:dev/sequences/schema/hsqldb", SupportedDatabase.HSQLDB.migrationLocation());
  }

  private static void assertServer(SupportedDatabase expected, String product, String version)
      throws SQLException {
    assertEquals(
        Optional.of(expected),
        SupportedDatabase.ofServer(metaData(product, version)),
        product + " " + version);
  }

  /** Metadata that answers the product name and version, and nothing else. */
  private static DatabaseMetaData metaData(String product, String version) {
    return (DatabaseMetaData)
        Proxy.newProxyInstance(
            DatabaseMetaData.class.getClassLoader(),
            new Class<?>[] {DatabaseMetaData.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getDatabaseProductName" -> product;
                  case "getDatabaseProductVersion" -> version;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
