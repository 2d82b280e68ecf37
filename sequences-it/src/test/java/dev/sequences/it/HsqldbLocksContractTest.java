package dev.sequences.it;

/** HSQLDB in its default LOCKS transaction model: readers lock tables too. */
class HsqldbLocksContractTest extends HsqldbContractTest {

  @Override
  TestDatabase database() {
    return TestDatabase.HSQLDB_LOCKS;
  }
}
