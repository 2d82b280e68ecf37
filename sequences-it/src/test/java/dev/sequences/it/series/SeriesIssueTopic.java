package dev.sequences.it.series;

import static dev.sequences.it.contract.ContractFixture.INVOICE_TABLE;
import static dev.sequences.it.contract.ContractFixture.MAX_WAIT_SECONDS;
import static dev.sequences.it.contract.ContractFixture.assertBlocked;
import static dev.sequences.it.contract.ContractFixture.counted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.HeldTransaction;
import dev.sequences.it.fixtures.Isolation;
import dev.sequences.it.fixtures.StatementCounter;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.SequenceCounters;
import dev.sequences.series.ChronologyException;
import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesPeriod;
import dev.sequences.series.SeriesReport;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Number series, issuing: formatting, scopes, periods, the statements of one call, and chronology
 * (an earlier date refused, read under the lock at every isolation level). A topic of {@link
 * SeriesContract}.
 */
interface SeriesIssueTopic extends SeriesTopic {

  // ---- formatting, scopes and periods ---------------------------------------------------------

  @Test
  default void aYearlyPerCompanySeriesKeepsScopesAndPeriodsApart() {
    assertEquals(
        new IssuedNumber("invoices", "acme", "2026", 1, "INV-2026-000001", MARCH_14, false),
        issue(INVOICES, "acme", MARCH_14));
    assertEquals("INV-2026-000002", issue(INVOICES, "acme", MARCH_14).text());
    assertEquals("INV-2026-000001", issue(INVOICES, "globex", MARCH_14).text());
    assertEquals("INV-2027-000001", issue(INVOICES, "acme", LocalDate.of(2027, 1, 2)).text());
    assertEquals("INV-2026-000003", issue(INVOICES, "acme", MARCH_14.plusDays(1)).text());
    assertEquals("INV-2026-000001", issue(INVOICES, "", MARCH_14).text(), "no scope");
    assertEquals("INV-2026-000001", issue(INVOICES, "ACME", MARCH_14).text(), "exact scopes");

    assertEquals(
        List.of(
            new SequenceCounters.Counter("series:invoices//2026", 1),
            new SequenceCounters.Counter("series:invoices/ACME/2026", 1),
            new SequenceCounters.Counter("series:invoices/acme/2026", 3),
            new SequenceCounters.Counter("series:invoices/acme/2027", 1),
            new SequenceCounters.Counter("series:invoices/globex/2026", 1)),
        SequenceCounters.list(dsl(), "series:"));
    assertEquals(
        List.of("issue 1 INV-2026-000001", "issue 2 INV-2026-000002", "issue 3 INV-2026-000003"),
        ledgerOf("series:invoices/acme/2026"));
    List<String> times = admin().select(RECORDED_AT).from(ledger()).fetch(RECORDED_AT);
    assertEquals(7, times.size());
    for (String time : times) {
      assertTrue(
          Pattern.matches(
              "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}Z", time),
          time);
    }
    assertEquals(
        List.of(MARCH_14, MARCH_14, MARCH_14.plusDays(1)),
        admin()
            .select(DOCUMENT_DATE)
            .from(ledger())
            .where(COUNTER.eq("series:invoices/acme/2026"))
            .orderBy(ENTRY)
            .fetch(DOCUMENT_DATE));
  }

  @Test
  default void everyPlaceholderAndWideNumbers() {
    NumberSeries series =
        NumberSeries.named("all/placeholders")
            .formatted("{{{scope}}}/{period}/{yyyy}{yy}{MM}{dd}/{n:3}/{n}")
            .resettingEvery(SeriesPeriod.MONTH)
            .startingAt(998);
    String scope = "a/b\\c 🧾";
    assertEquals("{a/b\\c 🧾}/2026-03/2026260314/998/998", issue(series, scope, MARCH_14).text());
    assertEquals("{a/b\\c 🧾}/2026-03/2026260314/999/999", issue(series, scope, MARCH_14).text());
    IssuedNumber wide = issue(series, scope, MARCH_14);
    assertEquals(1000, wide.value());
    assertTrue(wide.text().endsWith("/1000/1000"), "never cut: " + wide.text());
    assertEquals(
        "series:all\\/placeholders/a\\/b\\\\c 🧾/2026-03", series.counterName(scope, MARCH_14));
    assertEquals(OptionalLong.of(1000), counterOf(series.counterName(scope, MARCH_14)));
  }

  @Test
  default void periodsFollowTheDocumentDate() {
    NumberSeries april =
        NumberSeries.named("fy-april")
            .formatted("{period}-{n}")
            .resettingEvery(SeriesPeriod.fiscalYearStarting(MonthDay.of(4, 1)));
    assertEquals("FY2025-1", issue(april, "", LocalDate.of(2026, 3, 31)).text());
    assertEquals("FY2026-1", issue(april, "", LocalDate.of(2026, 4, 1)).text());
    assertEquals("FY2026-2", issue(april, "", LocalDate.of(2027, 3, 31)).text());
    assertEquals("FY2027-1", issue(april, "", LocalDate.of(2027, 4, 1)).text());
    NumberSeries july =
        NumberSeries.named("fy-july")
            .formatted("{period}-{n}")
            .resettingEvery(SeriesPeriod.fiscalYearStarting(MonthDay.of(7, 1)));
    assertEquals("FY2025-1", issue(july, "", LocalDate.of(2026, 6, 30)).text());
    assertEquals("FY2026-1", issue(july, "", LocalDate.of(2026, 7, 1)).text());
    NumberSeries january =
        NumberSeries.named("fy-january")
            .formatted("{period}-{n}")
            .resettingEvery(SeriesPeriod.fiscalYearStarting(MonthDay.of(1, 1)));
    assertEquals("FY2026-1", issue(january, "", LocalDate.of(2026, 1, 1)).text());
    NumberSeries daily =
        NumberSeries.named("daily").formatted("{period}-{n}").resettingEvery(SeriesPeriod.DAY);
    assertEquals("2024-02-28-1", issue(daily, "", LocalDate.of(2024, 2, 28)).text());
    assertEquals("2024-02-29-1", issue(daily, "", LocalDate.of(2024, 2, 29)).text());
    assertEquals("2024-02-29-2", issue(daily, "", LocalDate.of(2024, 2, 29)).text());
    assertEquals("2024-03-01-1", issue(daily, "", LocalDate.of(2024, 3, 1)).text());
    NumberSeries monthly =
        NumberSeries.named("monthly").formatted("{period}-{n}").resettingEvery(SeriesPeriod.MONTH);
    assertEquals("2024-02-1", issue(monthly, "", LocalDate.of(2024, 2, 29)).text());
    assertEquals("2024-03-1", issue(monthly, "", LocalDate.of(2024, 3, 1)).text());
    NumberSeries never = NumberSeries.named("never").formatted("{period}{n}");
    assertEquals("1", issue(never, "", LocalDate.of(2024, 2, 29)).text());
    assertEquals("2", issue(never, "", LocalDate.of(2031, 1, 1)).text());
    assertEquals(
        List.of(
            "series:daily//2024-02-28",
            "series:daily//2024-02-29",
            "series:daily//2024-03-01",
            "series:fy-april//FY2025",
            "series:fy-april//FY2026",
            "series:fy-april//FY2027",
            "series:fy-january//FY2026",
            "series:fy-july//FY2025",
            "series:fy-july//FY2026",
            "series:monthly//2024-02",
            "series:monthly//2024-03",
            "series:never//"),
        SequenceCounters.list(dsl(), "series:").stream()
            .map(SequenceCounters.Counter::name)
            .toList());
  }

  /**
   * The statements of one call: {@code issue} sends the increment (the dialect table's count), the
   * ledger's latest record under the lock and the ledger's insert, and on a counter's first record
   * a read of the database's clock; {@code voidNumber} the counter's locking read (SQLite: a write
   * that takes the lock, and the read), the number's records, the latest record, the increment of
   * the void counter and the insert.
   */
  @Test
  default void statementsPerCall() {
    StatementCounter statements = new StatementCounter();
    inTransaction(ctx -> INVOICES.issue(counted(ctx, statements), "acme", MARCH_14));
    assertEquals(db().statements() + 3, statements.count(), "first record of a counter");
    statements.reset();
    inTransaction(ctx -> INVOICES.issue(counted(ctx, statements), "acme", MARCH_14));
    assertEquals(db().statements() + 2, statements.count(), "later records");
    statements.reset();
    inTransaction(
        ctx ->
            INVOICES.voidNumber(
                counted(ctx, statements),
                new IssuedNumber("invoices", "acme", "2026", 1, null, null, false),
                "typo"));
    assertEquals(
        db().statements() + (db().dialect().family() == SQLDialect.SQLITE ? 5 : 4),
        statements.count(),
        "void");
  }

  // ---- chronology -----------------------------------------------------------------------------

  @Test
  default void anEarlierDateIsRefusedAndChangesNothing() {
    String counter = INVOICES.counterName("acme", MARCH_14);
    issue(INVOICES, "acme", MARCH_14);
    ChronologyException refused =
        assertThrows(
            ChronologyException.class, () -> issue(INVOICES, "acme", MARCH_14.minusDays(1)));
    assertEquals(
        "series 'invoices', scope 'acme', period '2026': document date 2026-03-13 is earlier than"
            + " 2026-03-14, the latest date already issued there; nothing was issued (the counter"
            + " and the ledger are as they were). Issue it with a date on or after 2026-03-14, or"
            + " allow backdating",
        refused.getMessage());
    assertEquals(counter, refused.counter());
    assertEquals(MARCH_14.minusDays(1), refused.documentDate());
    assertEquals(MARCH_14, refused.latestDate());
    assertEquals(OptionalLong.of(1), counterOf(counter));
    assertEquals(List.of("issue 1 INV-2026-000001"), ledgerOf(counter));

    // The transaction goes on after a refusal, and its work commits.
    List<String> after =
        inTransaction(
            ctx -> {
              assertThrows(
                  ChronologyException.class,
                  () -> INVOICES.issue(ctx, "acme", MARCH_14.minusDays(30)));
              return List.of(
                  INVOICES.issue(ctx, "acme", MARCH_14).text(),
                  INVOICES.issue(ctx, "acme", MARCH_14.plusDays(1)).text());
            });
    assertEquals(List.of("INV-2026-000002", "INV-2026-000003"), after);
    assertThrows(
        ChronologyException.class, () -> issue(INVOICES, "acme", MARCH_14), "the latest is 15th");
    assertEquals(OptionalLong.of(3), counterOf(counter));
    // Other scopes and periods have chronologies of their own.
    assertEquals(1, issue(INVOICES, "globex", MARCH_14.minusDays(60)).value());
    assertEquals(1, issue(INVOICES, "acme", LocalDate.of(2025, 12, 31)).value());

    NumberSeries backdating = INVOICES.allowingBackdating();
    assertEquals(4, issue(backdating, "acme", MARCH_14.minusDays(10)).value());
    assertEquals(5, issue(backdating, "acme", MARCH_14.plusDays(1)).value());
    // The latest date stays the latest ever issued, not the last issued.
    assertThrows(ChronologyException.class, () -> issue(INVOICES, "acme", MARCH_14));
    SeriesReport report = INVOICES.verify(dsl(), "acme", "2026");
    assertEquals(
        List.of("date out of order: 4 is dated 2026-03-04, after 3 dated 2026-03-15"),
        report.findings());
  }

  /**
   * T1 issues a later date and holds the counter; T2, whose snapshot is older (it read before T1
   * committed, where that makes a snapshot), asks for an earlier date and waits. When T1 commits,
   * T2 is refused (it read T1's date under the lock, not in its old snapshot) or told to run again,
   * and the counter and the ledger keep T1's number only, although T2 commits. When T1 rolls back,
   * T2 gets T1's number with its own date.
   */
  @ParameterizedTest(name = "{0}, T1 commits: {1}")
  @CsvSource({
    "READ_UNCOMMITTED, true", "READ_UNCOMMITTED, false",
    "READ_COMMITTED, true", "READ_COMMITTED, false",
    "REPEATABLE_READ, true", "REPEATABLE_READ, false",
    "SERIALIZABLE, true", "SERIALIZABLE, false"
  })
  default void chronologyIsReadUnderTheLockAtEveryIsolationLevel(
      Isolation isolation, boolean commit) throws Exception {
    Assumptions.assumeTrue(
        db().isolations().contains(isolation), isolation + " is not offered by " + db());
    String counter = INVOICES.counterName("acme", MARCH_14);
    issue(INVOICES, "acme", MARCH_14.minusDays(10));
    HeldTransaction t1 =
        HeldTransaction.start(
            dsl(),
            ctx -> {
              isolation.set(ctx);
              return INVOICES.issue(ctx, "acme", MARCH_14).value();
            });
    assertEquals(2, t1.value());
    Future<String> t2 =
        Threads.POOL.submit(
            () ->
                inTransaction(
                    ctx -> {
                      isolation.set(ctx);
                      if (db().concurrentWriters()) {
                        // A snapshot older than T1's commit, where a read makes one (InnoDB).
                        ctx.fetchCount(DSL.table(INVOICE_TABLE));
                      }
                      try {
                        return "issued "
                            + INVOICES.issue(ctx, "acme", MARCH_14.minusDays(1)).text();
                      } catch (ChronologyException e) {
                        return "refused after " + e.latestDate();
                      }
                    }));
    try {
      assertBlocked(t2);
    } finally {
      if (commit) {
        t1.commit();
      } else {
        t1.rollback();
      }
    }
    if (!commit) {
      assertEquals("issued INV-2026-000002", t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
      assertEquals(OptionalLong.of(2), counterOf(counter));
      return;
    }
    if (db().runAgainAfterConcurrentCommit().contains(isolation)) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
      DataAccessException cause = assertInstanceOf(DataAccessException.class, e.getCause());
      assertEquals("40001", cause.sqlState());
    } else {
      assertEquals("refused after " + MARCH_14, t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }
    assertEquals(OptionalLong.of(2), counterOf(counter));
    assertEquals(List.of("issue 1 INV-2026-000001", "issue 2 INV-2026-000002"), ledgerOf(counter));
    assertTrue(INVOICES.verify(dsl(), "acme", "2026").clean());
  }

  // ---- voids ----------------------------------------------------------------------------------
}
