package dev.sequences.spring.boot;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The library's exceptions and metrics on Boot's DSLContext, on MariaDB (through MySQL Connector/J,
 * as the suite runs it).
 */
class MariaDbBootErrorsTest extends BootErrorsContract {

  @BeforeAll
  static void database() {
    BootTestDatabase.MARIADB.requireOrSkip();
  }

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    BootTestDatabase.MARIADB.register(registry, "unused");
  }
}
