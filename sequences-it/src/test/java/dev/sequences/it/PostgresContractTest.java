package dev.sequences.it;

class PostgresContractTest extends SequenceContract {

  PostgresContractTest() {
    super(Databases.POSTGRES);
  }
}
