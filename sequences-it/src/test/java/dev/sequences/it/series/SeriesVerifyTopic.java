package dev.sequences.it.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesReport;
import java.util.List;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.junit.jupiter.api.Test;

/**
 * Number series, the hash chain: intact when untouched, broken and shown where plain SQL edited,
 * deleted or swapped records. A topic of {@link SeriesContract}.
 */
interface SeriesVerifyTopic extends SeriesTopic {

  /** A chained counter of scope {@code scope}: numbers 1..5, number 3 voided. */
  default String chainedLedger(String scope) {
    NumberSeries chained = INVOICES.chained();
    for (int i = 0; i < 5; i++) {
      issue(chained, scope, MARCH_14.plusDays(i));
    }
    inTransaction(
        ctx ->
            chained.voidNumber(
                ctx, new IssuedNumber("invoices", scope, "2026", 3, null, null, false), "typo"));
    SeriesReport report = INVOICES.verify(dsl(), scope, "2026");
    assertTrue(report.clean(), report.toString());
    assertTrue(report.chained());
    return INVOICES.counterName(scope, MARCH_14);
  }

  default Condition entry(String counter, long entry) {
    return COUNTER.eq(counter).and(ENTRY.eq(entry));
  }

  @Test
  default void aChainedLedgerIsIntactAndEveryRecordIsHashed() {
    String counter = chainedLedger("acme");
    List<String> hashes =
        admin().select(HASH).from(ledger()).where(COUNTER.eq(counter)).orderBy(ENTRY).fetch(HASH);
    assertEquals(6, hashes.size());
    for (String hash : hashes) {
      assertTrue(Pattern.matches("[0-9a-f]{64}", hash), hash);
    }
    // A chained counter stays chained, whatever the series instance says (as the CLI voids).
    issue(INVOICES, "acme", MARCH_14.plusDays(9));
    assertTrue(INVOICES.verify(dsl(), "acme", "2026").clean());
    assertEquals(7, admin().fetchCount(ledger(), COUNTER.eq(counter).and(HASH.isNotNull())));
  }

  @Test
  default void anEditedFieldBreaksTheChainAtItsRecord() {
    String counter = chainedLedger("edited-text");
    admin().update(ledger()).set(TEXT, "INV-2026-000099").where(entry(counter, 2)).execute();
    SeriesReport text = INVOICES.verify(dsl(), "edited-text", "2026");
    assertEquals(
        new SeriesReport.BrokenLink(2, 2, "its hash does not match its contents (edited)"),
        text.firstBrokenLink().orElseThrow());
    assertFalse(text.clean());

    String dated = chainedLedger("edited-date");
    admin()
        .update(ledger())
        .set(DOCUMENT_DATE, MARCH_14.plusDays(1))
        .where(entry(dated, 4))
        .execute();
    assertEquals(
        4, INVOICES.verify(dsl(), "edited-date", "2026").firstBrokenLink().orElseThrow().entry());
  }

  @Test
  default void aDeletedRecordBreaksTheChainAndShows() {
    String counter = chainedLedger("deleted");
    admin().deleteFrom(ledger()).where(entry(counter, 2)).execute();
    SeriesReport report = INVOICES.verify(dsl(), "deleted", "2026");
    assertEquals(
        List.of(
            "records missing: entries 2 are not in the ledger (deleted?)",
            "gap: 2 (1 number) neither issued nor voided in the ledger",
            "chain broken at entry 3 (number 3): it does not link to the record before it, entry 1"
                + " (deleted, added or moved records?)"),
        report.findings());

    // The newest record deleted: no gap and no broken link left behind, but the counter shows it.
    String newest = chainedLedger("newest");
    admin().deleteFrom(ledger()).where(entry(newest, 6)).execute();
    admin().deleteFrom(ledger()).where(entry(newest, 5)).execute();
    assertEquals(
        List.of(
            "the void counter is at 1, beyond the ledger's 0 void records: 1 void has no record"
                + " (the newest records deleted?)",
            "the counter is at 5, beyond the ledger's highest number 4: numbers 5 have no record"
                + " (the newest records deleted?)"),
        INVOICES.verify(dsl(), "newest", "2026").findings());
  }

  @Test
  default void twoSwappedRecordsBreakTheChain() {
    String counter = chainedLedger("swapped");
    admin().update(ledger()).set(ENTRY, -2L).where(entry(counter, 2)).execute();
    admin().update(ledger()).set(ENTRY, 2L).where(entry(counter, 4)).execute();
    admin().update(ledger()).set(ENTRY, 4L).where(entry(counter, -2)).execute();
    SeriesReport report = INVOICES.verify(dsl(), "swapped", "2026");
    assertEquals(2, report.firstBrokenLink().orElseThrow().entry(), report.toString());
    assertEquals(4, report.firstBrokenLink().orElseThrow().number());
    assertFalse(report.clean());
  }

  // ---- concurrency ----------------------------------------------------------------------------
}
