package dev.sequences.spring.boot;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The starter with its default table, on H2. */
class H2BootTest extends SequencesBootContract {

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    BootTestDatabase.H2.register(registry, "boot_default");
  }
}
