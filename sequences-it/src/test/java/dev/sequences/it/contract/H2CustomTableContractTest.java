package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

/**
 * The whole contract with the counter table in another schema and under another name: migrated
 * there by SequencesSchema, and found there by GaplessSequence through jOOQ's render mapping.
 */
class H2CustomTableContractTest extends SequenceContract {

  H2CustomTableContractTest() {
    super(Databases.H2.with(d -> d.counterTable("billing", "invoice_counters")));
  }
}
