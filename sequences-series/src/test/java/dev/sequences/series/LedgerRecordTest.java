package dev.sequences.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The canonical form, the hashes, and what verify makes of a ledger: no database here. */
class LedgerRecordTest {

  private static final String COUNTER = "series:invoices/acme/2026";
  private static final LocalDate MARCH_14 = LocalDate.of(2026, 3, 14);

  private static LedgerRecord issue(long entry, long number, LocalDate date, String previous) {
    return new LedgerRecord(
        COUNTER,
        entry,
        LedgerRecord.Kind.ISSUE,
        "invoices",
        "acme",
        "2026",
        number,
        "INV-2026-" + number,
        date,
        date,
        "2026-03-14T09:30:12.00" + entry + "Z",
        null,
        previous,
        null);
  }

  /** A chain of {@code n} issue records, 1..n, all dated 14 March. */
  private static List<LedgerRecord> chain(int n) {
    List<LedgerRecord> records = new ArrayList<>();
    String previous = null;
    for (int i = 1; i <= n; i++) {
      LedgerRecord record = issue(i, i, MARCH_14, previous).hashed();
      records.add(record);
      previous = record.hash();
    }
    return records;
  }

  private static SeriesReport verify(List<LedgerRecord> records, Long counterLast) {
    Verification verification = new Verification("invoices", "acme", "2026", COUNTER, false);
    records.forEach(verification::accept);
    return verification.report(counterLast, null);
  }

  @Test
  void theCanonicalFormIsDocumentedAndEscaped() throws Exception {
    LedgerRecord record =
        new LedgerRecord(
            "series:a|b/c\\\\d/2026",
            3,
            LedgerRecord.Kind.VOID,
            "a|b",
            "c\\d",
            "2026",
            42,
            "INV|42\\",
            MARCH_14,
            LocalDate.of(2026, 3, 15),
            "2026-03-15T10:00:00.000Z",
            "customer | cancelled",
            "ab".repeat(32),
            null);
    String expected =
        "v1|series:a\\|b/c\\\\\\\\d/2026|3|void|a\\|b|c\\\\d|2026|42|INV\\|42\\\\|2026-03-14"
            + "|2026-03-15|2026-03-15T10:00:00.000Z|customer \\| cancelled|"
            + "ab".repeat(32);
    assertEquals(expected, record.canonical());
    String sha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(expected.getBytes(StandardCharsets.UTF_8)));
    assertEquals(sha256, record.computeHash());
    assertEquals(sha256, record.hashed().hash());
    // An issue's reason and the first record's previous hash are empty fields.
    assertTrue(issue(1, 1, MARCH_14, null).canonical().endsWith("|2026-03-14T09:30:12.001Z||"));
    // Fields cannot run into each other: moving a separator changes the form.
    LedgerRecord shifted =
        new LedgerRecord(
            COUNTER,
            1,
            LedgerRecord.Kind.ISSUE,
            "invoices",
            "acme|",
            "2026",
            1,
            "x",
            MARCH_14,
            MARCH_14,
            "t",
            null,
            null,
            null);
    LedgerRecord unshifted =
        new LedgerRecord(
            COUNTER,
            1,
            LedgerRecord.Kind.ISSUE,
            "invoices",
            "acme",
            "|2026",
            1,
            "x",
            MARCH_14,
            MARCH_14,
            "t",
            null,
            null,
            null);
    assertNotEquals(shifted.canonical(), unshifted.canonical());
  }

  @Test
  void recordedAtIsUtcWithMilliseconds() {
    assertEquals("1970-01-01T00:00:00.000Z", LedgerRecord.recordedAt(0));
    assertEquals("2026-03-14T09:30:12.345Z", LedgerRecord.recordedAt(1773480612345L));
  }

  @Test
  void anIntactChainIsClean() {
    SeriesReport report = verify(chain(5), 5L);
    assertTrue(report.clean(), report.toString());
    assertTrue(report.chained());
    assertEquals(OptionalLong.of(1), report.firstNumber());
    assertEquals(OptionalLong.of(5), report.lastNumber());
    assertEquals(5, report.records());
    assertEquals(
        """
        series 'invoices', scope 'acme', period '2026' (counter 'series:invoices/acme/2026')
        records:        5 (5 issued, 0 voided)
        numbers:        1..5
        counter's last: 5
        voided:         none
        gaps:           none
        dates:          in order
        chain:          intact, 5 records
        OK: no finding""",
        report.toString());
  }

  @Test
  void anEditedRecordBreaksTheChainAtThatRecord() {
    List<LedgerRecord> records = chain(4);
    LedgerRecord third = records.get(2);
    records.set(
        2,
        new LedgerRecord(
            third.counter(),
            third.entry(),
            third.kind(),
            third.series(),
            third.scope(),
            third.period(),
            third.number(),
            "INV-2026-3 (edited)",
            third.documentDate(),
            third.latestDate(),
            third.recordedAt(),
            third.reason(),
            third.previousHash(),
            third.hash()));
    SeriesReport report = verify(records, 4L);
    assertEquals(
        new SeriesReport.BrokenLink(3, 3, "its hash does not match its contents (edited)"),
        report.firstBrokenLink().orElseThrow());
    assertEquals(
        List.of(
            "chain broken at entry 3 (number 3): its hash does not match its contents (edited)"),
        report.findings());
  }

  @Test
  void aDeletedRecordShowsAsMissingEntriesAGapAndABrokenLink() {
    List<LedgerRecord> records = chain(4);
    records.remove(1);
    SeriesReport report = verify(records, 4L);
    assertEquals(List.of(new SeriesReport.Gap(2, 2)), report.gaps());
    assertEquals(
        List.of(
            "records missing: entries 2 are not in the ledger (deleted?)",
            "gap: 2 (1 number) neither issued nor voided in the ledger",
            "chain broken at entry 3 (number 3): it does not link to the record before it, entry 1"
                + " (deleted, added or moved records?)"),
        report.findings());
  }

  @Test
  void deletedNewestRecordsShowAgainstTheCounter() {
    SeriesReport report = verify(chain(3), 5L);
    assertEquals(
        List.of(
            "the counter is at 5, beyond the ledger's highest number 3: numbers 4..5 have no record"
                + " (the newest records deleted?)"),
        report.findings());
    assertFalse(verify(chain(3), 2L).clean());
    assertEquals(
        List.of("the counter does not exist, though the ledger has records (deleted?)"),
        verify(chain(1), null).findings());
    assertEquals(
        List.of("the counter is at 3, but the ledger records no number"),
        verify(List.of(), 3L).findings());
    assertTrue(verify(List.of(), null).clean(), "nothing issued yet");
  }

  @Test
  void datesOutOfOrderAreReportedByNumber() {
    List<LedgerRecord> records =
        List.of(
            issue(1, 1, MARCH_14, null),
            issue(2, 2, MARCH_14.plusDays(2), null),
            issue(3, 3, MARCH_14.plusDays(1), null),
            issue(4, 4, MARCH_14.plusDays(2), null));
    SeriesReport report = verify(records, 4L);
    assertEquals(
        List.of(new SeriesReport.DateOutOfOrder(3, MARCH_14.plusDays(1), 2, MARCH_14.plusDays(2))),
        report.datesOutOfOrder());
    assertEquals(
        List.of("date out of order: 3 is dated 2026-03-15, after 2 dated 2026-03-16"),
        report.findings());
    assertFalse(report.chained());
  }
}
