package dev.sequences.spring.boot;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The starter with {@code sequences.schema} and {@code sequences.table} set, on PostgreSQL: the
 * schema is created by the migration, and Boot's {@code DSLContext} renders the counter table in
 * it.
 */
@TestPropertySource(
    properties = {"sequences.schema=boot_billing", "sequences.table=invoice_counters"})
class PostgresCustomSchemaBootTest extends SequencesBootContract {

  @BeforeAll
  static void database() {
    BootTestDatabase.POSTGRES.requireOrSkip();
  }

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    BootTestDatabase.POSTGRES.register(registry, "unused");
  }
}
