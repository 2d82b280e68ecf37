package dev.sequences.spring.boot;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that a {@link SequencesMigration} initialises the database: the beans that
 * depend on database initialisation (the {@code DSLContext}, {@code JdbcTemplate}, ...) are created
 * after it, and it runs after the initializers of lower order, Flyway's among them (order 1). So
 * the application's own Flyway finds the schema as it left it (an empty schema is not "non-empty
 * without a history table" because of the counter table), and the counter table's migration, which
 * accepts a non-empty schema, comes second.
 */
public final class SequencesMigrationDatabaseInitializerDetector
    extends AbstractBeansOfTypeDatabaseInitializerDetector {

  /** Created by Spring Boot from {@code META-INF/spring.factories}. */
  public SequencesMigrationDatabaseInitializerDetector() {}

  /** After Flyway's detectors (1) and the SQL script initializers (0). */
  static final int ORDER = 10;

  @Override
  protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
    return Set.of(SequencesMigration.class);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
