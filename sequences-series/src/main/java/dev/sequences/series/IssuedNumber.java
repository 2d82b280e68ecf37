package dev.sequences.series;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A number of a {@link NumberSeries}, as {@link NumberSeries#issue} issued it or {@link
 * NumberSeries#voidNumber} voided it. {@code (series, scope, period, value)} identify it: to void a
 * number known only by those (say, from the command line), {@code text} and {@code documentDate}
 * may be null.
 *
 * @param series the series' name
 * @param scope the scope it was issued in ({@code ""} for none)
 * @param period the label of its period ({@link SeriesPeriod#labelOf}; {@code ""} for NEVER)
 * @param value the number
 * @param text the number formatted by the series' pattern, as the ledger records it
 * @param documentDate the date of the document it numbers
 * @param voided whether it has been voided
 */
public record IssuedNumber(
    String series,
    String scope,
    String period,
    long value,
    @Nullable String text,
    @Nullable LocalDate documentDate,
    boolean voided) {

  /**
   * Checks that the identifying components are present.
   *
   * @throws NullPointerException if {@code series}, {@code scope} or {@code period} is null
   */
  public IssuedNumber {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(period, "period");
  }
}
