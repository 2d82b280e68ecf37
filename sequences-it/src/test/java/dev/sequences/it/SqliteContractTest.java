package dev.sequences.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequences.schema.SequencesSchema;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class SqliteContractTest extends SequenceContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.SQLITE;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.SQLITE;
  }

  @Override
  int statementsPerCall(boolean firstUse, boolean boundedWait) {
    return boundedWait ? 4 : 1;
  }

  @Override
  String djangoSequencesTable() {
    return "create table \"sequences_sequence\" (\"name\" varchar(100) not null primary key,"
        + " \"last\" bigint unsigned not null check (\"last\" >= 0))";
  }

  @Override
  ServerSessions serverSessions() {
    return null;
  }

  @Override
  String lockTimeoutQuery() {
    return "pragma busy_timeout";
  }

  @Override
  boolean supportsConcurrentWriters() {
    return false;
  }

  @Override
  boolean supports(Isolation isolation) {
    return isolation == Isolation.SERIALIZABLE;
  }

  @Test
  void aSchemaIsRefusedClearly() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SequencesSchema.migrate(database().dataSource(), "billing", "counters"));
    assertEquals(
        "SQLite has no schemas: pass null as the schema to put table 'counters' in the database"
            + " file itself (schema 'billing' was asked for)",
        e.getMessage());
  }
}
