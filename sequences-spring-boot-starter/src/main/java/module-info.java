/** Spring Boot auto-configuration of gapless sequences. */
module dev.sequences.spring.boot {
  requires dev.sequences.jooq;
  requires dev.sequences.schema;
  requires static dev.sequences.micrometer;
  requires static micrometer.core;
  requires static org.apache.commons.logging;
  requires static spring.beans;
  requires static spring.boot;
  requires static spring.boot.autoconfigure;
  requires static spring.boot.flyway;
  requires static spring.boot.health;
  requires static spring.boot.jdbc;
  requires static spring.boot.jooq;
  requires static spring.boot.sql;
  requires static spring.context;
  requires static spring.core;

  exports dev.sequences.spring.boot;

  // Spring creates the auto-configuration's beans reflectively and reads its resources.
  opens dev.sequences.spring.boot;
}
