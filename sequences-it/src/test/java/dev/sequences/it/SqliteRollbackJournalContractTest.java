package dev.sequences.it;

/** SQLite in its default rollback-journal mode: a reader blocks the writer's commit. */
class SqliteRollbackJournalContractTest extends SqliteContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.SQLITE_ROLLBACK_JOURNAL;
  }
}
