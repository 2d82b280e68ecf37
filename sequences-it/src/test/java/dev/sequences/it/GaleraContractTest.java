package dev.sequences.it;

/** The whole contract on one node of a three-node MariaDB Galera cluster. */
class GaleraContractTest extends SequenceContract {

  GaleraContractTest() {
    super(Databases.GALERA);
  }
}
