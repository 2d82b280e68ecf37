package dev.sequences.series;

import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How often a {@link NumberSeries} starts again at its first number: each period of a series has a
 * counter of its own, chosen by the document's date (never by the clock). A period is named by its
 * label, which is part of the counter's name and of {@code {period}} in a pattern:
 *
 * <table>
 *   <caption>Periods and their labels</caption>
 *   <tr><th>period</th><th>label of 14 March 2026</th></tr>
 *   <tr><td>{@link #NEVER}</td><td>the empty string: one counter for ever</td></tr>
 *   <tr><td>{@link #YEAR}</td><td>{@code 2026}</td></tr>
 *   <tr><td>{@link #MONTH}</td><td>{@code 2026-03}</td></tr>
 *   <tr><td>{@link #DAY}</td><td>{@code 2026-03-14}</td></tr>
 *   <tr><td>{@code fiscalYearStarting(--04-01)}</td><td>{@code FY2025}: the fiscal year is named
 *       after the year it starts in (1 April 2025 to 31 March 2026)</td></tr>
 * </table>
 *
 * <p>Document dates must lie in the years 1 to 9999, so that every label has four-digit years.
 * Instances are immutable.
 */
public final class SeriesPeriod {

  private enum Kind {
    NEVER,
    YEAR,
    MONTH,
    DAY,
    FISCAL_YEAR
  }

  /** One counter for ever: the label is empty. */
  public static final SeriesPeriod NEVER = new SeriesPeriod(Kind.NEVER, null);

  /** A counter per calendar year: {@code 2026}. */
  public static final SeriesPeriod YEAR = new SeriesPeriod(Kind.YEAR, null);

  /** A counter per calendar month: {@code 2026-03}. */
  public static final SeriesPeriod MONTH = new SeriesPeriod(Kind.MONTH, null);

  /** A counter per day: {@code 2026-03-14}. */
  public static final SeriesPeriod DAY = new SeriesPeriod(Kind.DAY, null);

  /** Every label any period can have: for checking one given from outside (verify, void). */
  private static final Pattern LABEL =
      Pattern.compile("|[0-9]{4}|[0-9]{4}-[0-9]{2}|[0-9]{4}-[0-9]{2}-[0-9]{2}|FY[0-9]{4}");

  private final Kind kind;
  private final @Nullable MonthDay start;

  private SeriesPeriod(Kind kind, @Nullable MonthDay start) {
    this.kind = kind;
    this.start = start;
  }

  /**
   * A counter per fiscal year that starts every year on {@code start}, labelled {@code FY} and the
   * year it starts in: with {@code MonthDay.of(4, 1)}, 14 March 2026 is in {@code FY2025} and 1
   * April 2026 in {@code FY2026}. A fiscal year starting on 1 January is labelled the same way
   * ({@code FY2026}), unlike {@link #YEAR} ({@code 2026}).
   *
   * @throws NullPointerException if {@code start} is null
   * @throws IllegalArgumentException if {@code start} is 29 February, which most years lack
   */
  public static SeriesPeriod fiscalYearStarting(MonthDay start) {
    Objects.requireNonNull(start, "start");
    if (start.getMonth() == Month.FEBRUARY && start.getDayOfMonth() == 29) {
      throw new IllegalArgumentException(
          "a fiscal year cannot start on 29 February, which most years lack: start it on 1 March");
    }
    return new SeriesPeriod(Kind.FISCAL_YEAR, start);
  }

  /**
   * The label of the period that holds {@code date}: the empty string, {@code 2026}, {@code
   * 2026-03}, {@code 2026-03-14} or {@code FY2026}.
   *
   * @throws IllegalArgumentException if {@code date} lies outside the years 1 to 9999
   */
  public String labelOf(LocalDate date) {
    checkDate(date);
    return switch (kind) {
      case NEVER -> "";
      case YEAR -> year(date.getYear());
      case MONTH -> year(date.getYear()) + "-" + twoDigits(date.getMonthValue());
      case DAY -> date.toString();
      case FISCAL_YEAR -> "FY" + year(fiscalYearOf(date));
    };
  }

  /** The first day of the period that holds {@code date}; {@link LocalDate#MIN} for NEVER. */
  public LocalDate firstDayOf(LocalDate date) {
    checkDate(date);
    return switch (kind) {
      case NEVER -> LocalDate.MIN;
      case YEAR -> date.withDayOfYear(1);
      case MONTH -> date.withDayOfMonth(1);
      case DAY -> date;
      case FISCAL_YEAR -> Objects.requireNonNull(start).atYear(fiscalYearOf(date));
    };
  }

  /**
   * The date placeholders that together tell this period's labels apart, {@code {yyyy}}, {@code
   * {MM}} and {@code {dd}} (a fiscal year needs the month unless it starts on 1 January, and the
   * day unless it starts on the first of a month); none for NEVER.
   */
  List<String> datePlaceholders() {
    return switch (kind) {
      case NEVER -> List.of();
      case YEAR -> List.of("{yyyy}");
      case MONTH -> List.of("{yyyy}", "{MM}");
      case DAY -> List.of("{yyyy}", "{MM}", "{dd}");
      case FISCAL_YEAR ->
          Objects.requireNonNull(start).equals(MonthDay.of(1, 1))
              ? List.of("{yyyy}")
              : start.getDayOfMonth() == 1
                  ? List.of("{yyyy}", "{MM}")
                  : List.of("{yyyy}", "{MM}", "{dd}");
    };
  }

  private int fiscalYearOf(LocalDate date) {
    return date.isBefore(Objects.requireNonNull(start).atYear(date.getYear()))
        ? date.getYear() - 1
        : date.getYear();
  }

  /**
   * {@code date} if it may be a document's date: not null, in the years 1 to 9999.
   *
   * @throws IllegalArgumentException otherwise
   */
  static LocalDate checkDate(LocalDate date) {
    Objects.requireNonNull(date, "a document date cannot be null");
    if (date.getYear() < 1 || date.getYear() > 9999) {
      throw new IllegalArgumentException(
          "document date " + date + " lies outside the years 1 to 9999");
    }
    return date;
  }

  /** True if {@code label} has the form of a period label (of any period). */
  static boolean isLabel(String label) {
    return label != null && LABEL.matcher(label).matches();
  }

  /**
   * {@code label} if it has the form of a period label.
   *
   * @throws IllegalArgumentException otherwise
   */
  static String checkLabel(String label) {
    Objects.requireNonNull(label, "a period label cannot be null (NEVER's is the empty string)");
    if (!isLabel(label)) {
      throw new IllegalArgumentException(
          "'"
              + label
              + "' is not a period label: the empty string (NEVER), 2026, 2026-03, 2026-03-14 or"
              + " FY2026");
    }
    return label;
  }

  private static String year(int year) {
    return String.format("%04d", year);
  }

  private static String twoDigits(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SeriesPeriod that
        && kind == that.kind
        && Objects.equals(start, that.start);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, start);
  }

  @Override
  public String toString() {
    return kind == Kind.FISCAL_YEAR
        ? "SeriesPeriod.fiscalYearStarting(" + start + ")"
        : "SeriesPeriod." + kind;
  }
}
