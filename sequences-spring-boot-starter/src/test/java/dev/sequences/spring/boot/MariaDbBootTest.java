package dev.sequences.spring.boot;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter with its default table, on MariaDB. */
class MariaDbBootTest extends SequencesBootContract {

  @BeforeAll
  static void database() {
    BootTestDatabase.MARIADB.requireOrSkip();
  }

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    BootTestDatabase.MARIADB.register(registry, "boot_default");
  }
}
