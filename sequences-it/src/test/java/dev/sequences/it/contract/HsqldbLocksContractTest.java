package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

/** HSQLDB in its default LOCKS transaction model: readers lock tables too. */
class HsqldbLocksContractTest extends SequenceContract {

  HsqldbLocksContractTest() {
    super(Databases.HSQLDB_LOCKS);
  }
}
