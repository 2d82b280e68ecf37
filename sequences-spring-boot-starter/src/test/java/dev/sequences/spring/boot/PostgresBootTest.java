package dev.sequences.spring.boot;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter with its default table, on Postgres. */
class PostgresBootTest extends SequencesBootContract {

  @BeforeAll
  static void database() {
    BootTestDatabase.POSTGRES.requireOrSkip();
  }

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    BootTestDatabase.POSTGRES.register(registry, "boot_default");
  }
}
