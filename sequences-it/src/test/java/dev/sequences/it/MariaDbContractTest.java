package dev.sequences.it;

class MariaDbContractTest extends SequenceContract {

  MariaDbContractTest() {
    super(Databases.MARIADB);
  }
}
