package dev.sequences.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequences.jooq.GaplessSequence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Properties;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration's beans, conditions and back-off, on an embedded H2 database of its own
 * per context.
 */
class SequencesAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  TransactionAutoConfiguration.class,
                  FlywayAutoConfiguration.class,
                  JooqAutoConfiguration.class,
                  SequencesAutoConfiguration.class));

  @Test
  void migrationRunsAtStartupAfterTheApplicationsFlyway() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed().hasSingleBean(SequencesMigration.class);
          assertThat(context.getBean(SequencesMigration.class).applied()).isPositive();
          assertThat(tables(context.getBean(DataSource.class)))
              .contains("sequences_sequence", "sequences_schema_history", "boot_invoice");
          assertThat(
                  context.getBeanFactory().getBeanDefinition("sequencesMigration").getDependsOn())
              .contains("flywayInitializer");
          assertThat(context.getBeanFactory().getBeanDefinition("dslContext").getDependsOn())
              .contains("sequencesMigration");
        });
  }

  @Test
  void migrateOnStartupFalseMigratesNothing() {
    runner
        .withPropertyValues("sequences.migrate-on-startup=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(SequencesMigration.class);
              assertThat(tables(context.getBean(DataSource.class)))
                  .doesNotContain("sequences_sequence");
            });
  }

  @Test
  void theApplicationsOwnMigrationBeanReplacesTheAutoConfiguredOne() {
    runner
        .withUserConfiguration(OwnMigration.class)
        .withPropertyValues("sequences.table=ignored_here")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(SequencesMigration.class);
              assertThat(context.getBean(SequencesMigration.class).table())
                  .isEqualTo("own_counters");
              assertThat(tables(context.getBean(DataSource.class)))
                  .contains("own_counters")
                  .doesNotContain("ignored_here", "sequences_sequence");
            });
  }

  @Test
  void schemaAndTableAreMigratedAndMappedOnBootsDslContext() {
    runner
        .withPropertyValues("sequences.schema=billing", "sequences.table=invoice_counters")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              DSLContext dsl = context.getBean(DSLContext.class);
              GaplessSequence invoices = GaplessSequence.named("invoices");
              assertThat((long) dsl.transactionResult(cfg -> invoices.nextValue(cfg.dsl())))
                  .isEqualTo(1);
              assertThat((long) dsl.transactionResult(cfg -> invoices.nextValue(cfg.dsl())))
                  .isEqualTo(2);
              assertThat(invoices.lastValue(dsl)).isEqualTo(OptionalLong.of(2));
              try (Connection connection = context.getBean(DataSource.class).getConnection();
                  ResultSet row =
                      connection
                          .createStatement()
                          .executeQuery(
                              "select \"last\" from \"billing\".\"invoice_counters\""
                                  + " where \"name\" = 'invoices'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).isEqualTo(2);
              }
            });
  }

  @Test
  void theApplicationsJooqSettingsAreKept() {
    runner
        .withUserConfiguration(OwnSettings.class)
        .withPropertyValues("sequences.table=invoice_counters")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Settings settings = context.getBean(DSLContext.class).configuration().settings();
              assertThat(settings.isExecuteLogging()).isFalse();
              assertThat(settings.getRenderMapping().getSchemata())
                  .extracting(MappedSchema::getInput)
                  .containsExactly("app", "");
              assertThat(
                      context
                          .getBean("ownSettings", Settings.class)
                          .getRenderMapping()
                          .getSchemata())
                  .as("the application's Settings bean itself is not changed")
                  .hasSize(1);
            });
  }

  @Test
  void aSchemaThatContradictsTheApplicationsMappingFailsTheStart() {
    runner
        .withUserConfiguration(SchemaLessTablesElsewhere.class)
        .withPropertyValues("sequences.schema=billing", "sequences.migrate-on-startup=false")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "sequences.schema=billing conflicts with the application's jOOQ render"
                            + " mapping, which renders schema-less tables in schema elsewhere: make"
                            + " them agree, or leave sequences.schema unset and map the table"
                            + " yourself"));
  }

  @Test
  void theApplicationsOwnRenderMappingBeanReplacesTheAutoConfiguredOne() {
    runner
        .withUserConfiguration(OwnRenderMapping.class)
        .withPropertyValues("sequences.table=ignored_here", "sequences.migrate-on-startup=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(SequencesRenderMapping.class);
              assertThat(context.getBean(SequencesRenderMapping.class))
                  .isSameAs(context.getBean(OwnRenderMapping.class).mapping);
              assertThat(
                      context
                          .getBean(DSLContext.class)
                          .configuration()
                          .settings()
                          .getRenderMapping()
                          .getSchemata()
                          .getFirst()
                          .getTables()
                          .getFirst()
                          .getOutput())
                  .isEqualTo("own_counters");
            });
  }

  @Test
  void withoutJooqsAutoConfigurationTheTableIsStillMigrated() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class, SequencesAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(SequencesMigration.class);
              assertThat(tables(context.getBean(DataSource.class))).contains("sequences_sequence");
            });
  }

  /**
   * The metadata Boot reads before loading an auto-configuration class
   * (spring-boot-autoconfigure-processor) and the properties IDEs show
   * (spring-boot-configuration-processor, with sequences.metrics.enabled added by hand).
   */
  @Test
  void metadataForBootAndIdesIsInTheJar() throws IOException {
    Properties conditions = new Properties();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-autoconfigure-metadata.properties")) {
      assertThat(in).isNotNull();
      conditions.load(in);
    }
    String name = SequencesAutoConfiguration.class.getName();
    assertThat(conditions.getProperty(name + ".ConditionalOnClass"))
        .isEqualTo("dev.sequences.jooq.GaplessSequence,dev.sequences.schema.SequencesSchema");
    assertThat(conditions.getProperty(name + ".AutoConfigureAfter"))
        .contains("org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration");
    assertThat(conditions.getProperty(name + "$HealthConfiguration.ConditionalOnClass"))
        .isEqualTo("org.springframework.boot.health.contributor.HealthIndicator");
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains(
              "\"sequences.migrate-on-startup\"",
              "\"sequences.schema\"",
              "\"sequences.table\"",
              "\"sequences.metrics.enabled\"");
    }
  }

  private static List<String> tables(DataSource dataSource) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnMigration {
    @Bean
    SequencesMigration ownMigration(DataSource dataSource) {
      return new SequencesMigration(dataSource, null, "own_counters");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnSettings {
    @Bean
    Settings ownSettings() {
      return new Settings()
          .withExecuteLogging(false)
          .withRenderMapping(
              new RenderMapping()
                  .withSchemata(new MappedSchema().withInput("app").withOutput("app_v2")));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SchemaLessTablesElsewhere {
    @Bean
    Settings schemaLessElsewhere() {
      return new Settings()
          .withRenderMapping(
              new RenderMapping()
                  .withSchemata(new MappedSchema().withInput("").withOutput("elsewhere")));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRenderMapping {
    final SequencesRenderMapping mapping = new SequencesRenderMapping(null, "own_counters");

    @Bean
    SequencesRenderMapping ownRenderMapping() {
      return mapping;
    }
  }
}
