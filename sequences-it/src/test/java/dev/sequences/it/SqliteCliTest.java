package dev.sequences.it;

class SqliteCliTest extends CliContractTest {

  SqliteCliTest() {
    super(Databases.SQLITE_CLI);
  }
}
