package dev.sequences.spring.boot;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The starter with {@code sequences.table} set, on H2. */
@TestPropertySource(properties = "sequences.table=custom_counters")
class H2CustomTableBootTest extends SequencesBootContract {

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    BootTestDatabase.H2.register(registry, "boot_custom");
  }
}
