package dev.sequences.spring.boot;

import dev.sequences.schema.SequencesSchema;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code sequences.*} properties.
 *
 * @param migrateOnStartup {@code sequences.migrate-on-startup}: run {@link SequencesSchema#migrate}
 *     on the application's {@code DataSource} at start-up (default true)
 * @param schema {@code sequences.schema}: the counter table's schema (a database on MySQL and
 *     MariaDB), created if missing; unset for the connection's current schema
 * @param table {@code sequences.table}: the counter table's name (default {@value
 *     SequencesSchema#DEFAULT_TABLE})
 */
@ConfigurationProperties("sequences")
public record SequencesProperties(
    @DefaultValue("true") boolean migrateOnStartup,
    String schema,
    @DefaultValue(SequencesSchema.DEFAULT_TABLE) String table) {}
