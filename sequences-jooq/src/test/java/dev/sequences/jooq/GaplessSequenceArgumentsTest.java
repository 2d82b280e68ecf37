package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DetachedException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Everything that is decided before any SQL runs: no database here. */
class GaplessSequenceArgumentsTest {

  @Test
  void defaultsAreThoseOfDjangoSequences() {
    GaplessSequence seq = GaplessSequence.defaultSequence();
    assertEquals("default", seq.name());
    assertEquals(1, seq.initialValue());
    assertEquals(OptionalLong.empty(), seq.resetValue());
    assertFalse(seq.allowsAutoCommit());
  }

  @Test
  void withMethodsReturnNewInstancesAndKeepTheOriginal() {
    GaplessSequence base = GaplessSequence.named("invoices");
    GaplessSequence looping = base.startingAt(10).resettingAt(20).allowingAutoCommit();
    assertEquals(1, base.initialValue());
    assertEquals(OptionalLong.empty(), base.resetValue());
    assertFalse(base.allowsAutoCommit());
    assertEquals(10, looping.initialValue());
    assertEquals(OptionalLong.of(20), looping.resetValue());
    assertTrue(looping.allowsAutoCommit());
    assertEquals(GaplessSequence.named("invoices"), base);
    assertEquals(
        "GaplessSequence['invoices', initialValue=10, resetValue=20, allowsAutoCommit]",
        looping.toString());
  }

  @Test
  void namesMustBeOneToHundredCodePointsOfWellFormedText() {
    assertThrows(NullPointerException.class, () -> GaplessSequence.named(null));
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> GaplessSequence.named(""));
    assertEquals("a sequence name cannot be empty", empty.getMessage());
    String hundred = "🧾".repeat(100);
    assertEquals(hundred, GaplessSequence.named(hundred).name());
    IllegalArgumentException tooLong =
        assertThrows(IllegalArgumentException.class, () -> GaplessSequence.named("x".repeat(101)));
    assertEquals(
        "sequence name 'xxxxxxxxxxxxxxxxxxxx...' has 101 code points; the most is 100",
        tooLong.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GaplessSequence.named("a\uD800b"));
    assertThrows(IllegalArgumentException.class, () -> GaplessSequence.named("a\uDC00"));
    assertThrows(IllegalArgumentException.class, () -> GaplessSequence.named("\uD800"));
    assertThrows(IllegalArgumentException.class, () -> GaplessSequence.named("a\0b"));
    IllegalArgumentException blank =
        assertThrows(IllegalArgumentException.class, () -> GaplessSequence.named(" \t\n"));
    assertEquals("a sequence name cannot be only white space (' \t\n')", blank.getMessage());
    assertEquals(" x ", GaplessSequence.named(" x ").name());
  }

  @Test
  void namesOfNumberSeriesAreReservedAndReachedOnlyThroughTheInternalWayIn() {
    IllegalArgumentException reserved =
        assertThrows(
            IllegalArgumentException.class,
            () -> GaplessSequence.named("series:invoices/acme/2026"));
    assertEquals(
        "sequence name 'series:invoices/acme/2026' starts with 'series:', which is reserved for"
            + " the counters of number series (NumberSeries in sequences-series, which records"
            + " every number in its ledger): choose a name that does not start with it",
        reserved.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GaplessSequence.named("series:"));
    assertEquals("Series:x", GaplessSequence.named("Series:x").name(), "the prefix is exact");
    assertEquals("x series:", GaplessSequence.named("x series:").name());

    GaplessSequence counter = ReservedCounters.sequence("series:invoices/acme/2026", 7);
    assertEquals("series:invoices/acme/2026", counter.name());
    assertEquals(7, counter.initialValue());
    assertFalse(counter.allowsAutoCommit());
    assertThrows(IllegalArgumentException.class, () -> ReservedCounters.sequence("invoices", 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReservedCounters.sequence("series:" + "x".repeat(94), 1));
  }

  @Test
  void resetMustBeAboveInitialWhicheverComesLast() {
    assertThrows(IllegalArgumentException.class, () -> GaplessSequence.named("s").resettingAt(1));
    assertThrows(IllegalArgumentException.class, () -> GaplessSequence.named("s").resettingAt(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> GaplessSequence.named("s").resettingAt(10).startingAt(10));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GaplessSequence.named("s").startingAt(5).resettingAt(3));
    assertEquals(
        "sequence 's': the reset value (3) must be greater than the initial value (5)",
        e.getMessage());
    assertEquals(OptionalLong.of(2), GaplessSequence.named("s").resettingAt(2).resetValue());
  }

  @Test
  void batchArgumentsAreCheckedBeforeTheDatabase() {
    var ctx = DSL.using(SQLDialect.POSTGRES);
    GaplessSequence seq = GaplessSequence.named("s");
    assertThrows(IllegalArgumentException.class, () -> seq.nextValues(ctx, -1));
    assertThrows(UnsupportedOperationException.class, () -> seq.resettingAt(5).nextValues(ctx, 1));
    assertTrue(seq.nextValues(ctx, 0).isEmpty());
    // An initial value near Long.MAX_VALUE is no argument error: it only matters on first use, and
    // an existing counter may be far from the limit (the contract suite's overflow tests), so the
    // call goes to the database, which this context does not have.
    DataAccessException detached =
        assertThrows(
            DataAccessException.class, () -> seq.startingAt(Long.MAX_VALUE - 1).nextValues(ctx, 3));
    assertTrue(detached.getMessage().contains("has no JDBC connection"), detached.getMessage());
  }

  @Test
  void unsupportedDialectIsNamed() {
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () -> GaplessSequence.named("s").nextValue(DSL.using(SQLDialect.DERBY)));
    assertEquals(
        "GaplessSequence does not support the jOOQ dialect DERBY; supported dialects are"
            + " POSTGRES, MARIADB, MYSQL, H2, HSQLDB and SQLITE",
        e.getMessage());
  }

  @Test
  void contextWithoutConnectionFailsClearly() {
    DetachedException e =
        assertThrows(
            DetachedException.class,
            () -> GaplessSequence.named("s").nextValue(DSL.using(SQLDialect.H2)));
    assertTrue(e.getMessage().contains("'s'"), e.getMessage());
    assertTrue(e.getMessage().contains("has no JDBC connection"), e.getMessage());
  }

  @Test
  void lockWaits() {
    assertEquals(Optional.empty(), LockWait.WAIT.limit());
    assertEquals(Optional.of(Duration.ZERO), LockWait.NOWAIT.limit());
    assertEquals(LockWait.NOWAIT, LockWait.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> LockWait.timeout(Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> LockWait.timeout(null));
    LockWait wait = LockWait.timeout(Duration.ofMillis(1500));
    assertEquals(1500, wait.millisRoundedUp());
    assertEquals(2, wait.secondsRoundedUp());
    assertEquals(1, LockWait.timeout(Duration.ofNanos(1)).millisRoundedUp());
    assertEquals(1, LockWait.timeout(Duration.ofNanos(1)).secondsRoundedUp());
    assertEquals(3, LockWait.timeout(Duration.ofSeconds(3)).secondsRoundedUp());
    assertEquals(0, LockWait.NOWAIT.secondsRoundedUp());
    assertEquals("LockWait.timeout(PT1.5S)", wait.toString());
    assertEquals(
        List.of("LockWait.WAIT", "LockWait.NOWAIT"),
        List.of(LockWait.WAIT.toString(), LockWait.NOWAIT.toString()));
  }

  @Test
  void valueRanges() {
    ValueRange empty = ValueRange.empty();
    assertEquals(0, empty.size());
    assertThrows(NoSuchElementException.class, empty::first);
    assertThrows(NoSuchElementException.class, empty::last);
    ValueRange range = ValueRange.endingAt(12, 3);
    assertEquals(10, range.first());
    assertEquals(12, range.last());
    assertEquals(List.of(10L, 11L, 12L), range.stream().boxed().toList());
    assertEquals("ValueRange[10..12]", range.toString());
    ValueRange top = ValueRange.endingAt(Long.MAX_VALUE, 2);
    assertEquals(List.of(Long.MAX_VALUE - 1, Long.MAX_VALUE), top.stream().boxed().toList());
  }
}
