package dev.sequences.examples.bootbom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.spring.boot.SequencesMigration;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.flywaydb.core.api.MigrationVersion;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application that imports sequences-dependencies before Spring Boot's BOM resolves the jOOQ
 * and Flyway versions the library is built with (not Boot's 3.19 and 11), and starts.
 */
@SpringBootTest(
    classes = BomImportTest.Application.class,
    properties = "spring.datasource.url=jdbc:h2:mem:boot-bom;DB_CLOSE_DELAY=-1")
class BomImportTest {

  @SpringBootApplication
  static class Application {}

  @Autowired DSLContext dsl;
  @Autowired SequencesMigration migration;

  @Test
  void buildResolvedTheLibrarysJooqAndFlyway() throws IOException {
    Properties built = new Properties();
    try (InputStream in = SequencesMigration.class.getResourceAsStream("versions.properties")) {
      built.load(in);
    }
    assertThat(org.jooq.Constants.VERSION).isEqualTo(built.getProperty("jooq.version"));
    assertThat(MigrationVersion.fromVersion(flywayVersion()))
        .isEqualTo(MigrationVersion.fromVersion(built.getProperty("flyway.version")));
  }

  @Test
  void theStarterMigratedAndNumbers() {
    assertThat(migration.applied()).isPositive();
    GaplessSequence invoices = GaplessSequence.named("bom-invoices");
    assertThat((long) dsl.transactionResult(cfg -> invoices.nextValue(cfg.dsl()))).isEqualTo(1);
  }

  private static String flywayVersion() throws IOException {
    try (InputStream in =
        org.flywaydb.core.Flyway.class
            .getClassLoader()
            .getResourceAsStream("org/flywaydb/core/internal/version.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    }
  }
}
