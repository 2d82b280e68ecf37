package dev.sequences.it.cli;

import dev.sequences.it.fixtures.Databases;

class SqliteCliTest extends CliContractTest {

  SqliteCliTest() {
    super(Databases.SQLITE_CLI);
  }
}
