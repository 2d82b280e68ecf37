package dev.sequences.it.cli;

import dev.sequences.it.fixtures.Databases;

class H2CliTest extends CliContractTest {

  H2CliTest() {
    super(Databases.H2);
  }
}
