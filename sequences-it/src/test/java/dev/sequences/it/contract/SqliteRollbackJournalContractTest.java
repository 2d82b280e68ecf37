package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

/** SQLite in its default rollback-journal mode: a reader blocks the writer's commit. */
class SqliteRollbackJournalContractTest extends SequenceContract {

  SqliteRollbackJournalContractTest() {
    super(Databases.SQLITE_ROLLBACK_JOURNAL);
  }
}
