package dev.sequences.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.micrometer.MicrometerSequenceListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The starter with Spring Boot's actuator (spring-boot-starter-actuator: Micrometer's registry and
 * the health endpoint), each test a Spring Boot application started with {@code SpringApplication}:
 * the metrics installed by themselves and turned off, the health indicator DOWN on a table not
 * migrated (H2, PostgreSQL, MariaDB), and the back-off with two {@code DataSource} beans.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootActuatorTest {

  private static final GaplessSequence METERED = GaplessSequence.named("boot-actuator-metered");

  @Test
  void metricsAppearWithoutConfiguration() {
    try (ConfigurableApplicationContext context = start(h2("actuator_metrics"))) {
      assertThat(context.getBeansOfType(MicrometerSequenceListener.class)).hasSize(1);
      DSLContext dsl = context.getBean(DSLContext.class);
      dsl.transaction(cfg -> METERED.nextValue(cfg.dsl()));
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(
              registry
                  .get(MicrometerSequenceListener.TIMER)
                  .tags(MicrometerSequenceListener.OUTCOME_TAG, "issued")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(registry.get(MicrometerSequenceListener.VALUES_ISSUED).counter().count())
          .isEqualTo(1);
    }
  }

  @Test
  void metricsEnabledFalseInstallsNothing() {
    Map<String, Object> properties = h2("actuator_no_metrics");
    properties.put("sequences.metrics.enabled", "false");
    try (ConfigurableApplicationContext context = start(properties)) {
      assertThat(context.getBeansOfType(MicrometerSequenceListener.class)).isEmpty();
      DSLContext dsl = context.getBean(DSLContext.class);
      dsl.transaction(cfg -> METERED.nextValue(cfg.dsl()));
      assertThat(
              context.getBean(MeterRegistry.class).find(MicrometerSequenceListener.TIMER).meters())
          .isEmpty();
    }
  }

  @Test
  void healthIsDownOnATableNotMigratedOnH2() {
    healthIsDownOnATableNotMigrated(BootTestDatabase.H2);
  }

  @Test
  void healthIsDownOnATableNotMigratedOnPostgres() {
    BootTestDatabase.POSTGRES.requireOrSkip();
    healthIsDownOnATableNotMigrated(BootTestDatabase.POSTGRES);
  }

  @Test
  void healthIsDownOnATableNotMigratedOnMariaDb() {
    BootTestDatabase.MARIADB.requireOrSkip();
    healthIsDownOnATableNotMigrated(BootTestDatabase.MARIADB);
  }

  /** migrate-on-startup=false and a table nobody migrated: DOWN, saying what is missing. */
  @SuppressWarnings("unchecked")
  private static void healthIsDownOnATableNotMigrated(BootTestDatabase database) {
    Map<String, Object> properties = new HashMap<>();
    database.register((name, value) -> properties.put(name, value.get()), "actuator_down");
    properties.put("sequences.migrate-on-startup", "false");
    properties.put("sequences.table", "boot_health_never_migrated");
    try (ConfigurableApplicationContext context = start(properties)) {
      IndicatedHealthDescriptor sequences =
          (IndicatedHealthDescriptor)
              context.getBean(HealthEndpoint.class).healthForPath("sequences");
      Map<String, Object> details = sequences.getDetails();
      assertThat(sequences.getStatus()).as(details.toString()).isEqualTo(Status.DOWN);
      assertThat(details)
          .containsEntry("table", "boot_health_never_migrated")
          .containsEntry("version", "none")
          .containsEntry(
              "missing",
              List.of("boot_health_never_migrated", "boot_health_never_migrated_issued"));
      assertThat((List<String>) details.get("pending")).contains("1", "2");
      assertThat((String) details.get("reason"))
          .startsWith(
              "the counter table boot_health_never_migrated is not at the library's migration"
                  + " version ");
    }
  }

  /** Two DataSource beans, none primary: no migration, a warning at start-up, health DOWN. */
  @Test
  void twoDataSourcesBackOffAndSaySo(CapturedOutput output) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.flyway.enabled", "false");
    // Boot's jOOQ auto-configuration needs a single DataSource too.
    properties.put(
        "spring.autoconfigure.exclude",
        "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration");
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TwoDataSources.class)
            .properties(asProperties(properties))
            .run()) {
      assertThat(context.getBeansOfType(SequencesMigration.class)).isEmpty();
      String why =
          "sequences: 2 DataSource beans [first, second] and none of them primary: the counter"
              + " table was not migrated at start-up and is not checked. Mark the DataSource that"
              + " holds it @Primary, or define a SequencesMigration bean for it";
      assertThat(output.getOut() + output.getErr()).contains("WARN").contains(why);
      IndicatedHealthDescriptor sequences =
          (IndicatedHealthDescriptor)
              context.getBean(HealthEndpoint.class).healthForPath("sequences");
      assertThat(sequences.getStatus()).isEqualTo(Status.DOWN);
      assertThat(sequences.getDetails()).containsEntry("reason", why);
    }
  }

  /** An application with two data sources of its own. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class TwoDataSources {
    @Bean
    DataSource first() {
      return h2DataSource("actuator_first");
    }

    @Bean
    DataSource second() {
      return h2DataSource("actuator_second");
    }

    private static DataSource h2DataSource(String name) {
      JdbcDataSource dataSource = new JdbcDataSource();
      dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
      return dataSource;
    }
  }

  private static Map<String, Object> h2(String name) {
    Map<String, Object> properties = new HashMap<>();
    BootTestDatabase.H2.register((key, value) -> properties.put(key, value.get()), name);
    return properties;
  }

  private static ConfigurableApplicationContext start(Map<String, Object> properties) {
    return new SpringApplicationBuilder(InvoiceApplication.class)
        .properties(asProperties(properties))
        .run();
  }

  private static Properties asProperties(Map<String, Object> map) {
    Properties properties = new Properties();
    map.forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
    return properties;
  }
}
