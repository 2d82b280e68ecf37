package dev.sequences.it;

class HsqldbCliTest extends CliContractTest {

  HsqldbCliTest() {
    super(Databases.HSQLDB);
  }
}
