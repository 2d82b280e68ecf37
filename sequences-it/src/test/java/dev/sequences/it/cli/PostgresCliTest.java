package dev.sequences.it.cli;

import dev.sequences.it.fixtures.Databases;

class PostgresCliTest extends CliContractTest {

  PostgresCliTest() {
    super(Databases.POSTGRES);
  }
}
