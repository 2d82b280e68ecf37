package dev.sequences.series;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What {@link NumberSeries#verify} found in the ledger of one counter (series, scope, period), from
 * the ledger alone, with the counter's last value beside it. A <em>finding</em> is anything that
 * needs an explanation: a gap (a number neither issued nor voided in the ledger), a date out of
 * order, a counter that disagrees with the ledger's highest number or a void counter with its
 * voids, a missing or repeated record, a text that another period of the scope also printed, a
 * broken link of the hash chain, a counter that does not exist. Voided numbers are reported but are
 * not findings: the ledger explains them. {@link #toString()} is the report the CLI prints.
 */
public final class SeriesReport {

  /**
   * Numbers {@code first..last} that are neither issued nor voided in the ledger.
   *
   * @param first the first missing number
   * @param last the last missing number
   */
  public record Gap(long first, long last) {

    /** How many numbers are missing. */
    public long size() {
      return last - first + 1;
    }

    @Override
    public String toString() {
      return first == last ? Long.toString(first) : first + ".." + last;
    }
  }

  /**
   * A voided number.
   *
   * @param number the number
   * @param text its text
   * @param reason why it was voided; null only if the ledger's record has none (edited by hand)
   * @param voidedAt when, by the database's clock (UTC, milliseconds); null only if the ledger's
   *     record has none (edited by hand)
   */
  public record VoidedNumber(
      long number, String text, @Nullable String reason, @Nullable String voidedAt) {}

  /**
   * A number whose document date is earlier than that of a lower number.
   *
   * @param number the number
   * @param documentDate its date
   * @param earlierNumber the lower number with the later date (the latest one before it)
   * @param earlierNumberDate that number's date
   */
  public record DateOutOfOrder(
      long number, LocalDate documentDate, long earlierNumber, LocalDate earlierNumberDate) {}

  /**
   * The first record at which the hash chain no longer holds.
   *
   * @param entry the record's entry (its position in the counter's ledger)
   * @param number the number it records
   * @param problem what is wrong
   */
  public record BrokenLink(long entry, long number, String problem) {}

  private final String series;
  private final String scope;
  private final String period;
  private final String counter;
  private final long records;
  private final long issued;
  private final OptionalLong firstNumber;
  private final OptionalLong lastNumber;
  private final OptionalLong startedAfter;
  private final OptionalLong counterLast;
  private final List<Gap> gaps;
  private final List<VoidedNumber> voided;
  private final List<DateOutOfOrder> datesOutOfOrder;
  private final boolean chained;
  private final @Nullable BrokenLink firstBrokenLink;
  private final List<String> findings;

  SeriesReport(
      String series,
      String scope,
      String period,
      String counter,
      long records,
      long issued,
      OptionalLong firstNumber,
      OptionalLong lastNumber,
      OptionalLong startedAfter,
      OptionalLong counterLast,
      List<Gap> gaps,
      List<VoidedNumber> voided,
      List<DateOutOfOrder> datesOutOfOrder,
      boolean chained,
      @Nullable BrokenLink firstBrokenLink,
      List<String> findings) {
    this.series = series;
    this.scope = scope;
    this.period = period;
    this.counter = counter;
    this.records = records;
    this.issued = issued;
    this.firstNumber = firstNumber;
    this.lastNumber = lastNumber;
    this.startedAfter = startedAfter;
    this.counterLast = counterLast;
    this.gaps = List.copyOf(gaps);
    this.voided = List.copyOf(voided);
    this.datesOutOfOrder = List.copyOf(datesOutOfOrder);
    this.chained = chained;
    this.firstBrokenLink = firstBrokenLink;
    this.findings = List.copyOf(findings);
  }

  /** The series' name. */
  public String series() {
    return series;
  }

  /** The scope ({@code ""} for none). */
  public String scope() {
    return scope;
  }

  /** The period's label ({@code ""} for NEVER). */
  public String period() {
    return period;
  }

  /** The counter's name in the counter table. */
  public String counter() {
    return counter;
  }

  /** How many records the ledger holds for the counter (issues, voids and a start). */
  public long records() {
    return records;
  }

  /** How many numbers the ledger records as issued, voided ones included. */
  public long issued() {
    return issued;
  }

  /** The lowest number issued, empty if none. */
  public OptionalLong firstNumber() {
    return firstNumber;
  }

  /** The highest number issued, empty if none. */
  public OptionalLong lastNumber() {
    return lastNumber;
  }

  /**
   * The highest number issued before the series took the counter over ({@link
   * NumberSeries#continueAfter}), empty if it did not.
   */
  public OptionalLong startedAfter() {
    return startedAfter;
  }

  /** The counter's last value, empty if there is no counter. */
  public OptionalLong counterLast() {
    return counterLast;
  }

  /** The numbers neither issued nor voided, between the first (or the start) and the last. */
  public List<Gap> gaps() {
    return gaps;
  }

  /** The voided numbers, with their reasons, in the order they were voided. */
  public List<VoidedNumber> voided() {
    return voided;
  }

  /** The numbers dated earlier than a lower number, in the order of the numbers. */
  public List<DateOutOfOrder> datesOutOfOrder() {
    return datesOutOfOrder;
  }

  /** True if the counter's records carry a hash chain, or the series is declared chained. */
  public boolean chained() {
    return chained;
  }

  /** The first record at which the hash chain breaks, empty if it holds (or there is none). */
  public Optional<BrokenLink> firstBrokenLink() {
    return Optional.ofNullable(firstBrokenLink);
  }

  /** Every finding, one line each; empty if there is none. */
  public List<String> findings() {
    return findings;
  }

  /** True if there is no finding. */
  public boolean clean() {
    return findings.isEmpty();
  }

  /** The report as the CLI prints it: one fact per line, then the findings. */
  @Override
  public String toString() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "series '"
            + series
            + "', scope '"
            + scope
            + "', period '"
            + period
            + "' (counter '"
            + counter
            + "')");
    lines.add(
        line(
            "records",
            records
                + " ("
                + issued
                + " issued, "
                + voided.size()
                + " voided"
                + (startedAfter.isPresent() ? ", 1 start" : "")
                + ")"));
    if (startedAfter.isPresent()) {
      lines.add(line("started after", Long.toString(startedAfter.getAsLong())));
    }
    lines.add(
        line(
            "numbers",
            firstNumber.isEmpty()
                ? "none"
                : firstNumber.getAsLong() == lastNumber.getAsLong()
                    ? Long.toString(firstNumber.getAsLong())
                    : firstNumber.getAsLong() + ".." + lastNumber.getAsLong()));
    lines.add(
        line(
            "counter's last",
            counterLast.isPresent() ? Long.toString(counterLast.getAsLong()) : "no counter"));
    if (voided.isEmpty()) {
      lines.add(line("voided", "none"));
    }
    for (int i = 0; i < voided.size(); i++) {
      VoidedNumber v = voided.get(i);
      lines.add(
          line(
              i == 0 ? "voided" : "",
              v.number() + " " + v.text() + ", " + v.voidedAt() + ": " + v.reason()));
    }
    lines.add(
        line(
            "gaps",
            gaps.isEmpty() ? "none" : gaps.stream().map(Gap::toString).toList().toString()));
    lines.add(
        line(
            "dates",
            datesOutOfOrder.isEmpty() ? "in order" : datesOutOfOrder.size() + " out of order"));
    lines.add(
        line(
            "chain",
            !chained
                ? "none (the series is not chained)"
                : firstBrokenLink == null
                    ? "intact, " + records + (records == 1 ? " record" : " records")
                    : "broken at entry " + firstBrokenLink.entry()));
    if (findings.isEmpty()) {
      lines.add("OK: no finding");
    } else {
      lines.add("FINDINGS: " + findings.size());
      for (String finding : findings) {
        lines.add("  " + finding);
      }
    }
    return String.join("\n", lines);
  }

  private static String line(String label, String value) {
    return String.format("%-16s%s", label.isEmpty() ? "" : label + ":", value);
  }
}
