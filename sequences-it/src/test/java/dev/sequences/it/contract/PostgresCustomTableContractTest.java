package dev.sequences.it.contract;

import dev.sequences.it.fixtures.Databases;

/**
 * The whole contract with the counter table in another schema and under another name: migrated
 * there by SequencesSchema, and found there by GaplessSequence through jOOQ's render mapping.
 */
class PostgresCustomTableContractTest extends SequenceContract {

  PostgresCustomTableContractTest() {
    super(Databases.POSTGRES.with(d -> d.counterTable("billing", "invoice_counters")));
  }
}
