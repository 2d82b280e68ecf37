package dev.sequences.it.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.Threads;
import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * Number series, voids: recorded once with their reason, never reissued; and concurrent issuers
 * that roll back and void leave exact ledgers. A topic of {@link SeriesContract}.
 */
interface SeriesVoidTopic extends SeriesTopic {

  @Test
  default void findGivesANumberAsTheLedgerRecordsItVoidedOrNot() {
    for (int i = 0; i < 2; i++) {
      issue(INVOICES, "acme", MARCH_14);
    }
    IssuedNumber second =
        new IssuedNumber("invoices", "acme", "2026", 2, "INV-2026-000002", MARCH_14, false);
    assertEquals(Optional.of(second), INVOICES.find(dsl(), "acme", "2026", 2));
    // Found, then voided: no IssuedNumber built by hand.
    IssuedNumber voided =
        inTransaction(
            ctx ->
                INVOICES.voidNumber(ctx, INVOICES.find(ctx, "acme", "2026", 2).orElseThrow(), "x"));
    assertEquals(
        Optional.of(
            new IssuedNumber("invoices", "acme", "2026", 2, "INV-2026-000002", MARCH_14, true)),
        INVOICES.find(dsl(), "acme", "2026", 2));
    assertEquals(voided, INVOICES.find(dsl(), "acme", "2026", 2).orElseThrow());
    assertEquals(
        Optional.of(
            new IssuedNumber("invoices", "acme", "2026", 1, "INV-2026-000001", MARCH_14, false)),
        INVOICES.find(dsl(), "acme", "2026", 1));
    assertEquals(Optional.empty(), INVOICES.find(dsl(), "acme", "2026", 3), "never issued");
    assertEquals(Optional.empty(), INVOICES.find(dsl(), "acme", "2025", 1), "no such counter");
    assertEquals(Optional.empty(), INVOICES.find(dsl(), "globex", "2026", 1), "no such scope");
    IllegalArgumentException label =
        assertThrows(
            IllegalArgumentException.class, () -> INVOICES.find(dsl(), "acme", "March", 1));
    assertTrue(label.getMessage().contains("'March' is not a period label"), label.getMessage());
  }

  @Test
  default void voidsAreRecordedOnceWithTheirReasonAndNeverReissued() {
    String counter = INVOICES.counterName("acme", MARCH_14);
    List<IssuedNumber> issued = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      issued.add(issue(INVOICES, "acme", MARCH_14));
    }
    IssuedNumber voided =
        inTransaction(ctx -> INVOICES.voidNumber(ctx, issued.get(1), "customer cancelled"));
    assertEquals(
        new IssuedNumber("invoices", "acme", "2026", 2, "INV-2026-000002", MARCH_14, true), voided);
    List<String> ledgerAfterVoid = ledgerOf(counter);
    assertEquals(
        List.of(
            "issue 1 INV-2026-000001",
            "issue 2 INV-2026-000002",
            "issue 3 INV-2026-000003",
            "void 2 INV-2026-000002"),
        ledgerAfterVoid);

    IllegalStateException twice =
        assertThrows(
            IllegalStateException.class,
            () -> inTransaction(ctx -> INVOICES.voidNumber(ctx, issued.get(1), "again")));
    assertTrue(
        twice
            .getMessage()
            .startsWith(
                "number 2 of series 'invoices', scope 'acme', period '2026' is already voided (at 20"),
        twice.getMessage());
    assertTrue(twice.getMessage().endsWith(": customer cancelled); nothing was changed"));
    IssuedNumber never = new IssuedNumber("invoices", "acme", "2026", 4, null, null, false);
    IllegalStateException notIssued =
        assertThrows(
            IllegalStateException.class,
            () -> inTransaction(ctx -> INVOICES.voidNumber(ctx, never, "typo")));
    assertEquals(
        "number 4 of series 'invoices', scope 'acme', period '2026' was never issued: the ledger"
            + " has no record of it; nothing was changed",
        notIssued.getMessage());
    IllegalStateException noCounter =
        assertThrows(
            IllegalStateException.class,
            () ->
                inTransaction(
                    ctx ->
                        INVOICES.voidNumber(
                            ctx,
                            new IssuedNumber("invoices", "initech", "2026", 1, null, null, false),
                            "typo")));
    assertTrue(
        noCounter
            .getMessage()
            .endsWith("was never issued: the counter does not exist; nothing was changed"));
    assertThrows(
        IllegalArgumentException.class,
        () -> inTransaction(ctx -> INVOICES.voidNumber(ctx, issued.get(0), "  ")));
    assertEquals(ledgerAfterVoid, ledgerOf(counter), "refusals change nothing");

    // A voided number stays used: the next number is 4.
    assertEquals(4, issue(INVOICES, "acme", MARCH_14).value());
    SeriesReport report = INVOICES.verify(dsl(), "acme", "2026");
    assertTrue(report.clean(), report.toString());
    assertEquals(1, report.voided().size());
    assertEquals(2, report.voided().get(0).number());
    assertEquals("customer cancelled", report.voided().get(0).reason());
    assertEquals(4, report.issued());
    assertEquals(5, report.records());
  }

  // ---- the hash chain and tampering -----------------------------------------------------------

  /**
   * Threads issue in two scopes and two periods of one chained series, roll back one transaction in
   * five, and void now and then a number committed before: per counter the numbers committed are
   * exactly 1..K, the ledger holds exactly those numbers and those voids, the counter is at K and
   * the chain holds.
   */
  @Test
  default void concurrentIssuersWithRollbacksLeaveExactLedgers() throws Exception {
    NumberSeries series = INVOICES.chained();
    List<String> scopes = List.of("acme", "globex");
    List<LocalDate> dates = List.of(MARCH_14, LocalDate.of(2027, 2, 1));
    Map<String, Set<Long>> committed = new ConcurrentHashMap<>();
    Map<String, Set<Long>> voided = new ConcurrentHashMap<>();
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    AtomicInteger rolledBack = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Set<String> failures = ConcurrentHashMap.newKeySet();
    int threads = 4;
    int transactions = 40;
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Threads.POOL.submit(
              () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < transactions; i++) {
                  String scope = scopes.get(random.nextInt(scopes.size()));
                  LocalDate date = dates.get(random.nextInt(dates.size()));
                  String counter = series.counterName(scope, date);
                  boolean rollback = random.nextInt(5) == 0;
                  Long toVoid = null;
                  if (random.nextInt(8) == 0) {
                    for (Long n : committed.getOrDefault(counter, Set.of())) {
                      if (claimed.add(counter + "#" + n)) {
                        toVoid = n;
                        break;
                      }
                    }
                  }
                  Long voiding = toVoid;
                  try {
                    IssuedNumber number =
                        inTransaction(
                            ctx -> {
                              if (voiding != null) {
                                series.voidNumber(
                                    ctx,
                                    new IssuedNumber(
                                        "invoices",
                                        scope,
                                        date.getYear() + "",
                                        voiding,
                                        null,
                                        null,
                                        false),
                                    "concurrency test");
                              }
                              IssuedNumber issued = series.issue(ctx, scope, date);
                              if (rollback) {
                                throw new IllegalStateException("rolled back on purpose");
                              }
                              return issued;
                            });
                    assertTrue(
                        committed
                            .computeIfAbsent(counter, c -> ConcurrentHashMap.newKeySet())
                            .add(number.value()),
                        "issued twice: " + number);
                    if (voiding != null) {
                      voided
                          .computeIfAbsent(counter, c -> ConcurrentHashMap.newKeySet())
                          .add(voiding);
                    }
                  } catch (IllegalStateException e) {
                    rolledBack.incrementAndGet();
                    if (voiding != null) {
                      claimed.remove(counter + "#" + voiding);
                    }
                  } catch (DataAccessException e) {
                    // Deadlock victims and serialization failures: run again, never a duplicate.
                    failed.incrementAndGet();
                    failures.add(String.valueOf(e.sqlState()));
                    if (voiding != null) {
                      claimed.remove(counter + "#" + voiding);
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get(2, TimeUnit.MINUTES);
    }
    System.out.println(
        "series concurrency "
            + db()
            + ": "
            + threads * transactions
            + " transactions, "
            + rolledBack
            + " rolled back, "
            + failed
            + " failed by the database "
            + failures
            + "; committed "
            + new TreeMap<>(Map.copyOf(committed))
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList()
            + ", voided "
            + voided.values().stream().mapToInt(Set::size).sum());
    assertTrue(failures.stream().allMatch(s -> s.startsWith("40")), failures.toString());
    for (String scope : scopes) {
      for (LocalDate date : dates) {
        String counter = series.counterName(scope, date);
        Set<Long> numbers = committed.getOrDefault(counter, Set.of());
        long k = numbers.size();
        assertEquals(
            LongStream.rangeClosed(1, k).boxed().toList(),
            numbers.stream().sorted().toList(),
            counter);
        assertEquals(
            numbers.stream().sorted().toList(),
            admin()
                .select(NUMBER)
                .from(ledger())
                .where(COUNTER.eq(counter).and(KIND.eq("issue")))
                .orderBy(NUMBER)
                .fetch(NUMBER),
            counter);
        assertEquals(
            voided.getOrDefault(counter, Set.of()).stream().sorted().toList(),
            admin()
                .select(NUMBER)
                .from(ledger())
                .where(COUNTER.eq(counter).and(KIND.eq("void")))
                .orderBy(NUMBER)
                .fetch(NUMBER),
            counter);
        if (k > 0) {
          assertEquals(OptionalLong.of(k), counterOf(counter));
          SeriesReport report = series.verify(dsl(), scope, String.valueOf(date.getYear()));
          assertTrue(report.clean(), report.toString());
          assertTrue(report.chained());
        }
      }
    }
  }
}
