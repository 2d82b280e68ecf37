package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.Databases;
import dev.sequences.jooq.SupportedDatabase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Adding a database is one dialect class, one migration folder, one registry entry and one test
 * description: this fails for a registered database that lacks any of them.
 */
class SupportedDatabasesTest {

  @ParameterizedTest
  @EnumSource(SupportedDatabase.class)
  void everyRegisteredDatabaseHasAllItsPieces(SupportedDatabase database) {
    assertEquals(
        database,
        SupportedDatabase.requireDialect(database.dialect()),
        "the registry maps " + database.dialect() + " back to " + database);
    String folder = database.migrationLocation().replaceFirst("^classpath:", "");
    assertTrue(
        getClass().getClassLoader().getResource(folder) != null,
        database + " has no migration folder " + folder);
    List<DatabaseDescription> described =
        Databases.BASES.stream()
            .filter(d -> d.server().product() == database)
            .filter(d -> d.dialect().family() == database.dialect().family())
            .toList();
    assertTrue(!described.isEmpty(), database + " has no description in Databases.BASES");
    for (DatabaseDescription description : described) {
      assertNotNull(description.djangoSequencesTable(), description.label());
    }
  }
}
