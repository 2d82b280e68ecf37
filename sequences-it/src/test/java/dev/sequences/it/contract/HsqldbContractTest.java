package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

/**
 * HSQLDB 2.7 in its MVLOCKS transaction model (writers lock tables, readers see snapshots), in
 * memory. Not MVCC: there a transaction waiting for a row that another one rolled back can wait
 * forever (see the README's HSQLDB paragraph).
 */
class HsqldbContractTest extends SequenceContract {

  HsqldbContractTest() {
    super(Databases.HSQLDB);
  }
}
