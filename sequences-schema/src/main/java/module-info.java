/**
 * The counter table's Flyway migrations, per database, and {@link
 * dev.sequences.schema.SequencesSchema}, which runs them.
 */
module dev.sequences.schema {
  requires transitive dev.sequences.jooq;
  requires transitive flyway.core;
  requires java.logging;

  exports dev.sequences.schema;

  // Flyway reads the SQL migrations as resources and loads the Java ones reflectively.
  opens dev.sequences.schema.h2;
  opens dev.sequences.schema.hsqldb;
  opens dev.sequences.schema.mariadb;
  opens dev.sequences.schema.mysql;
  opens dev.sequences.schema.postgresql;
  opens dev.sequences.schema.sqlite;
}
