package dev.sequences.it;

class H2CliTest extends CliContractTest {

  H2CliTest() {
    super(Databases.H2);
  }
}
