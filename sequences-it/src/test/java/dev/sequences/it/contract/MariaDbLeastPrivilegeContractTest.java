package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

/**
 * The whole contract, with the library running as a user that may only SELECT, INSERT, UPDATE and
 * DELETE on the tables; a separate user migrates.
 */
class MariaDbLeastPrivilegeContractTest extends SequenceContract {

  MariaDbLeastPrivilegeContractTest() {
    super(Databases.MARIADB.with(d -> d.leastPrivilege()));
  }
}
