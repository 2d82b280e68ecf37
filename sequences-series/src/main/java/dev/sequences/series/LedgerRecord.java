package dev.sequences.series;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * One row of the ledger, {@code <counter table>_issued}: a number issued, a number voided, or the
 * start of a counter after numbers issued before the series (see {@link
 * NumberSeries#continueAfter}).
 *
 * <p>The canonical form that a chained record's {@code hash} is the SHA-256 of (UTF-8 bytes,
 * lower-case hexadecimal) is its fields in this order, each with {@code \} written {@code \\} and
 * {@code |} written {@code \|}, joined by {@code |}:
 *
 * <pre>
 * v1|counter|entry|kind|series|scope|period|number|text|document_date|latest_date|recorded_at|reason|previous_hash
 * </pre>
 *
 * where numbers are decimal, dates {@code yyyy-MM-dd}, {@code recorded_at} the UTC time with
 * milliseconds {@code yyyy-MM-ddTHH:mm:ss.SSSZ} as stored, and a missing reason or previous hash
 * (an issue's reason, the first record's previous hash) the empty string. Every stored column but
 * {@code hash} is in it, so editing any of them, deleting a record or swapping two changes a hash
 * or breaks a link.
 *
 * @param counter the counter's name, {@link CounterNames}
 * @param entry the record's position in its counter's ledger: 1, 2, 3, ...
 * @param kind what the record says
 * @param series the series' name
 * @param scope the scope
 * @param period the period's label
 * @param number the number issued or voided; for a start, the highest number issued before
 * @param text the number's text (empty for a start)
 * @param documentDate the document's date (for a void, that of the number voided)
 * @param latestDate the latest document date issued in the counter up to this record
 * @param recordedAt when the record was written, by the database's clock, UTC with milliseconds
 * @param reason why a number was voided; null for other records
 * @param previousHash the hash of the counter's previous record; null for the first record and
 *     where the previous record has none
 * @param hash the SHA-256 of the canonical form; null for a record of a series that is not chained
 */
record LedgerRecord(
    String counter,
    long entry,
    @Nullable Kind kind,
    String series,
    String scope,
    String period,
    long number,
    String text,
    LocalDate documentDate,
    LocalDate latestDate,
    @Nullable String recordedAt,
    @Nullable String reason,
    @Nullable String previousHash,
    @Nullable String hash) {

  /** What a record says, as stored in {@code kind}. */
  enum Kind {
    ISSUE("issue"),
    VOID("void"),
    START("start");

    private final String stored;

    Kind(String stored) {
      this.stored = stored;
    }

    String stored() {
      return stored;
    }

    /** The kind stored as {@code stored}; null for anything else (a tampered row). */
    static @Nullable Kind of(String stored) {
      for (Kind kind : values()) {
        if (kind.stored.equals(stored)) {
          return kind;
        }
      }
      return null;
    }
  }

  private static final DateTimeFormatter RECORDED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The version of the canonical form, its first field. */
  static final String CANONICAL_VERSION = "v1";

  /** {@code epochMillis} as {@code recorded_at} holds it: {@code 2026-03-14T09:30:12.345Z}. */
  static String recordedAt(long epochMillis) {
    return RECORDED_AT.format(Instant.ofEpochMilli(epochMillis));
  }

  /** This record with its hash computed from its other fields, for a chained series. */
  LedgerRecord hashed() {
    return new LedgerRecord(
        counter,
        entry,
        kind,
        series,
        scope,
        period,
        number,
        text,
        documentDate,
        latestDate,
        recordedAt,
        reason,
        previousHash,
        computeHash());
  }

  /** The SHA-256 of {@link #canonical()}, lower-case hexadecimal. */
  String computeHash() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(canonical().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The canonical form, as the class comment defines it. */
  String canonical() {
    StringBuilder form = new StringBuilder(256).append(CANONICAL_VERSION);
    for (String field :
        new String[] {
          counter,
          Long.toString(entry),
          kind == null ? "" : kind.stored(),
          series,
          scope,
          period,
          Long.toString(number),
          text,
          documentDate == null ? "" : documentDate.toString(),
          latestDate == null ? "" : latestDate.toString(),
          recordedAt,
          reason,
          previousHash
        }) {
      form.append('|');
      if (field != null) {
        for (int i = 0; i < field.length(); i++) {
          char c = field.charAt(i);
          if (c == '\\' || c == '|') {
            form.append('\\');
          }
          form.append(c);
        }
      }
    }
    return form.toString();
  }
}
