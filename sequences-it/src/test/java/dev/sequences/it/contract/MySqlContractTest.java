package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

class MySqlContractTest extends SequenceContract {

  MySqlContractTest() {
    super(Databases.MYSQL);
  }
}
