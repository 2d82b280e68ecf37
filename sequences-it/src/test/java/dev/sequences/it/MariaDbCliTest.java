package dev.sequences.it;

class MariaDbCliTest extends CliContractTest {

  MariaDbCliTest() {
    super(Databases.MARIADB);
  }
}
