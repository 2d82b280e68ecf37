package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

class MariaDbContractTest extends SequenceContract {

  MariaDbContractTest() {
    super(Databases.MARIADB);
  }
}
