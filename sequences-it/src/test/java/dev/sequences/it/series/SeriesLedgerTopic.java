package dev.sequences.it.series;

import static dev.sequences.it.contract.ContractFixture.INVOICE_TABLE;
import static dev.sequences.it.contract.ContractFixture.LAST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.jooq.CounterTableMissingException;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import dev.sequences.series.ChronologyException;
import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesPeriod;
import dev.sequences.series.SeriesReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Number series, the ledger and its table: a missing ledger, the render mapping, taking over an
 * application's numbering, render settings and dialects, auto-commit, the README's example. A topic
 * of {@link SeriesContract}.
 */
interface SeriesLedgerTopic extends SeriesTopic {

  // ---- schema, mapping, taking over, configurations --------------------------------------------

  @Test
  default void aMissingLedgerTellsToMigrate() {
    try {
      admin().dropTable(ledger()).execute();
      CounterTableMissingException e =
          assertThrows(CounterTableMissingException.class, () -> issue(INVOICES, "acme", MARCH_14));
      assertEquals(admin().render(ledger()), e.table());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "table "
                      + admin().render(ledger())
                      + ", needed by sequence 'series:invoices/acme/2026', is missing: create it"
                      + " with SequencesSchema.migrate(dataSource)"),
          e.getMessage());
      assertEquals(OptionalLong.empty(), counterOf("series:invoices/acme/2026"));
    } finally {
      dropSchema();
      migrateAndGrant();
    }
  }

  /**
   * A render mapping of tables to other names (a pattern, as applications map a prefix) moves the
   * counter table, and the ledger follows it, named after the mapped counter table and not mapped a
   * second time; in another schema too, where the database has schemas of its own.
   */
  @Test
  default void theLedgerFollowsTheCounterTableThroughTheRenderMapping() {
    String table = "series_it_sequences_sequence";
    MappedSchema everyTable =
        new MappedSchema()
            .withInput("")
            .withTables(
                new MappedTable()
                    .withInputExpression(Pattern.compile("(.*sequence.*)"))
                    .withOutput("series_it_$1"));
    List<String[]> places = new ArrayList<>();
    places.add(new String[] {null, table});
    if (db().server().product().hasSchemas() && !db().server().product().schemaIsCatalog()) {
      places.add(new String[] {"series_it", table});
    }
    for (String[] place : places) {
      String schema = place[0];
      Table<?> mappedCounters =
          schema == null ? DSL.table(DSL.name(table)) : DSL.table(DSL.name(schema, table));
      Table<?> mappedLedger =
          schema == null
              ? DSL.table(DSL.name(table + "_issued"))
              : DSL.table(DSL.name(schema, table + "_issued"));
      DSLContext plain = DSL.using(db().server().dataSource(), db().dialect());
      try {
        SequencesSchema.migrate(db().server().dataSource(), schema, table);
        DSLContext mapped =
            DSL.using(
                db().server().dataSource(),
                db().dialect(),
                db().applicationSettings()
                    .withRenderMapping(
                        new RenderMapping().withSchemata(everyTable.withOutput(schema))));
        IssuedNumber number =
            mapped.transactionResult(cfg -> INVOICES.issue(cfg.dsl(), "mapped", MARCH_14));
        assertEquals(1, number.value());
        assertEquals(
            List.of(1L),
            plain.select(LAST).from(mappedCounters).fetch(LAST),
            place[0] + "." + table);
        assertEquals(List.of(1L), plain.select(NUMBER).from(mappedLedger).fetch(NUMBER));
        assertEquals(0, admin().fetchCount(ledger()), "nothing in the default ledger");
        assertTrue(INVOICES.verify(mapped, "mapped", "2026").clean());
      } finally {
        plain.dropTableIfExists(mappedLedger).execute();
        plain.dropTableIfExists(mappedCounters).execute();
        plain
            .dropTableIfExists(
                schema == null
                    ? DSL.name(SequencesSchema.historyTable(table))
                    : DSL.name(schema, SequencesSchema.historyTable(table)))
            .execute();
      }
    }
  }

  @Test
  default void continueAfterTakesOverAnApplicationsNumberingOnce() {
    for (long n = 1; n <= 41; n++) {
      admin()
          .execute(
              "insert into "
                  + INVOICE_TABLE
                  + " (sequence_name, number) values ('acme-2026', "
                  + n
                  + ")");
    }
    var highest =
        DSL.select(DSL.max(DSL.field("number", Long.class)))
            .from(DSL.table(INVOICE_TABLE))
            .where(DSL.field("sequence_name", String.class).eq("acme-2026"));
    assertEquals(
        41, (long) inTransaction(ctx -> INVOICES.continueAfter(ctx, "acme", MARCH_14, highest)));
    assertEquals("INV-2026-000042", issue(INVOICES, "acme", MARCH_14).text());
    assertEquals(Optional.empty(), INVOICES.find(dsl(), "acme", "2026", 41), "taken over");
    assertEquals("INV-2026-000042", INVOICES.find(dsl(), "acme", "2026", 42).orElseThrow().text());
    admin()
        .execute(
            "insert into " + INVOICE_TABLE + " (sequence_name, number) values ('acme-2026', 100)");
    assertEquals(
        42,
        (long) inTransaction(ctx -> INVOICES.continueAfter(ctx, "acme", MARCH_14, highest)),
        "decided once");
    assertThrows(ChronologyException.class, () -> issue(INVOICES, "acme", MARCH_14.minusDays(1)));
    SeriesReport report = INVOICES.verify(dsl(), "acme", "2026");
    assertTrue(report.clean(), report.toString());
    assertEquals(OptionalLong.of(41), report.startedAfter());
    assertEquals(OptionalLong.of(42), report.firstNumber());

    // Nothing used before: the counter starts at the first number, and says so once.
    var none =
        DSL.select(DSL.max(DSL.field("number", Long.class)))
            .from(DSL.table(INVOICE_TABLE))
            .where(DSL.field("sequence_name", String.class).eq("globex-2026"));
    assertEquals(
        0, (long) inTransaction(ctx -> INVOICES.continueAfter(ctx, "globex", MARCH_14, none)));
    assertEquals(1, issue(INVOICES, "globex", MARCH_14).value());
    assertTrue(INVOICES.verify(dsl(), "globex", "2026").clean());
  }

  /**
   * The series under hostile render settings (every name quoted upper case, no schema, inlined
   * values), and on MariaDB under the MYSQL dialect too: the variants that run the rest of the
   * contract that way skip this class, so one test here covers issue, void and verify.
   */
  @Test
  default void otherRenderSettingsAndTheMySqlDialectOnMariaDb() {
    List<DSLContext> contexts = new ArrayList<>();
    contexts.add(
        DSL.using(
            applicationDataSource(),
            db().dialect(),
            settings()
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withRenderNameCase(RenderNameCase.UPPER)
                .withRenderSchema(false)
                .withStatementType(StatementType.STATIC_STATEMENT)));
    if (db().dialect().family() == SQLDialect.MARIADB) {
      contexts.add(DSL.using(applicationDataSource(), SQLDialect.MYSQL, settings()));
    }
    NumberSeries series = INVOICES.chained();
    for (DSLContext ctx : contexts) {
      String scope = "settings-" + contexts.indexOf(ctx);
      assertEquals(
          "INV-2026-000001",
          ctx.transactionResult(cfg -> series.issue(cfg.dsl(), scope, MARCH_14)).text());
      IssuedNumber second = ctx.transactionResult(cfg -> series.issue(cfg.dsl(), scope, MARCH_14));
      assertThrows(
          ChronologyException.class,
          () -> ctx.transaction(cfg -> series.issue(cfg.dsl(), scope, MARCH_14.minusDays(1))));
      assertTrue(
          ctx.transactionResult(cfg -> series.voidNumber(cfg.dsl(), second, "settings")).voided());
      SeriesReport report = series.verify(ctx, scope, "2026");
      assertTrue(report.clean(), report.toString());
      assertEquals(3, report.records(), ctx.dialect() + ": " + report);
    }
  }

  @Test
  default void autoCommitIsRefusedBeforeAnySql() {
    DSLContext autoCommit = DSL.using(db().server().dataSource(), db().dialect());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> INVOICES.issue(autoCommit, "acme", MARCH_14));
    assertTrue(
        e.getMessage()
            .startsWith(
                "sequence 'series:invoices/acme/2026': the connection is in auto-commit mode"),
        e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () ->
            INVOICES.voidNumber(
                autoCommit,
                new IssuedNumber("invoices", "acme", "2026", 1, null, null, false),
                "x"));
    assertEquals(0, admin().fetchCount(ledger()));
    assertEquals(0, admin().fetchCount(counters()));
    // verify only reads: any connection will do.
    assertEquals(
        List.of(
            "no counter: series 'invoices' has no counter at all (nothing was ever issued in it;"
                + " is the name right?)"),
        INVOICES.verify(autoCommit, "acme", "2026").findings());
    assertThrows(
        IllegalArgumentException.class,
        () -> GaplessSequence.named(INVOICES.counterName("acme", MARCH_14)));
  }

  /**
   * The README's example, run: a yearly, per-company invoice series, chained, with a voided number;
   * prints verify's report (the README shows one run's output).
   */
  @Test
  default void theReadmeExample() {
    NumberSeries invoices =
        NumberSeries.named("invoices")
            .formatted("INV-{yyyy}-{n:6}")
            .resettingEvery(SeriesPeriod.YEAR)
            .chained();
    IssuedNumber first =
        dsl()
            .transactionResult(cfg -> invoices.issue(cfg.dsl(), "acme", LocalDate.of(2026, 3, 14)));
    dsl().transactionResult(cfg -> invoices.issue(cfg.dsl(), "acme", LocalDate.of(2026, 3, 14)));
    dsl().transactionResult(cfg -> invoices.issue(cfg.dsl(), "acme", LocalDate.of(2026, 3, 16)));
    dsl().transactionResult(cfg -> invoices.issue(cfg.dsl(), "globex", LocalDate.of(2026, 3, 15)));
    IssuedNumber second = invoices.find(dsl(), "acme", "2026", 2).orElseThrow();
    dsl()
        .transactionResult(
            cfg -> invoices.voidNumber(cfg.dsl(), second, "order cancelled before shipping"));
    SeriesReport report = invoices.verify(dsl(), "acme", "2026");
    System.out.println("README example on " + db() + ":\n" + first + "\n" + report);
    assertTrue(report.clean());
    assertEquals("INV-2026-000001", first.text());
  }
}
