package dev.sequences.spring.boot;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The library's exceptions and metrics on Boot's DSLContext, on H2. */
class H2BootErrorsTest extends BootErrorsContract {

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    BootTestDatabase.H2.register(registry, "boot_errors");
  }
}
