package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

class PostgresContractTest extends SequenceContract {

  PostgresContractTest() {
    super(Databases.POSTGRES);
  }
}
