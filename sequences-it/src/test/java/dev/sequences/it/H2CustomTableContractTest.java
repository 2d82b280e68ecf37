package dev.sequences.it;

/**
 * The whole contract with the counter table in another schema and under another name: migrated
 * there by SequencesSchema, and found there by GaplessSequence through jOOQ's render mapping.
 */
class H2CustomTableContractTest extends H2ContractTest {

  @Override
  String counterSchema() {
    return "billing";
  }

  @Override
  String counterTable() {
    return "invoice_counters";
  }
}
