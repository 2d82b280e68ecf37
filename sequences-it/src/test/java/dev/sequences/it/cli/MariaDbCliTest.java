package dev.sequences.it.cli;

import dev.sequences.it.fixtures.Databases;

class MariaDbCliTest extends CliContractTest {

  MariaDbCliTest() {
    super(Databases.MARIADB);
  }
}
