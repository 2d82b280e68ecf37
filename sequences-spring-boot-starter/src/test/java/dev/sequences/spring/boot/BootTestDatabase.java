package dev.sequences.spring.boot;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The databases of the Spring Boot tests, from the variables sequences-it reads: {@code
 * SEQUENCES_TEST_<KEY>_URL}, {@code _USER} and {@code _PASSWORD}. A server that is not configured
 * skips its tests, unless {@code SEQUENCES_TEST_REQUIRED} lists its key: then they fail. H2 runs in
 * memory, always.
 */
enum BootTestDatabase {
  POSTGRES,
  MARIADB,
  H2;

  /** Skips the calling test class, or fails it if required, when this server is not configured. */
  void requireOrSkip() {
    if (this == H2 || !env("URL").isBlank()) {
      return;
    }
    String howToEnable =
        "set SEQUENCES_TEST_"
            + name()
            + "_URL (and _USER, _PASSWORD) to run the "
            + this
            + " tests";
    if (required().contains(name().toLowerCase(Locale.ROOT))) {
      Assertions.fail(
          "SEQUENCES_TEST_REQUIRED lists "
              + name().toLowerCase(Locale.ROOT)
              + ", but no server is configured: "
              + howToEnable);
    }
    Assumptions.abort("skipped: " + howToEnable);
  }

  /** Boot's {@code spring.datasource.*} for this database; {@code h2Name} names H2's database. */
  void register(DynamicPropertyRegistry registry, String h2Name) {
    if (this == H2) {
      registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + h2Name + ";DB_CLOSE_DELAY=-1");
      return;
    }
    registry.add("spring.datasource.url", () -> env("URL"));
    registry.add("spring.datasource.username", () -> env("USER"));
    registry.add("spring.datasource.password", () -> env("PASSWORD"));
    // The shared test database may hold other tests' tables: the application's own Flyway adopts
    // it below its V1 (H2's fresh database shows that the counter table comes after Flyway).
    registry.add("spring.flyway.baseline-on-migrate", () -> "true");
    registry.add("spring.flyway.baseline-version", () -> "0");
  }

  private String env(String suffix) {
    String value = System.getenv("SEQUENCES_TEST_" + name() + "_" + suffix);
    return value == null ? "" : value;
  }

  private static Set<String> required() {
    String value = System.getenv("SEQUENCES_TEST_REQUIRED");
    return Arrays.stream((value == null ? "" : value).split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }
}
