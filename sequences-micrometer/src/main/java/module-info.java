/** Micrometer metrics of gapless sequences' calls. */
module dev.sequences.micrometer {
  requires transitive dev.sequences.jooq;
  requires transitive micrometer.core;
  requires org.slf4j;

  exports dev.sequences.micrometer;
}
