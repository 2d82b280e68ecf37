package dev.sequences.it.cli;

import dev.sequences.it.fixtures.Databases;

class HsqldbCliTest extends CliContractTest {

  HsqldbCliTest() {
    super(Databases.HSQLDB);
  }
}
