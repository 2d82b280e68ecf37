package dev.sequences.spring.boot;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The starter with {@code sequences.table} set, on PostgreSQL. */
@TestPropertySource(properties = "sequences.table=custom_counters")
class PostgresCustomTableBootTest extends SequencesBootContract {

  @BeforeAll
  static void database() {
    BootTestDatabase.POSTGRES.requireOrSkip();
  }

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    BootTestDatabase.POSTGRES.register(registry, "unused");
  }
}
