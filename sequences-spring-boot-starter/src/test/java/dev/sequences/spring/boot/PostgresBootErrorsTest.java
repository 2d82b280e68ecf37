package dev.sequences.spring.boot;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The library's exceptions and metrics on Boot's DSLContext, on PostgreSQL. */
class PostgresBootErrorsTest extends BootErrorsContract {

  @BeforeAll
  static void database() {
    BootTestDatabase.POSTGRES.requireOrSkip();
  }

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    BootTestDatabase.POSTGRES.register(registry, "unused");
  }
}
