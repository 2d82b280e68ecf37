package dev.sequences.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Patterns and periods: everything that is decided without a database. */
class FormattingTest {

  private static final LocalDate MARCH_14 = LocalDate.of(2026, 3, 14);

  private static String format(
      String pattern, long n, LocalDate date, String period, String scope) {
    return NumberPattern.parse(pattern).format(n, date, period, scope);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "{n};42;42",
        "{n:6};42;000042",
        "{n:1};42;42",
        "{n:2};7;07",
        "{n:3};123456;123456",
        "{n:19};1;0000000000000000001",
        "{n:6};9223372036854775807;9223372036854775807",
        "{n};0;0",
        "INV-{yyyy}-{n:6};42;INV-2026-000042",
        "{yy}{MM}{dd}/{n};5;260314/5",
        "{scope}-{period}-{n:4};12;acme-2026-0012",
        "{{{n}}};3;{3}",
        "}}{{{n}{{;3;}{3{",
        "Facture n° {n} — {scope};9;Facture n° 9 — acme",
        "🧾{n}🧾;1;🧾1🧾"
      })
  void everyPlaceholderIsFormatted(String pattern, long n, String expected) {
    assertEquals(expected, format(pattern, n, MARCH_14, "2026", "acme"));
  }

  @Test
  void yearsAndDaysAreZeroPadded() {
    assertEquals(
        "0005|05|01|02|1", format("{yyyy}|{yy}|{MM}|{dd}|{n}", 1, LocalDate.of(5, 1, 2), "", ""));
    assertEquals("2000 00 7", format("{yyyy} {yy} {n}", 7, LocalDate.of(2000, 6, 1), "", ""));
    assertEquals("FY2025/000001", format("{period}/{n:6}", 1, MARCH_14, "FY2025", ""));
    assertEquals("-1", format("{scope}-{n}", 1, MARCH_14, "", ""), "an empty scope");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "INV-{yyyy};does not hold the number: add {n} or {n:6}",
        "'';does not hold the number: add {n} or {n:6}",
        "{{n}};does not hold the number: add {n} or {n:6}",
        "{n:0};pads the number to '0' digits: give 1 to 19, as {n:6}",
        "{n:20};pads the number to '20' digits: give 1 to 19, as {n:6}",
        "{n:};pads the number to '' digits: give 1 to 19, as {n:6}",
        "{n:x};pads the number to 'x' digits: give 1 to 19, as {n:6}",
        "{n:-1};pads the number to '-1' digits: give 1 to 19, as {n:6}",
        "{N};has an unknown placeholder {N}: use {n}, {n:6}, {yyyy}, {yy}, {MM}, {dd}, {period} or"
            + " {scope}, and {{ or }} for braces",
        "{n}{mm};has an unknown placeholder {mm}: use {n}, {n:6}, {yyyy}, {yy}, {MM}, {dd},"
            + " {period} or {scope}, and {{ or }} for braces",
        "{n} {;has a '{' at index 4 that is never closed (write {{ for one)",
        "{n} };has a '}' at index 4 that closes nothing (write }} for one)",
        "{n{n}};has an unknown placeholder {n{n}: use {n}, {n:6}, {yyyy}, {yy}, {MM}, {dd},"
            + " {period} or {scope}, and {{ or }} for braces"
      })
  void badPatternsAreRefusedWhenFormattedIsCalled(String pattern, String problem) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> NumberSeries.named("s").formatted(pattern));
    assertEquals("pattern '" + pattern + "' " + problem, e.getMessage());
  }

  @Test
  void patternsWithNulOrUnpairedSurrogatesOrTooLongTextsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> NumberSeries.named("s").formatted("{n}\0"));
    assertThrows(
        IllegalArgumentException.class, () -> NumberSeries.named("s").formatted("{n}\uD800"));
    assertThrows(NullPointerException.class, () -> NumberSeries.named("s").formatted(null));
    // 81 code points of text and the 19 digits of the widest number fit the ledger's 100.
    NumberSeries.named("s").formatted("x".repeat(81) + "{n}");
    String tooLong = "x".repeat(82) + "{n}";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> NumberSeries.named("s").formatted(tooLong));
    assertEquals(
        "pattern '"
            + tooLong
            + "' makes numbers of up to 101 code points; the ledger keeps at most"
            + " 100",
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "2026-03-14, '', 2026, 2026-03, 2026-03-14",
    "2026-01-01, '', 2026, 2026-01, 2026-01-01",
    "2025-12-31, '', 2025, 2025-12, 2025-12-31",
    "2024-02-29, '', 2024, 2024-02, 2024-02-29",
    "0001-01-01, '', 0001, 0001-01, 0001-01-01",
    "9999-12-31, '', 9999, 9999-12, 9999-12-31"
  })
  void calendarPeriodsAreLabelledByTheDocumentDate(
      LocalDate date, String never, String year, String month, String day) {
    assertEquals(never, SeriesPeriod.NEVER.labelOf(date));
    assertEquals(year, SeriesPeriod.YEAR.labelOf(date));
    assertEquals(month, SeriesPeriod.MONTH.labelOf(date));
    assertEquals(day, SeriesPeriod.DAY.labelOf(date));
  }

  @ParameterizedTest
  @CsvSource({
    // A fiscal year starting 1 April: named after the year it starts in.
    "04-01, 2026-03-31, FY2025, 2025-04-01",
    "04-01, 2026-04-01, FY2026, 2026-04-01",
    "04-01, 2026-12-31, FY2026, 2026-04-01",
    "04-01, 2027-01-01, FY2026, 2026-04-01",
    "04-01, 2024-02-29, FY2023, 2023-04-01",
    // Starting 1 July (Australia).
    "07-01, 2026-06-30, FY2025, 2025-07-01",
    "07-01, 2026-07-01, FY2026, 2026-07-01",
    // Starting 1 January: the calendar year, labelled as a fiscal year.
    "01-01, 2026-01-01, FY2026, 2026-01-01",
    "01-01, 2025-12-31, FY2025, 2025-01-01",
    // Starting 1 March, the day after a leap day.
    "03-01, 2024-02-29, FY2023, 2023-03-01",
    "03-01, 2024-03-01, FY2024, 2024-03-01",
    // Starting 28 February: a leap day belongs to the year that started the day before.
    "02-28, 2024-02-29, FY2024, 2024-02-28",
    "02-28, 2024-02-27, FY2023, 2023-02-28",
    "04-01, 0001-01-01, FY0000, 0000-04-01"
  })
  void fiscalYearsAreNamedAfterTheYearTheyStartIn(
      String start, LocalDate date, String label, LocalDate firstDay) {
    SeriesPeriod fiscal = SeriesPeriod.fiscalYearStarting(MonthDay.parse("--" + start));
    assertEquals(label, fiscal.labelOf(date));
    assertEquals(firstDay, fiscal.firstDayOf(date));
  }

  @Test
  void theTwentyNinthOfFebruaryCannotStartAFiscalYear() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SeriesPeriod.fiscalYearStarting(MonthDay.of(2, 29)));
    assertEquals(
        "a fiscal year cannot start on 29 February, which most years lack: start it on 1 March",
        e.getMessage());
    assertThrows(NullPointerException.class, () -> SeriesPeriod.fiscalYearStarting(null));
  }

  @Test
  void datesOutsideFourDigitYearsAreRefused() {
    for (LocalDate date : new LocalDate[] {LocalDate.of(0, 12, 31), LocalDate.of(10000, 1, 1)}) {
      assertThrows(IllegalArgumentException.class, () -> SeriesPeriod.YEAR.labelOf(date));
      assertThrows(IllegalArgumentException.class, () -> SeriesPeriod.NEVER.labelOf(date));
    }
    assertThrows(NullPointerException.class, () -> SeriesPeriod.YEAR.labelOf(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026", "2026-03", "2026-03-14", "FY2026", "FY0000"})
  void periodLabelsAreRecognised(String label) {
    assertEquals(label, SeriesPeriod.checkLabel(label));
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "26", "2026-3", "fy2026", "FY26", "2026/03", "2026-03-14-1"})
  void otherPeriodLabelsAreRefused(String label) {
    assertThrows(IllegalArgumentException.class, () -> SeriesPeriod.checkLabel(label));
  }

  @Test
  void periodsCompareByValue() {
    assertEquals(
        SeriesPeriod.fiscalYearStarting(MonthDay.of(4, 1)),
        SeriesPeriod.fiscalYearStarting(MonthDay.of(4, 1)));
    assertEquals(
        "SeriesPeriod.fiscalYearStarting(--04-01)",
        SeriesPeriod.fiscalYearStarting(MonthDay.of(4, 1)).toString());
    assertEquals("SeriesPeriod.YEAR", SeriesPeriod.YEAR.toString());
  }
}
