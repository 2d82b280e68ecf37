package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.jooq.CounterTableMissingException;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SequenceCounters;
import dev.sequences.schema.SequencesSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema: a missing table says to migrate; migrations are idempotent, adopt django-sequences'
 * table and keep one history per counter table.
 */
abstract class SchemaContract extends ContractFixture {

  SchemaContract(DatabaseDescription db) {
    super(db);
  }

  @Test
  void missingTableTellsToMigrate() {
    try {
      dropSchema();
      Map<Function<DSLContext, Object>, String> calls = new LinkedHashMap<>();
      calls.put(ctx -> GaplessSequence.named("x").nextValue(ctx), "sequence 'x'");
      calls.put(ctx -> GaplessSequence.named("x").lastValue(ctx), "sequence 'x'");
      calls.put(ctx -> GaplessSequence.named("x").delete(ctx), "sequence 'x'");
      calls.put(ctx -> SequenceCounters.set(ctx, "x", 5, false), "sequence 'x'");
      calls.put(ctx -> SequenceCounters.list(ctx, null), "the list of sequences");
      calls.forEach(
          (call, neededBy) -> {
            CounterTableMissingException e =
                assertThrows(CounterTableMissingException.class, () -> inTransaction(call));
            assertEquals(admin.render(counters), e.table());
            assertTrue(
                e.getMessage()
                    .startsWith(
                        "table "
                            + admin.render(counters)
                            + ", needed by "
                            + neededBy
                            + ", is missing: create it with SequencesSchema.migrate(dataSource)"),
                e.getMessage());
          });
    } finally {
      migrateAndGrant();
    }
  }

  @Test
  void migrationIsIdempotentAndAdoptsADjangoSequencesTable() {
    Assumptions.assumeTrue(
        db.counterTable().equals(SequencesSchema.DEFAULT_TABLE),
        "django-sequences' table is always sequences_sequence");
    DataSource dataSource = db.server().dataSource();
    try {
      dropSchema();
      admin.execute(db.djangoSequencesTable());
      insertRow("invoices", 41);
      insertRow("credit-notes", 7);

      assertEquals(db.migrations(), SequencesSchema.migrate(dataSource));
      assertEquals(0, SequencesSchema.migrate(dataSource));
      grantApplicationRights(List.of("sequences_sequence", "sequences_sequence_issued"));

      assertEquals(OptionalLong.of(7), GaplessSequence.named("credit-notes").lastValue(dsl));
      assertEquals(42, next(GaplessSequence.named("invoices")));
      assertEquals(1, next(GaplessSequence.named("Invoices")), "names compare exactly");
      insertRowReplacing("invoices", 3_000_000_000L);
      assertEquals(3_000_000_001L, next(GaplessSequence.named("invoices")), "64-bit counter");
    } finally {
      // Leave the table as the migration creates it on an empty database, for the other tests.
      dropSchema();
      migrateAndGrant();
    }
  }

  /**
   * Several counter tables in one schema each get their own history, migrate and report it; a table
   * migrated by 0.1.0 (history in the shared {@code sequences_schema_history}) is adopted with its
   * rows; a history whose table is missing no longer hides the table.
   */
  @Test
  void severalCounterTablesInOneSchemaEachMigrate() {
    Assumptions.assumeTrue(
        db.counterSchema() == null && db.counterTable().equals(SequencesSchema.DEFAULT_TABLE),
        "the tables are made beside the default one");
    DataSource dataSource = db.server().dataSource();
    List<String> tables = List.of("sequences_it_a", "sequences_it_b");
    Runnable dropAll =
        () -> {
          for (String table : tables) {
            admin.dropTableIfExists(DSL.name(SequencesSchema.ledgerTable(table))).execute();
            admin.dropTableIfExists(DSL.name(table)).execute();
            admin.dropTableIfExists(DSL.name(SequencesSchema.historyTable(table))).execute();
          }
        };
    dropAll.run();
    try {
      for (String table : tables) {
        assertEquals(db.migrations(), SequencesSchema.migrate(dataSource, null, table), table);
      }
      for (String table : tables) {
        assertEquals(0, SequencesSchema.migrate(dataSource, null, table), table);
      }
      assertEquals(
          "sequences_schema_history_sequences_it_a",
          SequencesSchema.historyTable("sequences_it_a"));
      assertEquals(0, SequencesSchema.migrate(dataSource), "the default table is current");

      // A table dropped by hand while its history stayed: migrated afresh, not skipped.
      admin.dropTable(DSL.name("sequences_it_b")).execute();
      assertEquals(db.migrations(), SequencesSchema.migrate(dataSource, null, "sequences_it_b"));
      admin.insertInto(DSL.table(DSL.name("sequences_it_b")), NAME, LAST).values("b", 7L).execute();

      // 0.1.0's layout: table a with its history in the shared history table of another schema's
      // default table; here a schema of its own is not at hand, so a history table of that name.
      admin.dropTable(DSL.name(SequencesSchema.historyTable("sequences_it_a"))).execute();
      admin
          .insertInto(DSL.table(DSL.name("sequences_it_a")), NAME, LAST)
          .values("a", 41L)
          .execute();
      assertEquals(db.migrations(), SequencesSchema.migrate(dataSource, null, "sequences_it_a"));
      assertEquals(
          List.of(41L), admin.select(LAST).from(DSL.table(DSL.name("sequences_it_a"))).fetch(LAST));
      assertEquals(
          List.of(7L), admin.select(LAST).from(DSL.table(DSL.name("sequences_it_b"))).fetch(LAST));
    } finally {
      dropAll.run();
    }
  }

  /**
   * On a pool on which Flyway's own migrate works (two connections on PostgreSQL, where Flyway
   * holds two; one where it holds one), {@code SequencesSchema.migrate} works too: the migration
   * lock shares its connection with Flyway instead of taking one more.
   */
  @ParameterizedTest(name = "pool of {0}")
  @ValueSource(ints = {1, 2})
  void migrateWorksOnAnyPoolFlywayAloneWorksOn(int connections) {
    Assumptions.assumeTrue(
        db.counterSchema() == null && db.counterTable().equals(SequencesSchema.DEFAULT_TABLE),
        "the tables are made beside the default one");
    List<String> tables = List.of("sequences_it_flyway", "sequences_it_pool");
    Runnable dropAll =
        () -> {
          for (String table : tables) {
            admin.dropTableIfExists(DSL.name(SequencesSchema.ledgerTable(table))).execute();
            admin.dropTableIfExists(DSL.name(table)).execute();
            admin.dropTableIfExists(DSL.name(SequencesSchema.historyTable(table))).execute();
          }
        };
    dropAll.run();
    HikariConfig config = new HikariConfig();
    config.setDataSource(db.server().dataSource());
    config.setMaximumPoolSize(connections);
    config.setConnectionTimeout(2_000);
    config.setPoolName("sequences-it-pool-of-" + connections + "-" + db);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      boolean flywayAlone;
      try {
        SequencesSchema.configure(pool, null, tables.get(0)).load().migrate();
        flywayAlone = true;
      } catch (FlywayException e) {
        flywayAlone = false;
      }
      Assumptions.assumeTrue(
          flywayAlone, "Flyway's own migrate needs more than " + connections + " on " + db);
      assertEquals(db.migrations(), SequencesSchema.migrate(pool, null, tables.get(1)));
      assertEquals(0, SequencesSchema.migrate(pool, null, tables.get(1)));
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
    } finally {
      dropAll.run();
    }
  }
}
