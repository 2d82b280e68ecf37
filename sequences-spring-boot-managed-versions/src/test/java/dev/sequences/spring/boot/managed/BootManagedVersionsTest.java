package dev.sequences.spring.boot.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequences.spring.boot.IncompatibleVersionsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An application on Spring Boot's managed jOOQ (3.19) and Flyway (11), the versions it gets when
 * its build overrides neither: the start fails before any bean is created, and Boot's failure
 * report names the {@code jooq.version} and {@code flyway.version} to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootManagedVersionsTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}

  @Test
  void theClassPathHasBootsManagedVersions() throws IOException {
    assertThat(org.jooq.Constants.VERSION).startsWith("3.19.");
    try (InputStream version =
        Flyway.class
            .getClassLoader()
            .getResourceAsStream("org/flywaydb/core/internal/version.txt")) {
      assertThat(new String(version.readAllBytes(), StandardCharsets.UTF_8)).startsWith("11.");
    }
  }

  @Test
  void startFailsWithTheVersionsToSet(CapturedOutput output) {
    assertThatThrownBy(
            () ->
                SpringApplication.run(
                    Application.class,
                    "--spring.datasource.url=jdbc:h2:mem:managed;DB_CLOSE_DELAY=-1",
                    "--spring.main.banner-mode=off"))
        .isInstanceOf(IncompatibleVersionsException.class);
    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains("but the class path has jOOQ 3.19.39 and Flyway 11.14.1.")
        .contains("    <jooq.version>3.21.9</jooq.version>")
        .contains("    <flyway.version>13.12.0</flyway.version>");
  }
}
