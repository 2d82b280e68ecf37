package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

/**
 * The whole contract, with the library running as a user that may only SELECT, INSERT, UPDATE and
 * DELETE on the tables; a separate user migrates.
 */
class PostgresLeastPrivilegeContractTest extends SequenceContract {

  PostgresLeastPrivilegeContractTest() {
    super(Databases.POSTGRES.with(d -> d.leastPrivilege()));
  }
}
