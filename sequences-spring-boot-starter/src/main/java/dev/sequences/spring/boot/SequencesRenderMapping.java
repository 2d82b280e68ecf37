package dev.sequences.spring.boot;

import dev.sequences.schema.SequencesSchema;
import java.util.ArrayList;
import java.util.Objects;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DefaultConfiguration;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;

/**
 * Points {@code GaplessSequence} at {@code sequences.schema} and {@code sequences.table} on Spring
 * Boot's {@code DSLContext}, through jOOQ's render mapping: the library's schema-less {@value
 * SequencesSchema#DEFAULT_TABLE} is rendered as {@code table}, in {@code schema} if one is set.
 *
 * <p>jOOQ maps schemas, not single tables, to another schema: with {@code sequences.schema} set,
 * every schema-less table of that {@code DSLContext} is rendered in that schema (generated tables
 * that name their schema are not touched). The application's own render mapping is kept; a mapping
 * of schema-less tables to another schema is a conflict, reported at start-up.
 *
 * <p>Applies to the {@code DSLContext} that Spring Boot configures; an application that builds its
 * own sets the mapping there (see docs/spring.md). Define a bean of this type to replace this one.
 */
public final class SequencesRenderMapping implements DefaultConfigurationCustomizer {

  private final String schema;
  private final String table;

  /**
   * The mapping of the library's counter table to {@code schema.table}.
   *
   * @param schema null to leave the schema to the connection
   * @param table the counter table's name
   */
  public SequencesRenderMapping(String schema, String table) {
    this.schema = schema;
    this.table = Objects.requireNonNull(table, "table");
  }

  @Override
  public void customize(DefaultConfiguration configuration) {
    configuration.set(apply(configuration.settings()));
  }

  /**
   * A copy of {@code settings} with the counter table's mapping added.
   *
   * @param settings the application's settings, left unchanged; null for none
   * @return the copy
   * @throws IllegalStateException if {@code settings} already maps schema-less tables to another
   *     schema than {@code sequences.schema}
   */
  public Settings apply(Settings settings) {
    Settings copy = settings == null ? new Settings() : SettingsTools.clone(settings);
    if (schema == null && table.equals(SequencesSchema.DEFAULT_TABLE)) {
      return copy;
    }
    // Settings.clone() shares the render mapping: copy what is changed, so that an application's
    // own Settings bean stays as it was.
    RenderMapping original = copy.getRenderMapping();
    RenderMapping mapping = new RenderMapping();
    MappedSchema schemaLess = null;
    if (original != null) {
      mapping.setDefaultCatalog(original.getDefaultCatalog());
      mapping.setDefaultSchema(original.getDefaultSchema());
      mapping.setCatalogs(new ArrayList<>(original.getCatalogs()));
      for (MappedSchema mapped : original.getSchemata()) {
        if (schemaLess == null && "".equals(mapped.getInput())) {
          schemaLess =
              new MappedSchema()
                  .withInput("")
                  .withOutput(mapped.getOutput())
                  .withTables(new ArrayList<>(mapped.getTables()))
                  .withUdts(new ArrayList<>(mapped.getUdts()));
          mapping.getSchemata().add(schemaLess);
        } else {
          mapping.getSchemata().add(mapped);
        }
      }
    }
    if (schemaLess == null) {
      schemaLess = new MappedSchema().withInput("").withOutput(schema);
      mapping.getSchemata().add(schemaLess);
    } else if (schema != null && !schema.equals(schemaLess.getOutput())) {
      throw new IllegalStateException(
          "sequences.schema="
              + schema
              + " conflicts with the application's jOOQ render mapping, which renders schema-less"
              + " tables in "
              + (schemaLess.getOutput() == null ? "no schema" : "schema " + schemaLess.getOutput())
              + ": make them agree, or leave sequences.schema unset and map the table yourself");
    }
    boolean mapped =
        schemaLess.getTables().stream()
            .anyMatch(t -> SequencesSchema.DEFAULT_TABLE.equals(t.getInput()));
    if (!mapped) {
      schemaLess
          .getTables()
          .add(new MappedTable().withInput(SequencesSchema.DEFAULT_TABLE).withOutput(table));
    }
    copy.setRenderMapping(mapping);
    return copy;
  }
}
