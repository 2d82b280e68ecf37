package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;
import dev.sequences.it.fixtures.EmbeddedPostgresServer;

/**
 * The whole contract on PostgreSQL 17, started by the tests ({@link EmbeddedPostgresServer}) when
 * {@code SEQUENCES_TEST_POSTGRES_EMBEDDED=true}; skipped otherwise.
 */
class EmbeddedPostgresContractTest extends SequenceContract {

  EmbeddedPostgresContractTest() {
    super(Databases.POSTGRES_EMBEDDED);
  }
}
