package dev.sequences.it.cli;

import dev.sequences.it.fixtures.Databases;

/** The CLI on MySQL 8: where a Docker engine answers, or SEQUENCES_TEST_MYSQL_URL is set. */
class MySqlCliTest extends CliContractTest {

  MySqlCliTest() {
    super(Databases.MYSQL);
  }
}
