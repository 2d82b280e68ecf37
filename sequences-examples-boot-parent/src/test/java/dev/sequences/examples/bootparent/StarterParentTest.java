package dev.sequences.examples.bootparent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sequences.spring.boot.SequencesMigration;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application that inherits spring-boot-starter-parent and sets jooq.version and
 * flyway.version: the build resolved the versions the starter was built with, and the application
 * starts and issues a number.
 */
class StarterParentTest {

  @SpringBootApplication
  static class Application {}

  @Test
  void propertiesOverrideBootsVersionsAndTheApplicationStarts() throws Exception {
    Properties expected = new Properties();
    try (InputStream built = SequencesMigration.class.getResourceAsStream("versions.properties");
        InputStream flyway =
            ClassLoader.getSystemResourceAsStream("org/flywaydb/core/internal/version.txt")) {
      expected.load(built);
      assertEquals(expected.getProperty("jooq.version"), org.jooq.Constants.VERSION);
      assertEquals(
          expected.getProperty("flyway.version"),
          new String(flyway.readAllBytes(), StandardCharsets.UTF_8).strip());
    }
    try (ConfigurableApplicationContext context =
        SpringApplication.run(
            Application.class,
            "--spring.datasource.url=jdbc:h2:mem:boot-parent;DB_CLOSE_DELAY=-1",
            "--spring.main.banner-mode=off")) {
      DSLContext dsl = context.getBean(DSLContext.class);
      long first =
          dsl.transactionResult(
              cfg -> dev.sequences.jooq.GaplessSequence.named("parent").nextValue(cfg.dsl()));
      assertEquals(1, first);
    }
  }
}
