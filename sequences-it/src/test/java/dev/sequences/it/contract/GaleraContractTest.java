package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

/** The whole contract on one node of a three-node MariaDB Galera cluster. */
class GaleraContractTest extends SequenceContract {

  GaleraContractTest() {
    super(Databases.GALERA);
  }
}
