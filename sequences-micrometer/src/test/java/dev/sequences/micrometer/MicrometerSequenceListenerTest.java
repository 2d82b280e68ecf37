package dev.sequences.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceListener;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.testfixtures.H2Counters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters a {@link MicrometerSequenceListener} records for real calls on H2 in memory. */
class MicrometerSequenceListenerTest {

  private static final GaplessSequence INVOICES = GaplessSequence.named("invoices");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private DSLContext plain;

  @BeforeEach
  void emptyDatabase() {
    plain = H2Counters.database("micrometer");
  }

  /** A context over the database whose configuration carries {@code listener}. */
  private DSLContext listenedBy(MicrometerSequenceListener listener) {
    return DSL.using(listener.installOn(plain.configuration().derive()));
  }

  private static long next(DSLContext dsl, GaplessSequence seq) {
    return dsl.transactionResult(cfg -> seq.nextValue(cfg.dsl()));
  }

  /** Every meter of the registry as "name{tags}" -> count, sorted. */
  private Map<String, Double> meters() {
    Map<String, Double> meters = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      String tags =
          String.join(
              ",",
              meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue()).toList());
      double count =
          switch (meter) {
            case Timer timer -> timer.count();
            case Counter counter -> counter.count();
            default -> throw new AssertionError(meter);
          };
      meters.put(meter.getId().getName() + "{" + tags + "}", count);
    }
    return meters;
  }

  private static Map<String, Double> untagged(
      double issued, double locked, double runAgain, double error, double values) {
    return Map.of(
        "sequences.next{outcome=error}", error,
        "sequences.next{outcome=issued}", issued,
        "sequences.next{outcome=locked}", locked,
        "sequences.next{outcome=run_again}", runAgain,
        "sequences.values.issued{}", values);
  }

  @Test
  void withoutTagsEveryOutcomeHasItsTimerFromTheStart() {
    new MicrometerSequenceListener(registry);
    assertEquals(untagged(0, 0, 0, 0, 0), meters());
  }

  @Test
  void issuedCallsAreTimedAndTheirValuesCounted() {
    DSLContext dsl = listenedBy(new MicrometerSequenceListener(registry));
    assertEquals(1, next(dsl, INVOICES));
    assertEquals(2, next(dsl, INVOICES));
    assertEquals(3, next(dsl, GaplessSequence.named("credit-notes")) + 2);
    assertEquals(8, dsl.transactionResult(cfg -> INVOICES.nextValues(cfg.dsl(), 6)).last());
    assertEquals(untagged(4, 0, 0, 0, 9), meters());
    Timer issued = registry.get("sequences.next").tag("outcome", "issued").timer();
    assertTrue(issued.totalTime(TimeUnit.NANOSECONDS) > 0);
  }

  @Test
  void nowaitOnAHeldSequenceIsLocked() throws Exception {
    DSLContext dsl = listenedBy(new MicrometerSequenceListener(registry));
    try (H2Counters.Held holder = new H2Counters.Held(plain, INVOICES::nextValue)) {
      assertThrows(
          SequenceLockedException.class,
          () -> dsl.transaction(cfg -> INVOICES.nextValue(cfg.dsl(), LockWait.NOWAIT)));
      assertThrows(
          SequenceLockedException.class,
          () ->
              dsl.transaction(
                  cfg -> INVOICES.nextValue(cfg.dsl(), LockWait.timeout(Duration.ofMillis(200)))));
      holder.commit();
    }
    assertEquals(2, next(dsl, INVOICES));
    assertEquals(untagged(1, 2, 0, 0, 1), meters());
    // The bounded wait's time is in the locked timer: the wait is part of the call.
    Timer locked = registry.get("sequences.next").tag("outcome", "locked").timer();
    assertTrue(locked.max(TimeUnit.MILLISECONDS) >= 150, locked.max(TimeUnit.MILLISECONDS) + " ms");
  }

  @Test
  void aRacedFirstUseAtSerializableIsRunAgain() throws Exception {
    DSLContext dsl = listenedBy(new MicrometerSequenceListener(registry));
    try (H2Counters.Held holder = new H2Counters.Held(plain, INVOICES::nextValue)) {
      CompletableFuture<Long> second =
          H2Counters.raceFirstUse(dsl, plain, holder, INVOICES::nextValue);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> second.get(60, TimeUnit.SECONDS));
      assertEquals("40001", ((DataAccessException) e.getCause()).sqlState());
    }
    assertEquals(untagged(0, 0, 1, 0, 0), meters());
  }

  @Test
  void refusalsAndDatabaseErrorsAreErrors() {
    DSLContext dsl = listenedBy(new MicrometerSequenceListener(registry));
    // Auto-commit: refused before any SQL.
    assertThrows(IllegalStateException.class, () -> INVOICES.nextValue(dsl));
    // Past Long.MAX_VALUE.
    GaplessSequence max = GaplessSequence.named("max").startingAt(Long.MAX_VALUE);
    assertEquals(Long.MAX_VALUE, next(dsl, max));
    assertThrows(DataAccessException.class, () -> next(dsl, max));
    assertEquals(untagged(1, 0, 0, 2, 1), meters());
  }

  @Test
  void sequenceTagsByPrefixKeepOneMeterPerFamily() {
    DSLContext dsl =
        listenedBy(
            new MicrometerSequenceListener(
                registry, SequenceTags.byPrefix("invoices-", "credit-notes-")));
    for (String name : List.of("invoices-2026", "invoices-2027", "credit-notes-acme", "default")) {
      next(dsl, GaplessSequence.named(name));
    }
    next(dsl, GaplessSequence.named("invoices-2026"));
    Map<String, Double> meters = meters();
    assertEquals(3.0, meters.get("sequences.next{outcome=issued,sequence=invoices-}"));
    assertEquals(1.0, meters.get("sequences.next{outcome=issued,sequence=credit-notes-}"));
    assertEquals(1.0, meters.get("sequences.next{outcome=issued,sequence=other}"));
    assertEquals(3.0, meters.get("sequences.values.issued{sequence=invoices-}"));
    assertEquals(0.0, meters.get("sequences.next{outcome=locked,sequence=invoices-}"));
    // Three tag values, each with four timers and a counter.
    assertEquals(15, meters.size(), meters.toString());
  }

  @Test
  void sequenceTagsByNameAndByMapping() {
    DSLContext byName = listenedBy(new MicrometerSequenceListener(registry, SequenceTags.name()));
    next(byName, INVOICES);
    assertEquals(
        1.0,
        registry
            .get("sequences.next")
            .tags("outcome", "issued", "sequence", "invoices")
            .timer()
            .count());
    SimpleMeterRegistry mapped = new SimpleMeterRegistry();
    DSLContext byYear =
        DSL.using(
            new MicrometerSequenceListener(
                    mapped, SequenceTags.mapping(name -> name.replaceAll("-\\d{4}$", "")))
                .installOn(plain.configuration().derive()));
    next(byYear, GaplessSequence.named("invoices-2026"));
    next(byYear, GaplessSequence.named("invoices-2027"));
    assertEquals(
        2.0, mapped.get("sequences.values.issued").tag("sequence", "invoices").counter().count());
  }

  @Test
  void atMostAHundredSequenceTagValuesThenOther() {
    DSLContext dsl = listenedBy(new MicrometerSequenceListener(registry, SequenceTags.name()));
    for (int i = 0; i < 150; i++) {
      GaplessSequence seq = GaplessSequence.named("per-customer-" + i);
      dsl.transaction(cfg -> seq.nextValue(cfg.dsl()));
    }
    List<String> values =
        registry.get("sequences.values.issued").counters().stream()
            .map(c -> c.getId().getTag("sequence"))
            .toList();
    assertEquals(MicrometerSequenceListener.MAX_SEQUENCE_TAG_VALUES + 1, values.size());
    assertEquals(
        50.0, registry.get("sequences.values.issued").tag("sequence", "other").counter().count());
  }

  @Test
  void aSecondEqualListenerIsNotInstalledTwice() {
    var configuration = plain.configuration().derive();
    new MicrometerSequenceListener(registry).installOn(configuration);
    new MicrometerSequenceListener(registry).installOn(configuration);
    new MicrometerSequenceListener(registry, SequenceTags.byPrefix("a")).installOn(configuration);
    new MicrometerSequenceListener(registry, SequenceTags.byPrefix("a")).installOn(configuration);
    assertEquals(2, SequenceListener.installedOn(configuration).size());
  }

  @Test
  void tagStrategiesAreChecked() {
    assertThrows(IllegalArgumentException.class, SequenceTags::byPrefix);
    assertThrows(IllegalArgumentException.class, () -> SequenceTags.byPrefix("inv", ""));
    assertThrows(IllegalStateException.class, () -> SequenceTags.none().valueOf("x"));
    assertEquals("other", SequenceTags.mapping(name -> null).valueOf("x"));
    assertEquals("SequenceTags.byPrefix(a, b)", SequenceTags.byPrefix("a", "b").toString());
  }
}
