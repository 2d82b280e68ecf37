package dev.sequences.spring.boot;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot auto-configuration of the sequences library, after Boot's {@code DataSource}, jOOQ
 * and Flyway auto-configurations:
 *
 * <ul>
 *   <li>checks, before any bean is created, that jOOQ and Flyway on the class path are at least the
 *       versions the library is built with, and fails the start with the {@code jooq.version} and
 *       {@code flyway.version} to set otherwise ({@link SupportedVersions});
 *   <li>a {@link SequencesMigration} that migrates the counter table at start-up, on the
 *       application's {@code DataSource}, unless {@code sequences.migrate-on-startup=false} or the
 *       application defines its own;
 *   <li>a {@link SequencesRenderMapping} that points Boot's {@code DSLContext} at {@code
 *       sequences.schema} and {@code sequences.table} when they are not the defaults, unless the
 *       application defines its own.
 * </ul>
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration"
    })
@ConditionalOnClass({GaplessSequence.class, SequencesSchema.class})
@EnableConfigurationProperties(SequencesProperties.class)
public final class SequencesAutoConfiguration {

  /** Created by Spring Boot's auto-configuration. */
  public SequencesAutoConfiguration() {}

  /** Fails the start on too old a jOOQ or Flyway, before any bean can touch them. */
  @Bean
  static BeanFactoryPostProcessor sequencesVersionCheck() {
    return beanFactory -> SupportedVersions.check();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnBooleanProperty(name = "sequences.migrate-on-startup", matchIfMissing = true)
  SequencesMigration sequencesMigration(DataSource dataSource, SequencesProperties properties) {
    return new SequencesMigration(dataSource, properties.schema(), properties.table());
  }

  /** The render mapping, where Boot's jOOQ auto-configuration is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = "org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer")
  static class RenderMappingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SequencesRenderMapping sequencesRenderMapping(SequencesProperties properties) {
      return new SequencesRenderMapping(properties.schema(), properties.table());
    }
  }
}
