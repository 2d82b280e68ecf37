/** Number series: formatted gapless numbers per scope and period, with a ledger. */
module dev.sequences.series {
  requires transitive dev.sequences.jooq;

  exports dev.sequences.series;
}
