package dev.sequences.it;

class PostgresCliTest extends CliContractTest {

  PostgresCliTest() {
    super(Databases.POSTGRES);
  }
}
