package dev.sequences.spring.boot;

import dev.sequences.schema.SequencesSchema;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates the counter table when the application starts: {@link
 * SequencesSchema#migrate(DataSource, String, String)} on the given data source, schema and table,
 * once, as the bean is initialised.
 *
 * <p>Spring Boot's database-initialisation ordering treats it as a database initializer (as it
 * treats Flyway's): the {@code DSLContext} and the beans that depend on it are created after it has
 * run. Safe with many instances starting at once: the migration runs under a database lock. Define
 * a bean of this type to replace the auto-configured one (another data source, schema or table), or
 * set {@code sequences.migrate-on-startup=false} to have none.
 */
public class SequencesMigration implements InitializingBean {

  private static final Log LOG = LogFactory.getLog(SequencesMigration.class);

  private final DataSource dataSource;
  private final String schema;
  private final String table;
  private int applied = -1;

  /**
   * A migration of {@code schema.table} that runs when the bean is initialized.
   *
   * @param dataSource where the counter table lives; its user may create tables
   * @param schema null for the connection's current schema
   * @param table the counter table's name
   */
  public SequencesMigration(DataSource dataSource, String schema, String table) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.schema = schema;
    this.table = Objects.requireNonNull(table, "table");
  }

  @Override
  public void afterPropertiesSet() {
    applied = SequencesSchema.migrate(dataSource, schema, table);
    if (applied > 0) {
      LOG.info(
          "sequences: "
              + applied
              + " migration(s) applied to table "
              + (schema == null ? "" : schema + ".")
              + table);
    }
  }

  /**
   * {@return the number of migrations the start-up run applied: 0 if the table was current; -1
   * before}
   */
  public int applied() {
    return applied;
  }

  /** The data source migrated: the health indicator checks the same table. */
  DataSource dataSource() {
    return dataSource;
  }

  /** {@return the schema migrated, or null for the connection's current one} */
  public String schema() {
    return schema;
  }

  /** {@return the counter table migrated} */
  public String table() {
    return table;
  }
}
