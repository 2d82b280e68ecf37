package dev.sequences.spring.boot;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.micrometer.MicrometerSequenceListener;
import dev.sequences.micrometer.SequenceTags;
import dev.sequences.schema.SequencesSchema;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
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
 *       application's {@code DataSource} (the single candidate, as for Boot's own {@code
 *       DataSource} consumers: with several and none primary, it backs off and logs why), unless
 *       {@code sequences.migrate-on-startup=false} or the application defines its own;
 *   <li>a {@link SequencesRenderMapping} that points Boot's {@code DSLContext} at {@code
 *       sequences.schema} and {@code sequences.table} when they are not the defaults, unless the
 *       application defines its own;
 *   <li>with sequences-micrometer and a {@code MeterRegistry} bean, a {@code
 *       MicrometerSequenceListener} installed on Boot's {@code DSLContext} (tagged by the
 *       application's {@code SequenceTags} bean, if any), unless {@code
 *       sequences.metrics.enabled=false};
 *   <li>with Boot's health API (spring-boot-health), the health indicator {@code sequences} ({@link
 *       SequencesHealthIndicator}).
 * </ul>
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
      "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass({GaplessSequence.class, SequencesSchema.class})
@EnableConfigurationProperties(SequencesProperties.class)
public final class SequencesAutoConfiguration {

  private static final Log LOG = LogFactory.getLog(SequencesAutoConfiguration.class);

  /** Created by Spring Boot's auto-configuration. */
  public SequencesAutoConfiguration() {}

  /** Fails the start on too old a jOOQ or Flyway, before any bean can touch them. */
  @Bean
  static BeanFactoryPostProcessor sequencesVersionCheck() {
    return beanFactory -> SupportedVersions.check();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(DataSource.class)
  @ConditionalOnBooleanProperty(name = "sequences.migrate-on-startup", matchIfMissing = true)
  SequencesMigration sequencesMigration(DataSource dataSource, SequencesProperties properties) {
    return new SequencesMigration(dataSource, properties.schema(), properties.table());
  }

  /**
   * Says at start-up that the counter table was not migrated because the starter could not choose
   * among several {@code DataSource} beans: never a silent absence of the migration.
   */
  @Bean
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnBooleanProperty(name = "sequences.migrate-on-startup", matchIfMissing = true)
  static SmartInitializingSingleton sequencesBackOffReport(ListableBeanFactory beans) {
    return () -> {
      if (beans.getBeanNamesForType(SequencesMigration.class).length == 0) {
        String why = whyNoDataSource(beans);
        if (why != null) {
          LOG.warn(why);
        }
      }
    };
  }

  /**
   * Why the starter has no {@code DataSource} to migrate and check: several and none of them the
   * single candidate (primary); null when there is one.
   */
  static @Nullable String whyNoDataSource(ListableBeanFactory beans) {
    if (beans.getBeanProvider(DataSource.class).getIfUnique() != null) {
      return null;
    }
    String[] names = beans.getBeanNamesForType(DataSource.class);
    return "sequences: "
        + (names.length == 0
            ? "no DataSource bean"
            : names.length
                + " DataSource beans "
                + Arrays.toString(names)
                + " and none of them primary")
        + ": the counter table was not migrated at start-up and is not checked. Mark the"
        + " DataSource that holds it @Primary, or define a SequencesMigration bean for it";
  }

  /** The metrics, where sequences-micrometer and a {@code MeterRegistry} bean are present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "dev.sequences.micrometer.MicrometerSequenceListener",
        "io.micrometer.core.instrument.MeterRegistry",
        "org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer"
      })
  @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnBooleanProperty(name = "sequences.metrics.enabled", matchIfMissing = true)
  static class MetricsConfiguration {

    /** The listener; the application's {@code SequenceTags} bean, if any, tags the meters. */
    @Bean
    @ConditionalOnMissingBean
    MicrometerSequenceListener sequencesMetricsListener(
        MeterRegistry registry, ObjectProvider<SequenceTags> tags) {
      return new MicrometerSequenceListener(registry, tags.getIfUnique(SequenceTags::none));
    }

    /** Installs the listener on the jOOQ configuration of Boot's {@code DSLContext}. */
    @Bean
    DefaultConfigurationCustomizer sequencesMetrics(MicrometerSequenceListener listener) {
      return listener::installOn;
    }
  }

  /** The health indicator {@code sequences}, where Boot's health API is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnEnabledHealthIndicator("sequences")
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "sequencesHealthIndicator")
    SequencesHealthIndicator sequencesHealthIndicator(
        ListableBeanFactory beans, SequencesProperties properties) {
      return new SequencesHealthIndicator(
          () -> {
            SequencesMigration migration =
                beans.getBeanProvider(SequencesMigration.class).getIfUnique();
            if (migration != null) {
              return new SequencesHealthIndicator.Target(
                  migration.dataSource(), migration.schema(), migration.table(), null);
            }
            return new SequencesHealthIndicator.Target(
                beans.getBeanProvider(DataSource.class).getIfUnique(),
                properties.schema(),
                properties.table(),
                whyNoDataSource(beans));
          });
    }
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
