package dev.sequences.spring.boot;

import dev.sequences.schema.SequencesSchema;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code sequences.*} properties. (Plain text below: the build copies it into the metadata that
 * IDEs show.)
 *
 * @param migrateOnStartup Whether to create or upgrade the counter table when the application
 *     starts, on the application's DataSource.
 * @param schema Schema of the counter table (a database on MySQL and MariaDB), created if missing.
 *     Unset: the connection's current schema.
 * @param table Name of the counter table.
 */
@ConfigurationProperties("sequences")
public record SequencesProperties(
    @DefaultValue("true") boolean migrateOnStartup,
    String schema,
    @DefaultValue(SequencesSchema.DEFAULT_TABLE) String table) {}
