package dev.sequences.it.series;

import static dev.sequences.it.series.SeriesContract.COUNTER;
import static dev.sequences.it.series.SeriesContract.ENTRY;
import static dev.sequences.it.series.SeriesContract.HASH;
import static dev.sequences.it.series.SeriesContract.INVOICES;
import static dev.sequences.it.series.SeriesContract.KIND;
import static dev.sequences.it.series.SeriesContract.MARCH_14;
import static dev.sequences.it.series.SeriesContract.NUMBER;
import static dev.sequences.it.series.SeriesContract.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.contract.ContractFixture;
import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.HeldTransaction;
import dev.sequences.it.fixtures.Isolation;
import dev.sequences.it.fixtures.StatementCounter;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesPeriod;
import dev.sequences.series.SeriesReport;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Number series keep what the README promises where a first version did not: texts that tell the
 * periods apart, a verification that sees deleted voids and removed hashes and does not pass on a
 * counter that does not exist, and concurrent voids at REPEATABLE READ. On base descriptions only,
 * as {@link SeriesContract}.
 */
@Tag("series")
public abstract class SeriesPromiseContract extends ContractFixture {

  static final NumberSeries FISCAL =
      NumberSeries.named("fiscal")
          .formatted("INV-{yyyy}-{n:4}")
          .resettingEvery(SeriesPeriod.fiscalYearStarting(MonthDay.of(4, 1)));

  static final NumberSeries MONTHLY =
      NumberSeries.named("orders").formatted("ORD-{yyyy}-{n:4}").resettingEvery(SeriesPeriod.MONTH);

  protected SeriesPromiseContract(DatabaseDescription db) {
    super(db);
  }

  /** Skips a variant before anything is migrated: the series run on base descriptions only. */
  @Override
  @BeforeAll
  protected void migrate() {
    Assumptions.assumeTrue(
        db.base(), "number series run once per database, on its base description, not " + db);
    super.migrate();
  }

  IssuedNumber issue(NumberSeries series, String scope, LocalDate date) {
    return inTransaction(ctx -> series.issue(ctx, scope, date));
  }

  /** The ledger's records of {@code counter}, in order: kind, number, text. */
  List<String> ledgerOf(String counter) {
    return admin
        .select(KIND, NUMBER, TEXT)
        .from(ledger)
        .where(COUNTER.eq(counter))
        .orderBy(ENTRY)
        .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3());
  }

  // ---- texts that tell the periods apart ------------------------------------------------------

  @Test
  void aPatternThatCannotTellItsPeriodsApartIsRefusedAtItsFirstUseBeforeAnySql() {
    StatementCounter statements = new StatementCounter();
    IllegalStateException fiscal =
        assertThrows(
            IllegalStateException.class,
            () ->
                inTransaction(
                    ctx ->
                        FISCAL.issue(counted(ctx, statements), "acme", LocalDate.of(2026, 1, 10))));
    assertEquals(
        "series 'fiscal': pattern 'INV-{yyyy}-{n:4}' prints the same texts in two periods of"
            + " SeriesPeriod.fiscalYearStarting(--04-01): add {period} or {MM} to tell them apart,"
            + " or call allowingRepeatedTexts() if that is what you want; nothing was issued",
        fiscal.getMessage());
    IllegalStateException monthly =
        assertThrows(
            IllegalStateException.class,
            () ->
                inTransaction(
                    ctx ->
                        MONTHLY.continueAfter(
                            counted(ctx, statements), "acme", MARCH_14, DSL.select(DSL.val(41L)))));
    assertEquals(
        "series 'orders': pattern 'ORD-{yyyy}-{n:4}' prints the same texts in two periods of"
            + " SeriesPeriod.MONTH: add {period} or {MM} to tell them apart, or call"
            + " allowingRepeatedTexts() if that is what you want; nothing was issued",
        monthly.getMessage());
    IllegalStateException plain =
        assertThrows(
            IllegalStateException.class,
            () ->
                issue(NumberSeries.named("plain").resettingEvery(SeriesPeriod.DAY), "", MARCH_14));
    assertTrue(
        plain.getMessage().contains(": add {period} or {yyyy}, {MM} and {dd} to tell them apart"),
        plain.getMessage());
    assertEquals(0, statements.count());
    assertEquals(0, admin.fetchCount(counters));
    assertEquals(0, admin.fetchCount(ledger));

    // Built through the default pattern, refused only if used so; the opt-in prints texts twice.
    NumberSeries built =
        NumberSeries.named("built").resettingEvery(SeriesPeriod.MONTH).formatted("{yy}{MM}-{n}");
    assertEquals("2603-1", issue(built, "", MARCH_14).text());
    NumberSeries repeating = FISCAL.allowingRepeatedTexts();
    assertEquals("INV-2026-0001", issue(repeating, "acme", LocalDate.of(2026, 1, 10)).text());
    assertEquals("INV-2026-0001", issue(repeating, "acme", LocalDate.of(2026, 4, 1)).text());
  }

  @Test
  void verifyReportsATextThatAnotherPeriodOfTheScopePrinted() {
    NumberSeries repeating = FISCAL.allowingRepeatedTexts();
    issue(repeating, "acme", LocalDate.of(2026, 1, 10));
    issue(repeating, "acme", LocalDate.of(2026, 4, 1));
    issue(repeating, "acme", LocalDate.of(2026, 4, 2));
    issue(repeating, "globex", LocalDate.of(2026, 1, 10));
    assertEquals(
        List.of(
            "number 1: its text INV-2026-0001 is also that of number 1 in period 'FY2026' of this"
                + " scope"),
        repeating.verify(dsl, "acme", "FY2025").findings());
    assertEquals(
        List.of(
            "number 1: its text INV-2026-0001 is also that of number 1 in period 'FY2025' of this"
                + " scope"),
        repeating.verify(dsl, "acme", "FY2026").findings());
    SeriesReport otherScope = repeating.verify(dsl, "globex", "FY2025");
    assertTrue(otherScope.clean(), otherScope.toString());
  }

  // ---- tampering that verify missed -----------------------------------------------------------

  @Test
  void theNewestRecordDeletedWhenItIsAVoidIsAFinding() {
    String counter = INVOICES.counterName("acme", MARCH_14);
    for (int i = 0; i < 3; i++) {
      issue(INVOICES, "acme", MARCH_14);
    }
    inTransaction(
        ctx ->
            INVOICES.voidNumber(
                ctx, new IssuedNumber("invoices", "acme", "2026", 2, null, null, false), "typo"));
    assertTrue(INVOICES.verify(dsl, "acme", "2026").clean());
    admin.deleteFrom(ledger).where(COUNTER.eq(counter)).and(ENTRY.eq(4L)).execute();
    SeriesReport report = INVOICES.verify(dsl, "acme", "2026");
    assertEquals(
        List.of(
            "the void counter is at 1, beyond the ledger's 0 void records: 1 void has no record"
                + " (the newest records deleted?)"),
        report.findings());
    assertFalse(report.clean());
  }

  @Test
  void aChainedSeriesIsVerifiedAsChainedWhateverTheLedgerHolds() {
    NumberSeries chained = INVOICES.chained();
    String counter = chained.counterName("acme", MARCH_14);
    for (int i = 0; i < 3; i++) {
      issue(chained, "acme", MARCH_14);
    }
    admin
        .update(ledger)
        .setNull(HASH)
        .setNull(DSL.field(DSL.name("previous_hash"), String.class))
        .where(COUNTER.eq(counter))
        .execute();
    admin
        .update(ledger)
        .set(TEXT, "INV-2026-000009")
        .where(COUNTER.eq(counter))
        .and(ENTRY.eq(2L))
        .execute();
    List<String> findings =
        List.of(
            "chain broken at entry 1 (number 1): it has no hash, though the series is chained"
                + " (hashes removed?)");
    SeriesReport report = chained.verify(dsl, "acme", "2026");
    assertEquals(findings, report.findings());
    assertTrue(report.chained());
    assertEquals(1, report.firstBrokenLink().orElseThrow().entry());
    // A new chain after the unhashed records does not hide them.
    issue(chained, "acme", MARCH_14);
    assertEquals(findings, chained.verify(dsl, "acme", "2026").findings());
  }

  // ---- a counter that does not exist ----------------------------------------------------------

  @Test
  void verifyOfACounterThatDoesNotExistIsAFindingThatNamesTheNearest() {
    issue(INVOICES, "acme", LocalDate.of(2025, 6, 1));
    issue(INVOICES, "acme", MARCH_14);
    issue(INVOICES, "globex", MARCH_14);
    SeriesReport scope = INVOICES.verify(dsl, "ACME", "2026");
    assertEquals(
        List.of(
            "no counter: series 'invoices' has no scope 'ACME' (nothing was issued there); the"
                + " nearest scopes: 'acme', 'globex'"),
        scope.findings());
    assertEquals(OptionalLong.empty(), scope.counterLast());
    assertEquals(
        List.of(
            "no counter: scope 'acme' of series 'invoices' has no period '2062' (nothing was"
                + " issued there); the nearest periods: '2026', '2025'"),
        INVOICES.verify(dsl, "acme", "2062").findings());
    assertEquals(
        List.of(
            "no counter: series 'invoice' has no counter at all (nothing was ever issued in it; is"
                + " the name right?)"),
        NumberSeries.named("invoice").verify(dsl, "acme", "2026").findings());
  }

  // ---- concurrent voids at REPEATABLE READ ----------------------------------------------------

  /**
   * T1 voids number 2 and holds the counter; T2, whose snapshot is older, voids number 2 too or
   * issues, and waits. When T1 commits, T2 is told to run again (40001) where the database keeps
   * its snapshot for what it writes (PostgreSQL), else it sees T1's void: "already voided", or the
   * next number. Never a duplicate key.
   */
  @ParameterizedTest(name = "T2 voids: {0}")
  @ValueSource(booleans = {true, false})
  void aVoidConcurrentWithAVoidOrAnIssueAtRepeatableRead(boolean voids) throws Exception {
    Assumptions.assumeTrue(
        db.isolations().contains(Isolation.REPEATABLE_READ), "no REPEATABLE READ on " + db);
    String counter = INVOICES.counterName("acme", MARCH_14);
    for (int i = 0; i < 3; i++) {
      issue(INVOICES, "acme", MARCH_14);
    }
    IssuedNumber two = new IssuedNumber("invoices", "acme", "2026", 2, null, null, false);
    HeldTransaction t1 =
        HeldTransaction.start(
            dsl,
            ctx -> {
              Isolation.REPEATABLE_READ.set(ctx);
              return INVOICES.voidNumber(ctx, two, "first").value();
            });
    Future<String> t2 =
        Threads.POOL.submit(
            () ->
                inTransaction(
                    ctx -> {
                      Isolation.REPEATABLE_READ.set(ctx);
                      if (db.concurrentWriters()) {
                        ctx.fetchCount(DSL.table(INVOICE_TABLE));
                      }
                      try {
                        return voids
                            ? "voided " + INVOICES.voidNumber(ctx, two, "second").value()
                            : "issued " + INVOICES.issue(ctx, "acme", MARCH_14).value();
                      } catch (IllegalStateException e) {
                        return e.getMessage().replaceAll(" \\(at .*\\)", "");
                      }
                    }));
    try {
      assertBlocked(t2);
    } finally {
      t1.commit();
    }
    List<String> ledgerAfterT1 =
        List.of(
            "issue 1 INV-2026-000001",
            "issue 2 INV-2026-000002",
            "issue 3 INV-2026-000003",
            "void 2 INV-2026-000002");
    if (db.runAgainAfterConcurrentCommit().contains(Isolation.REPEATABLE_READ)) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
      DataAccessException cause = assertInstanceOf(DataAccessException.class, e.getCause());
      assertEquals("40001", cause.sqlState());
      assertTrue(
          cause.getMessage().contains("Run the whole transaction again"), cause.getMessage());
      assertEquals(ledgerAfterT1, ledgerOf(counter));
    } else if (voids) {
      assertEquals(
          "number 2 of series 'invoices', scope 'acme', period '2026' is already voided; nothing"
              + " was changed",
          t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
      assertEquals(ledgerAfterT1, ledgerOf(counter));
    } else {
      assertEquals("issued 4", t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
      List<String> withFour = new ArrayList<>(ledgerAfterT1);
      withFour.add("issue 4 INV-2026-000004");
      assertEquals(withFour, ledgerOf(counter));
    }
    SeriesReport report = INVOICES.verify(dsl, "acme", "2026");
    assertTrue(report.clean(), report.toString());
  }
}
