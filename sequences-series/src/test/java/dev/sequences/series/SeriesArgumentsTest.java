package dev.sequences.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.jooq.GaplessSequence;
import java.time.LocalDate;
import java.time.MonthDay;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names, scopes, counter names and the checks made before any SQL: no database here. */
class SeriesArgumentsTest {

  private static final LocalDate DATE = LocalDate.of(2026, 3, 14);

  /** A context without a connection: any SQL would fail with a DetachedException. */
  private static final DSLContext NO_DATABASE = DSL.using(SQLDialect.POSTGRES);

  @Test
  void defaultsAndCopies() {
    NumberSeries plain = NumberSeries.named("invoices");
    assertEquals("{n}", plain.pattern());
    assertEquals(SeriesPeriod.NEVER, plain.period());
    assertEquals(1, plain.first());
    assertFalse(plain.isChained());
    assertFalse(plain.allowsBackdating());
    NumberSeries full =
        plain
            .formatted("INV-{yyyy}-{n:6}")
            .resettingEvery(SeriesPeriod.fiscalYearStarting(MonthDay.of(4, 1)))
            .startingAt(0)
            .chained()
            .allowingBackdating();
    assertEquals(NumberSeries.named("invoices"), plain, "the original is unchanged");
    assertNotEquals(plain, full);
    assertEquals(
        "NumberSeries['invoices', pattern 'INV-{yyyy}-{n:6}',"
            + " SeriesPeriod.fiscalYearStarting(--04-01), first 0, chained, allowing backdating]",
        full.toString());
    assertThrows(IllegalArgumentException.class, () -> plain.startingAt(-1));
    assertThrows(NullPointerException.class, () -> plain.resettingEvery(null));
  }

  @Test
  void counterNamesAreReadableReservedAndEscaped() {
    NumberSeries invoices = NumberSeries.named("invoices").resettingEvery(SeriesPeriod.YEAR);
    assertEquals("series:invoices/acme/2026", invoices.counterName("acme", DATE));
    assertEquals("series:invoices//2026", invoices.counterName("", DATE));
    assertEquals("series:invoices/acme/", NumberSeries.named("invoices").counterName("acme", DATE));
    assertEquals(
        "series:a\\/b/c\\\\d\\/e/2026",
        NumberSeries.named("a/b").resettingEvery(SeriesPeriod.YEAR).counterName("c\\d/e", DATE));
    // Escaping keeps the triples apart: (a/b, c) and (a, b/c) are two counters.
    assertNotEquals(
        NumberSeries.named("a/b").counterName("c", DATE),
        NumberSeries.named("a").counterName("b/c", DATE));
    assertNotEquals(
        NumberSeries.named("a\\").counterName("/c", DATE),
        NumberSeries.named("a").counterName("\\/c", DATE));
    // The counter's name is refused as a plain sequence name.
    assertThrows(
        IllegalArgumentException.class,
        () -> GaplessSequence.named(invoices.counterName("acme", DATE)));
  }

  @Test
  void namesAndScopesHaveLengthLimitsThatFitTheCounterTable() {
    String longestName = "n".repeat(30);
    String longestScope = "s".repeat(50);
    String name =
        NumberSeries.named(longestName)
            .resettingEvery(SeriesPeriod.DAY)
            .counterName(longestScope, DATE);
    assertEquals(99, name.codePointCount(0, name.length()));
    assertEquals(100 - 1, name.length());
    IllegalArgumentException series =
        assertThrows(IllegalArgumentException.class, () -> NumberSeries.named("n".repeat(31)));
    assertEquals(
        "series name 'nnnnnnnnnnnnnnnnnnnn...' is 31 code points long (each / or \\ counting"
            + " twice); the most is 30",
        series.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NumberSeries.named("/".repeat(16)));
    NumberSeries.named("/".repeat(15));
    NumberSeries.named("🧾".repeat(30));
    IllegalArgumentException scope =
        assertThrows(
            IllegalArgumentException.class,
            () -> NumberSeries.named("s").counterName("s".repeat(51), DATE));
    assertEquals(
        "scope 'ssssssssssssssssssss...' is 51 code points long (each / or \\ counting twice);"
            + " the most is 50",
        scope.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> NumberSeries.named("s").counterName("\\".repeat(26), DATE));
    assertThrows(IllegalArgumentException.class, () -> NumberSeries.named(""));
    assertThrows(IllegalArgumentException.class, () -> NumberSeries.named(" "));
    assertThrows(NullPointerException.class, () -> NumberSeries.named(null));
    assertThrows(IllegalArgumentException.class, () -> NumberSeries.named("a\0"));
    assertThrows(IllegalArgumentException.class, () -> NumberSeries.named("a\uDC00"));
    assertThrows(NullPointerException.class, () -> NumberSeries.named("s").counterName(null, DATE));
  }

  @Test
  void badArgumentsAreRefusedBeforeAnySql() {
    NumberSeries series = NumberSeries.named("s").formatted("{scope}-{n}");
    assertThrows(
        IllegalArgumentException.class,
        () -> series.issue(NO_DATABASE, "s".repeat(51), DATE),
        "scope too long");
    assertThrows(
        IllegalArgumentException.class,
        () -> series.issue(NO_DATABASE, "acme", LocalDate.of(10000, 1, 1)));
    assertThrows(NullPointerException.class, () -> series.issue(NO_DATABASE, "acme", null));
    // A pattern whose text cannot fit with this scope.
    NumberSeries wide = NumberSeries.named("s").formatted("x".repeat(40) + "{scope}{n}");
    IllegalArgumentException text =
        assertThrows(
            IllegalArgumentException.class, () -> wide.issue(NO_DATABASE, "s".repeat(45), DATE));
    assertTrue(
        text.getMessage().contains("makes numbers of up to 104 code points"), text.getMessage());

    IssuedNumber number = new IssuedNumber("s", "acme", "", 1, null, null, false);
    IllegalArgumentException blank =
        assertThrows(
            IllegalArgumentException.class, () -> series.voidNumber(NO_DATABASE, number, " \t"));
    assertEquals(
        "a void needs a reason: ' \t' is blank; say why the number is voided", blank.getMessage());
    assertThrows(NullPointerException.class, () -> series.voidNumber(NO_DATABASE, number, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> series.voidNumber(NO_DATABASE, number, "x".repeat(201)));
    IllegalArgumentException other =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                series.voidNumber(
                    NO_DATABASE,
                    new IssuedNumber("t", "acme", "", 1, null, null, false),
                    "cancelled"));
    assertEquals("number 1 belongs to series 't', not to 's'", other.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            series.voidNumber(
                NO_DATABASE, new IssuedNumber("s", "acme", "26", 1, null, null, false), "x"));
    assertThrows(
        IllegalArgumentException.class, () -> series.verify(NO_DATABASE, "acme", "2026-1"));
    assertThrows(
        NullPointerException.class, () -> new IssuedNumber("s", null, "", 1, null, null, false));
  }

  /**
   * Which patterns tell the periods apart: {@code {period}}, or the date placeholders of the
   * period's labels; what is missing is named, or blank when nothing is. Refused by issue before
   * any SQL (there is no database here), never while the series is built.
   */
  @ParameterizedTest(name = "{0} every {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{n}          | NEVER  |",
        "{n}          | YEAR   | {period} or {yyyy}",
        "{yy}-{n}     | YEAR   |",
        "{yyyy}-{n}   | MONTH  | {period} or {MM}",
        "{MM}{dd}-{n} | DAY    | {period} or {yyyy}",
        "{yyyy}{MM}{n}| DAY    | {period} or {dd}",
        "{period}-{n} | DAY    |",
        "{yyyy}-{n}   | --01-01|",
        "{yyyy}-{n}   | --04-01| {period} or {MM}",
        "{yy}{MM}-{n} | --04-01|",
        "{yyyy}{MM}{n}| --04-15| {period} or {dd}",
        "{n}          | --04-15| {period} or {yyyy}, {MM} and {dd}"
      })
  void patternsThatCannotTellThePeriodsApartAreRefusedAtIssue(
      String pattern, String period, String missing) {
    SeriesPeriod resetting =
        period.startsWith("--")
            ? SeriesPeriod.fiscalYearStarting(MonthDay.parse(period))
            : switch (period) {
              case "NEVER" -> SeriesPeriod.NEVER;
              case "YEAR" -> SeriesPeriod.YEAR;
              case "MONTH" -> SeriesPeriod.MONTH;
              default -> SeriesPeriod.DAY;
            };
    NumberSeries series = NumberSeries.named("s").resettingEvery(resetting).formatted(pattern);
    if (missing == null) {
      assertThrows(
          org.jooq.exception.DetachedException.class,
          () -> series.issue(NO_DATABASE, "", DATE),
          "reaches SQL");
      return;
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> series.issue(NO_DATABASE, "", DATE));
    assertEquals(
        "series 's': pattern '"
            + pattern
            + "' prints the same texts in two periods of "
            + resetting
            + ": add "
            + missing
            + " to tell them apart, or call allowingRepeatedTexts() if that is what you want;"
            + " nothing was issued",
        e.getMessage());
    NumberSeries allowed = series.allowingRepeatedTexts();
    assertTrue(allowed.allowsRepeatedTexts());
    assertTrue(allowed.toString().endsWith(", allowing repeated texts]"), allowed.toString());
    assertThrows(
        org.jooq.exception.DetachedException.class, () -> allowed.issue(NO_DATABASE, "", DATE));
  }
}
