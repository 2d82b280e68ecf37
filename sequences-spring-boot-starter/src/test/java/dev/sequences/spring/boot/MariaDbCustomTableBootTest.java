package dev.sequences.spring.boot;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The starter with {@code sequences.table} set, on MariaDB. */
@TestPropertySource(properties = "sequences.table=custom_counters")
class MariaDbCustomTableBootTest extends SequencesBootContract {

  @BeforeAll
  static void database() {
    BootTestDatabase.MARIADB.requireOrSkip();
  }

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    BootTestDatabase.MARIADB.register(registry, "unused");
  }
}
