package dev.sequences.it;

class MySqlContractTest extends SequenceContract {

  MySqlContractTest() {
    super(Databases.MYSQL);
  }
}
