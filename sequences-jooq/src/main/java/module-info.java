/**
 * Gapless sequences for jOOQ: {@link dev.sequences.jooq.GaplessSequence} and what goes with it.
 * Spring's transaction support is optional: when {@code spring.tx} and {@code spring.jdbc} are
 * present, values are also issued inside Spring-managed transactions.
 */
module dev.sequences.jooq {
  requires transitive java.sql;
  requires transitive org.jooq;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires static spring.jdbc;
  requires static spring.tx;

  exports dev.sequences.jooq;

  // jOOQ creates the generated counter table's records reflectively.
  opens dev.sequences.jooq.internal.tables.records to
      org.jooq;
}
