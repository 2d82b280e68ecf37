package dev.sequences.series;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.ReservedCounters;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * A series of formatted gapless numbers, such as invoice numbers {@code INV-2026-000042}: one
 * counter per scope (the caller's partition key: a company, a branch, a tenant) and period (a year,
 * a month, a fiscal year, chosen by the document's date), numbers whose document dates never go
 * backwards, and a ledger that records every number issued and every number voided, optionally
 * chained by hashes.
 *
 * <pre>{@code
 * static final NumberSeries INVOICES =
 *     NumberSeries.named("invoices").formatted("INV-{yyyy}-{n:6}").resettingEvery(SeriesPeriod.YEAR);
 *
 * IssuedNumber number = INVOICES.issue(cfg.dsl(), "acme", invoiceDate);   // INV-2026-000042
 * }</pre>
 *
 * <p><b>Counters.</b> Each (series, scope, period) is a row of the library's counter table, named
 * {@code series:<series>/<scope>/<period>} ({@link #counterName}), for example {@code
 * series:invoices/acme/2026}, where a {@code /} or {@code \} inside the series name or the scope is
 * written {@code \/} or {@code \\}. {@code sequences list} and django-sequences see those rows;
 * {@code GaplessSequence.named} refuses names with the reserved prefix {@code series:}, so no plain
 * sequence increments them. Numbers are issued by {@link GaplessSequence}, inside the caller's
 * transaction, with its guarantees: no gap, no duplicate, a rollback gives the number back,
 * concurrent transactions on the same counter wait for each other. Series names are 1 to {@value
 * #MAX_NAME_LENGTH} code points, scopes 0 to {@value #MAX_SCOPE_LENGTH} (each {@code /} or {@code
 * \} counting twice), so that every counter name fits the counter table's 100; longer ones are
 * refused before any SQL.
 *
 * <p><b>Chronology.</b> Within one counter, {@link #issue} refuses a document date earlier than the
 * latest date already issued there, with a {@link ChronologyException}; {@link
 * #allowingBackdating()} turns that off. The latest date is read from the ledger after the number
 * was taken, so while the transaction holds the counter's lock, with a locking read where the
 * database has one (at MySQL's and MariaDB's default REPEATABLE READ a plain read would see an
 * older snapshot). A refused call gives the number back under that same lock: the counter and the
 * ledger are then as they were before the call, at every isolation level, and the transaction can
 * go on.
 *
 * <p><b>Ledger.</b> Every number issued is recorded in {@code <counter table>_issued} (created by
 * {@code SequencesSchema.migrate} beside the counter table, and found through the same render
 * mapping), in the caller's transaction: series, scope, period, number, text, document date and the
 * database's time at millisecond precision. {@link #voidNumber} appends a void record with its
 * reason, and counts it in the counter's void counter, the row {@code <counter name>#} of the
 * counter table; no record is ever changed or deleted. With {@link #chained()}, every record
 * carries the SHA-256 of its contents and of the previous record's hash (the canonical form is
 * documented on the ledger's record class and in docs/number-series.md), so that editing, deleting
 * or reordering any record breaks the chain, which {@link #verify} reports. A chain is evidence
 * against edits made without recomputing it, not a signature: whoever can write the table can also
 * recompute every hash. Anchor the latest hash elsewhere (print it, send it) if that matters.
 *
 * <p>Instances are immutable and thread-safe: keep them in constants. Every method that returns a
 * series returns a new one. Arguments are checked before any SQL runs.
 */
public final class NumberSeries {

  /** The longest series name, in code points, each {@code /} or {@code \} counting twice. */
  public static final int MAX_NAME_LENGTH = CounterNames.MAX_SERIES;

  /** The longest scope, in code points, each {@code /} or {@code \} counting twice. */
  public static final int MAX_SCOPE_LENGTH = CounterNames.MAX_SCOPE;

  /** The longest text of a number, in code points, as the ledger stores it. */
  public static final int MAX_TEXT_LENGTH = 100;

  /** The longest void reason, in code points. */
  public static final int MAX_REASON_LENGTH = 200;

  private final String name;
  private final NumberPattern pattern;
  private final SeriesPeriod period;
  private final long first;
  private final boolean chained;
  private final boolean backdating;
  private final boolean repeatedTexts;

  /** Why {@link #issue} and {@link #continueAfter} refuse this series; null if they do not. */
  private final @Nullable String repeatsTexts;

  private NumberSeries(
      String name,
      NumberPattern pattern,
      SeriesPeriod period,
      long first,
      boolean chained,
      boolean backdating,
      boolean repeatedTexts) {
    this.name = name;
    this.pattern = pattern;
    this.period = period;
    this.first = first;
    this.chained = chained;
    this.backdating = backdating;
    this.repeatedTexts = repeatedTexts;
    String lacks = repeatedTexts ? null : pattern.lacksToTellApart(period);
    this.repeatsTexts =
        lacks == null
            ? null
            : "series '"
                + name
                + "': pattern '"
                + pattern
                + "' prints the same texts in two periods of "
                + period
                + ": add "
                + lacks
                + " to tell them apart, or call allowingRepeatedTexts() if that is what you want;"
                + " nothing was issued";
  }

  /**
   * The series called {@code name}: numbers formatted {@code {n}}, never reset, starting at 1, not
   * chained, chronology checked.
   *
   * @param name 1 to {@value #MAX_NAME_LENGTH} code points of well-formed text, not only white
   *     space, without NUL; {@code /} and {@code \} count twice
   * @throws IllegalArgumentException if {@code name} is not such a name
   */
  public static NumberSeries named(String name) {
    return new NumberSeries(
        CounterNames.checkSeries(name),
        NumberPattern.NUMBER_ONLY,
        SeriesPeriod.NEVER,
        1,
        false,
        false,
        false);
  }

  /**
   * This series with its numbers formatted by {@code pattern} (by default {@code "{n}"}): {@code
   * {n}} the number, {@code {n:6}} zero-padded to 6 digits (1 to 19; a wider number is never cut),
   * {@code {yyyy}} {@code {yy}} {@code {MM}} {@code {dd}} of the document date, {@code {period}}
   * the period's label, {@code {scope}} the scope, and <code>{{</code> and <code>}}</code> for
   * braces.
   *
   * @throws IllegalArgumentException if the pattern lacks the number, has an unknown placeholder or
   *     an unmatched brace, or holds a NUL or an unpaired surrogate
   */
  public NumberSeries formatted(String pattern) {
    NumberPattern parsed = NumberPattern.parse(pattern);
    int longest = parsed.longestText("2026-03-14", "");
    if (longest > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException(
          "pattern '"
              + pattern
              + "' makes numbers of up to "
              + longest
              + " code points; the ledger keeps at most "
              + MAX_TEXT_LENGTH);
    }
    return new NumberSeries(name, parsed, period, first, chained, backdating, repeatedTexts);
  }

  /** This series with a counter per {@code period} of the document dates (default NEVER). */
  public NumberSeries resettingEvery(SeriesPeriod period) {
    return new NumberSeries(
        name,
        pattern,
        Objects.requireNonNull(period, "period"),
        first,
        chained,
        backdating,
        repeatedTexts);
  }

  /**
   * This series with {@code first} as the first number of every counter (default 1), used when a
   * call creates the counter.
   *
   * @throws IllegalArgumentException if {@code first} is negative
   */
  public NumberSeries startingAt(long first) {
    if (first < 0) {
      throw new IllegalArgumentException(
          "series '" + name + "': the first number cannot be negative (" + first + ")");
    }
    return new NumberSeries(name, pattern, period, first, chained, backdating, repeatedTexts);
  }

  /**
   * This series with a hash chain: every record it writes to the ledger, issue or void, carries the
   * SHA-256 of its canonical form, which includes the previous record's hash. A counter whose
   * ledger is chained stays chained: its later records are chained whatever the series says.
   */
  public NumberSeries chained() {
    return new NumberSeries(name, pattern, period, first, true, backdating, repeatedTexts);
  }

  /** This series without the chronology check: any document date may be issued at any time. */
  public NumberSeries allowingBackdating() {
    return new NumberSeries(name, pattern, period, first, chained, true, repeatedTexts);
  }

  /**
   * This series allowed to print the same text in two periods of a scope. By default {@link #issue}
   * and {@link #continueAfter} refuse a series whose pattern cannot tell its periods apart (before
   * any SQL, with an {@code IllegalStateException} that names the placeholders to add): {@code
   * INV-{yyyy}-{n:4}} for fiscal years starting on 1 April prints {@code INV-2026-0001} on 10
   * January and again on 1 April 2026. A pattern tells the periods apart if it holds {@code
   * {period}}, or the date placeholders of the period's labels: a year ({@code {yyyy}} or {@code
   * {yy}}) for YEAR, and the month ({@code {MM}}) for MONTH and for fiscal years that do not start
   * on 1 January, and the day ({@code {dd}}) for DAY and for fiscal years that do not start on the
   * first of a month. So the default pattern {@code {n}} needs this call in a series that resets.
   * The check is made when the series is used, not when it is built, so that any order of {@link
   * #formatted} and {@link #resettingEvery} works. {@link #verify} reports a text that another
   * period of the scope also printed, whether or not this was called.
   */
  public NumberSeries allowingRepeatedTexts() {
    return new NumberSeries(name, pattern, period, first, chained, backdating, true);
  }

  /** The series' name. */
  public String name() {
    return name;
  }

  /** The pattern of its numbers, as given to {@link #formatted}. */
  public String pattern() {
    return pattern.source();
  }

  /** How often it starts again. */
  public SeriesPeriod period() {
    return period;
  }

  /** The first number of every counter. */
  public long first() {
    return first;
  }

  /** True if its records are hash-chained. */
  public boolean isChained() {
    return chained;
  }

  /** True if the chronology check is off. */
  public boolean allowsBackdating() {
    return backdating;
  }

  /** True if it may print the same text in two periods ({@link #allowingRepeatedTexts()}). */
  public boolean allowsRepeatedTexts() {
    return repeatedTexts;
  }

  /**
   * The name of the counter row that numbers the documents of {@code scope} dated {@code
   * documentDate}: {@code series:<name>/<scope>/<period label>}.
   *
   * @throws IllegalArgumentException if the scope or the date is not valid (see {@link #issue})
   */
  public String counterName(String scope, LocalDate documentDate) {
    CounterNames.checkScope(scope);
    return CounterNames.of(name, scope, period.labelOf(SeriesPeriod.checkDate(documentDate)));
  }

  /**
   * Issues the next number of {@code scope} for a document dated {@code documentDate}, in {@code
   * ctx}'s transaction, and records it in the ledger. The period is that of the document's date. As
   * {@link GaplessSequence#nextValue}: a rollback gives the number back; a second transaction on
   * the same counter waits for the first.
   *
   * @param scope the caller's partition key (a company, a branch), 0 to {@value #MAX_SCOPE_LENGTH}
   *     code points; {@code ""} for none
   * @param documentDate the document's date, in the years 1 to 9999
   * @throws ChronologyException if {@code documentDate} is earlier than the latest date already
   *     issued in that counter (unless {@link #allowingBackdating()}); nothing was issued
   * @throws IllegalArgumentException if the scope or the date is not valid, or the pattern would
   *     make a text longer than {@value #MAX_TEXT_LENGTH} code points in that scope; before any SQL
   * @throws IllegalStateException if the pattern cannot tell the series' periods apart (see {@link
   *     #allowingRepeatedTexts()}), or {@code ctx} is in auto-commit mode or in no transaction the
   *     library recognises; before any SQL
   * @throws DataAccessException as {@link GaplessSequence#nextValue} throws it (also with SQL state
   *     {@code 40001} where a void of the counter committed after the transaction's snapshot, as on
   *     PostgreSQL at REPEATABLE READ); {@code CounterTableMissingException} if the counter table
   *     or the ledger is missing
   */
  public IssuedNumber issue(DSLContext ctx, String scope, LocalDate documentDate) {
    Objects.requireNonNull(ctx, "ctx");
    String counter = counterName(scope, documentDate);
    refuseRepeatedTexts();
    String label = period.labelOf(documentDate);
    int longest = pattern.longestText(label, scope);
    if (longest > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException(
          "series '"
              + name
              + "': pattern '"
              + pattern
              + "' makes numbers of up to "
              + longest
              + " code points in scope '"
              + scope
              + "'; the ledger keeps at most "
              + MAX_TEXT_LENGTH);
    }
    GaplessSequence sequence = ReservedCounters.sequence(counter, first);
    return ReservedCounters.issuing(
        ctx,
        sequence,
        bound -> {
          long value = sequence.nextValue(bound);
          Ledger ledger = Ledger.of(bound, counter);
          // The counter's row is locked now. Its first value needs no locking read: no other
          // transaction can have written records of a counter that did not exist.
          Ledger.Head head = ledger.head(value - 1, value != first);
          LocalDate latest = head == null ? null : head.latestDate();
          if (!backdating && latest != null && documentDate.isBefore(latest)) {
            ReservedCounters.giveBack(bound, counter, value);
            throw new ChronologyException(
                "series '"
                    + name
                    + "', scope '"
                    + scope
                    + "', period '"
                    + label
                    + "': document date "
                    + documentDate
                    + " is earlier than "
                    + latest
                    + ", the latest date already issued there; nothing was issued (the counter"
                    + " and the ledger are as they were). Issue it with a date on or after "
                    + latest
                    + ", or allow backdating",
                counter,
                documentDate,
                latest);
          }
          String text = pattern.format(value, documentDate, label, scope);
          ledger.insert(
              record(
                  head,
                  ledger,
                  new LedgerRecord(
                      counter,
                      head == null ? 1 : head.entry() + 1,
                      LedgerRecord.Kind.ISSUE,
                      name,
                      scope,
                      label,
                      value,
                      text,
                      documentDate,
                      latest == null || documentDate.isAfter(latest) ? documentDate : latest,
                      null,
                      null,
                      null,
                      null)));
          return new IssuedNumber(name, scope, label, value, text, documentDate, false);
        });
  }

  /**
   * Voids {@code number} in {@code ctx}'s transaction: appends a void record with {@code reason}
   * and the database's time to the ledger (chained if the counter's ledger is), and adds one to the
   * counter's void counter ({@code <counter name>#}, created at the first void), which {@link
   * #verify} compares with the ledger's voids. The number stays used: it is never issued again, and
   * its issue record is never changed. Only (series, scope, period, value) of {@code number} are
   * read.
   *
   * @return the number as the ledger recorded it, voided
   * @throws IllegalArgumentException if {@code reason} is blank or longer than {@value
   *     #MAX_REASON_LENGTH} code points, or {@code number} belongs to another series or has an
   *     invalid scope or period; before any SQL
   * @throws IllegalStateException if the number was never issued (it is not in the ledger) or is
   *     already voided; nothing was changed
   * @throws DataAccessException with SQL state {@code 40001} ("run the whole transaction again")
   *     where the database cannot see, under the counter's lock, a record committed after the
   *     transaction's snapshot (PostgreSQL at REPEATABLE READ or SERIALIZABLE, racing another void
   *     of that counter); as {@link GaplessSequence#nextValue} throws it otherwise
   */
  public IssuedNumber voidNumber(DSLContext ctx, IssuedNumber number, String reason) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(reason, "a void needs a reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException(
          "a void needs a reason: '" + reason + "' is blank; say why the number is voided");
    }
    if (reason.codePointCount(0, reason.length()) > MAX_REASON_LENGTH
        || reason.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "a void reason is at most " + MAX_REASON_LENGTH + " code points, without NUL");
    }
    if (!number.series().equals(name)) {
      throw new IllegalArgumentException(
          "number "
              + number.value()
              + " belongs to series '"
              + number.series()
              + "', not to '"
              + name
              + "'");
    }
    String counter = counterOf(number.scope(), number.period());
    String described =
        "number "
            + number.value()
            + " of series '"
            + name
            + "', scope '"
            + number.scope()
            + "', period '"
            + number.period()
            + "'";
    GaplessSequence sequence = ReservedCounters.sequence(counter, first);
    return ReservedCounters.inTransaction(
        ctx,
        sequence,
        bound -> {
          OptionalLong last = ReservedCounters.lockAndRead(bound, counter);
          if (last.isEmpty()) {
            throw new IllegalStateException(
                described + " was never issued: the counter does not exist; nothing was changed");
          }
          Ledger ledger = Ledger.of(bound, counter);
          List<LedgerRecord> records = ledger.recordsOf(number.value(), true);
          LedgerRecord issue =
              records.stream()
                  .filter(r -> r.kind() == LedgerRecord.Kind.ISSUE)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              described
                                  + " was never issued: the ledger has no record of it; nothing"
                                  + " was changed"));
          for (LedgerRecord r : records) {
            if (r.kind() == LedgerRecord.Kind.VOID) {
              throw new IllegalStateException(
                  described
                      + " is already voided (at "
                      + r.recordedAt()
                      + ": "
                      + r.reason()
                      + "); nothing was changed");
            }
          }
          // Not null: the issue record found above is among the records it reads.
          Ledger.Head head =
              Objects.requireNonNull(ledger.head(last.getAsLong(), true), "the ledger's head");
          // Counted outside the ledger, so that verify sees a deleted void as a deleted issue.
          ReservedCounters.sequence(CounterNames.voidsOf(counter), 1).nextValue(bound);
          ledger.insert(
              record(
                  head,
                  ledger,
                  new LedgerRecord(
                      counter,
                      head.entry() + 1,
                      LedgerRecord.Kind.VOID,
                      name,
                      number.scope(),
                      number.period(),
                      number.value(),
                      issue.text(),
                      issue.documentDate(),
                      head.latestDate(),
                      null,
                      reason,
                      null,
                      null)));
          return new IssuedNumber(
              name,
              number.scope(),
              number.period(),
              number.value(),
              issue.text(),
              issue.documentDate(),
              true);
        });
  }

  /** The counter of {@code scope}'s period {@code period}, both checked, before any SQL. */
  private String counterOf(String scope, String period) {
    CounterNames.checkScope(scope);
    SeriesPeriod.checkLabel(period);
    return CounterNames.of(name, scope, period);
  }

  /**
   * The number {@code number} of {@code scope}'s period {@code period}, as the ledger records its
   * issue: with its text and document date, and {@code voided} true if it has been voided since. So
   * a number known by its value (from a document, the command line) can be voided without building
   * an {@link IssuedNumber} by hand. Reads only, on any connection (in a transaction or not), one
   * statement; it takes no lock.
   *
   * @param scope the scope ({@code ""} for none)
   * @param period the period's label ({@link SeriesPeriod#labelOf}: {@code ""} for NEVER, {@code
   *     2026}, {@code 2026-03}, {@code 2026-03-14}, {@code FY2025})
   * @param number the number
   * @return the number, or empty if the ledger has no issue of it: never issued, or one of the
   *     numbers taken over by {@link #continueAfter}
   * @throws IllegalArgumentException if the scope is not valid or the period is not a label, before
   *     any SQL
   */
  public Optional<IssuedNumber> find(DSLContext ctx, String scope, String period, long number) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(period, "period");
    String counter = counterOf(scope, period);
    return ReservedCounters.reading(
        ctx,
        bound -> {
          List<LedgerRecord> records = Ledger.of(bound, counter).recordsOf(number, false);
          boolean voided = records.stream().anyMatch(r -> r.kind() == LedgerRecord.Kind.VOID);
          return records.stream()
              .filter(r -> r.kind() == LedgerRecord.Kind.ISSUE)
              .findFirst()
              .map(
                  issue ->
                      new IssuedNumber(
                          name, scope, period, number, issue.text(), issue.documentDate(), voided));
        });
  }

  /**
   * Hands the ledger of {@code scope}'s period {@code period} to {@code reader}: its records in the
   * order they were written, every column as the ledger stores them ({@code counter}, {@code
   * entry}, {@code kind} ({@code issue}, {@code void} or {@code start}), {@code series}, {@code
   * scope}, {@code period}, {@code number}, {@code text}, {@code document_date}, {@code
   * latest_date}, {@code recorded_at}, {@code reason}, {@code previous_hash}, {@code hash}), on a
   * cursor that reads them as they are consumed (jOOQ's {@code formatCSV} and {@code formatJSON}
   * write an auditor's copy from it). Reads only, one statement, on any connection; a counter
   * without records gives an empty cursor.
   *
   * @param scope the scope ({@code ""} for none)
   * @param period the period's label ({@link SeriesPeriod#labelOf}; {@code ""} for NEVER)
   * @throws IllegalArgumentException if the scope is not valid or the period is not a label, before
   *     any SQL
   */
  public void export(
      DSLContext ctx, String scope, String period, Consumer<? super Cursor<Record>> reader) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(reader, "reader");
    String counter = counterOf(scope, period);
    ReservedCounters.reading(
        ctx,
        bound -> {
          Ledger.of(bound, counter).export(reader);
          return null;
        });
  }

  /**
   * Checks the ledger of one counter, from the ledger (this series' name, and whether it is {@link
   * #chained()}, are all it needs of the series), and reports what it found: first and last number,
   * gaps, voided numbers with their reasons, dates out of order, the counter's last value against
   * the ledger's highest number and its void counter against the ledger's voids (so that a deleted
   * record, the newest one too, is a finding whether it is an issue or a void), a text that another
   * period of the scope also printed, and the first broken link of the hash chain. A series
   * declared chained is verified as chained whatever the ledger holds: a record without a hash is a
   * broken link (a series that is not declared chained is verified as chained if its records carry
   * hashes). A counter that does not exist is a finding that names the series' nearest scopes or
   * periods, so that a typo does not pass an audit. Reads only: one statement for the ledger (with
   * the counter's and the void counter's values beside it, so all come from one snapshot), one for
   * the texts of the scope's other periods, and when the ledger has no record one for the counter
   * and, if there is none, one for the series' counters.
   *
   * @param scope the scope ({@code ""} for none)
   * @param period the period's label ({@link SeriesPeriod#labelOf}; {@code ""} for NEVER)
   * @throws IllegalArgumentException if the scope is not valid or the period is not a label
   */
  public SeriesReport verify(DSLContext ctx, String scope, String period) {
    Objects.requireNonNull(ctx, "ctx");
    String counter = counterOf(scope, period);
    return ReservedCounters.reading(
        ctx,
        bound -> {
          Verification verification = new Verification(name, scope, period, counter, chained);
          Ledger ledger = Ledger.of(bound, counter);
          Ledger.Tally tally = ledger.history(verification::accept);
          if (tally == null) {
            OptionalLong alone = ReservedCounters.last(bound, counter);
            tally = new Ledger.Tally(alone.isPresent() ? alone.getAsLong() : null, null);
            if (alone.isEmpty()) {
              verification.noCounter(SeriesCounters.list(bound, name));
            }
          } else {
            verification.repeatedTexts(ledger.textsOfOtherPeriods(name, scope));
          }
          return verification.report(tally.last(), tally.voids());
        });
  }

  /**
   * Takes over the numbering of {@code scope}'s period of {@code documentDate} from an application
   * that numbered documents itself: the counter continues after the highest number already used, as
   * {@code highestUsed} finds it (a query of one number, such as {@code select max(number) from
   * invoice where company = ? and year = ?}; no row or null is none). Decided once, under the
   * counter's lock, in {@code ctx}'s transaction: if the counter exists (numbers were issued or
   * taken over already) nothing changes and its last value is returned. Otherwise the counter is
   * created (which locks it), then {@code highestUsed} runs on {@code ctx}, then the counter is set
   * to that number (or to the first number less one, if that is higher) and a start record in the
   * ledger says so; {@link #verify} then counts numbers from the next one. {@code documentDate}
   * also becomes the counter's latest date: later numbers may not be dated before it (unless
   * backdating is allowed). Call it before the series issues its first number in that period; while
   * it runs, issuers of that counter wait.
   *
   * @return the counter's last value: the next number issued is one more
   * @throws IllegalStateException if the pattern cannot tell the series' periods apart (see {@link
   *     #allowingRepeatedTexts()}), before any SQL; if the ledger already holds records of a
   *     counter that does not exist (deleted by hand), and nothing was changed
   */
  public long continueAfter(
      DSLContext ctx,
      String scope,
      LocalDate documentDate,
      Select<? extends Record1<? extends Number>> highestUsed) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(highestUsed, "highestUsed");
    String counter = counterName(scope, documentDate);
    refuseRepeatedTexts();
    String label = period.labelOf(documentDate);
    GaplessSequence sequence = ReservedCounters.sequence(counter, first);
    return ReservedCounters.inTransaction(
        ctx,
        sequence,
        bound -> {
          OptionalLong existing = ReservedCounters.lockAndRead(bound, counter);
          if (existing.isPresent()) {
            return existing.getAsLong();
          }
          Ledger ledger = Ledger.of(bound, counter);
          if (ledger.head(first - 1, false) != null) {
            throw new IllegalStateException(
                "series '"
                    + name
                    + "': counter '"
                    + counter
                    + "' does not exist, but the ledger holds its records (was it deleted?);"
                    + " nothing was changed: run verify");
          }
          // Creating the counter takes its lock: issuers of this counter wait from here on.
          ReservedCounters.create(bound, counter, first - 1);
          Record1<? extends Number> found = ctx.fetchOne(highestUsed);
          long highest =
              found == null || found.value1() == null
                  ? first - 1
                  : Math.max(first - 1, found.value1().longValue());
          if (highest != first - 1) {
            ReservedCounters.update(bound, counter, highest);
          }
          ledger.insert(
              record(
                  null,
                  ledger,
                  new LedgerRecord(
                      counter,
                      1,
                      LedgerRecord.Kind.START,
                      name,
                      scope,
                      label,
                      highest,
                      "",
                      documentDate,
                      documentDate,
                      null,
                      null,
                      null,
                      null)));
          return highest;
        });
  }

  private void refuseRepeatedTexts() {
    if (repeatsTexts != null) {
      throw new IllegalStateException(repeatsTexts);
    }
  }

  /**
   * {@code draft} with its time (the latest record's clock reading, or a new one) and, if the
   * counter's ledger is chained or this series is, its link and hash.
   */
  private LedgerRecord record(Ledger.@Nullable Head head, Ledger ledger, LedgerRecord draft) {
    long now = head == null ? ledger.now() : head.now();
    boolean hashed = chained || (head != null && head.hash() != null);
    LedgerRecord timed =
        new LedgerRecord(
            draft.counter(),
            draft.entry(),
            draft.kind(),
            draft.series(),
            draft.scope(),
            draft.period(),
            draft.number(),
            draft.text(),
            draft.documentDate(),
            draft.latestDate(),
            LedgerRecord.recordedAt(now),
            draft.reason(),
            hashed && head != null ? head.hash() : null,
            null);
    return hashed ? timed.hashed() : timed;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NumberSeries that
        && name.equals(that.name)
        && pattern.equals(that.pattern)
        && period.equals(that.period)
        && first == that.first
        && chained == that.chained
        && backdating == that.backdating
        && repeatedTexts == that.repeatedTexts;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, pattern, period, first, chained, backdating, repeatedTexts);
  }

  @Override
  public String toString() {
    return "NumberSeries['"
        + name
        + "', pattern '"
        + pattern
        + "', "
        + period
        + ", first "
        + first
        + (chained ? ", chained" : "")
        + (backdating ? ", allowing backdating" : "")
        + (repeatedTexts ? ", allowing repeated texts" : "")
        + "]";
  }
}
