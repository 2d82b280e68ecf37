package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequences.it.fixtures.Databases;
import dev.sequences.schema.SequencesSchema;
import org.junit.jupiter.api.Test;

class SqliteContractTest extends SequenceContract {

  SqliteContractTest() {
    super(Databases.SQLITE);
  }

  @Test
  void aSchemaIsRefusedClearly() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SequencesSchema.migrate(db.server().dataSource(), "billing", "counters"));
    assertEquals(
        "SQLite has no schemas: pass null as the schema to put table 'counters' in the database"
            + " file itself (schema 'billing' was asked for)",
        e.getMessage());
  }
}
