package dev.sequences.series;

import java.time.LocalDate;
import org.jooq.exception.DataAccessException;

/**
 * {@link NumberSeries#issue} refused a document date earlier than the latest date already issued in
 * the same counter (series, scope and period), so that numbers and dates never go in opposite
 * directions. Nothing was issued: the counter and the ledger are as they were before the call, and
 * the transaction can go on (roll it back, or issue with another date).
 */
public class ChronologyException extends DataAccessException {

  private static final long serialVersionUID = 1L;

  private final String counter;
  private final LocalDate documentDate;
  private final LocalDate latestDate;

  /**
   * Creates the exception.
   *
   * @param message what was refused and why, with both dates
   * @param counter the counter's name ({@link NumberSeries#counterName})
   * @param documentDate the date refused
   * @param latestDate the latest date already issued in the counter
   */
  public ChronologyException(
      String message, String counter, LocalDate documentDate, LocalDate latestDate) {
    super(message);
    this.counter = counter;
    this.documentDate = documentDate;
    this.latestDate = latestDate;
  }

  /** The name of the counter whose chronology the date would have broken. */
  public String counter() {
    return counter;
  }

  /** The document date that was refused. */
  public LocalDate documentDate() {
    return documentDate;
  }

  /** The latest document date already issued in the counter, later than {@link #documentDate}. */
  public LocalDate latestDate() {
    return latestDate;
  }
}
