package dev.sequences.it;

/** HSQLDB in its default LOCKS transaction model: readers lock tables too. */
class HsqldbLocksContractTest extends SequenceContract {

  HsqldbLocksContractTest() {
    super(Databases.HSQLDB_LOCKS);
  }
}
