package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.jooq.SequenceEvent.Outcome;
import dev.sequences.testfixtures.H2Counters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners installed on a configuration hear each call of every sequence once, with the outcome
 * the caller sees, through every context derived from it, and cannot break a call.
 */
class SequenceListenerTest {

  private final List<SequenceEvent> events = new CopyOnWriteArrayList<>();
  private final SequenceListener recorder = events::add;
  private DSLContext plain;
  private DSLContext dsl;

  @BeforeEach
  void setUp() {
    plain = H2Counters.database("listener");
    dsl = DSL.using(SequenceListener.install(plain.configuration().derive(), recorder));
  }

  private long next(GaplessSequence seq) {
    return dsl.transactionResult(cfg -> seq.nextValue(cfg.dsl()));
  }

  @Test
  void issuedValuesAreReportedOncePerCallThroughTheTransactionsContext() {
    GaplessSequence invoices = GaplessSequence.named("invoices");
    assertEquals(1, next(invoices));
    assertEquals(2, next(invoices));
    ValueRange batch = dsl.transactionResult(cfg -> invoices.nextValues(cfg.dsl(), 5));
    assertEquals(7, batch.last());
    assertEquals(List.of(1, 1, 5), events.stream().map(SequenceEvent::valuesIssued).toList());
    for (SequenceEvent event : events) {
      assertEquals("invoices", event.sequenceName());
      assertEquals(Outcome.ISSUED, event.outcome());
      assertNull(event.failure());
      assertTrue(event.elapsedNanos() > 0, event.toString());
    }
  }

  @Test
  void callsWithoutSqlReportNothing() {
    GaplessSequence seq = GaplessSequence.named("quiet");
    dsl.transaction(cfg -> assertEquals(0, seq.nextValues(cfg.dsl(), 0).size()));
    assertThrows(
        IllegalArgumentException.class,
        () -> dsl.transaction(cfg -> seq.nextValues(cfg.dsl(), -1)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            dsl.transaction(
                cfg -> seq.nextValue(cfg.dsl(), LockWait.timeout(Duration.ofDays(10_000)))));
    seq.lastValue(dsl);
    seq.delete(dsl);
    assertEquals(List.of(), events);
  }

  @Test
  void contextsWithoutTheListenerReportNothing() {
    plain.transaction(cfg -> GaplessSequence.named("unheard").nextValue(cfg.dsl()));
    assertEquals(List.of(), events);
    assertEquals(List.of(), SequenceListener.installedOn(plain.configuration()));
  }

  @Test
  void nowaitOnAHeldSequenceIsLocked() throws Exception {
    GaplessSequence seq = GaplessSequence.named("held");
    try (H2Counters.Held holder = new H2Counters.Held(plain, seq::nextValue)) {
      SequenceLockedException e =
          assertThrows(
              SequenceLockedException.class,
              () -> dsl.transaction(cfg -> seq.nextValue(cfg.dsl(), LockWait.NOWAIT)));
      assertEquals(1, events.size());
      SequenceEvent event = events.getFirst();
      assertEquals(Outcome.LOCKED, event.outcome());
      assertEquals(0, event.valuesIssued());
      assertSame(e, event.failure());
      holder.commit();
    }
  }

  @Test
  void aBoundedWaitThatRunsOutIsLockedAndItsTimeIsTheWait() throws Exception {
    GaplessSequence seq = GaplessSequence.named("held-timeout");
    try (H2Counters.Held holder = new H2Counters.Held(plain, seq::nextValue)) {
      assertThrows(
          SequenceLockedException.class,
          () ->
              dsl.transaction(
                  cfg -> seq.nextValue(cfg.dsl(), LockWait.timeout(Duration.ofMillis(300)))));
      SequenceEvent event = events.getFirst();
      assertEquals(Outcome.LOCKED, event.outcome());
      assertTrue(event.elapsed(TimeUnit.MILLISECONDS) >= 250, event.toString());
      holder.commit();
    }
  }

  /**
   * H2 at SERIALIZABLE racing another transaction's first use of the sequence cannot see the row
   * the other committed: "run the whole transaction again" (40001).
   */
  @Test
  void aRacedFirstUseAtSerializableIsRunAgain() throws Exception {
    GaplessSequence seq = GaplessSequence.named("raced");
    try (H2Counters.Held first = new H2Counters.Held(plain, seq::nextValue)) {
      racedBy(first, seq);
    }
  }

  private void racedBy(H2Counters.Held first, GaplessSequence seq) throws Exception {
    CompletableFuture<Long> second = H2Counters.raceFirstUse(dsl, plain, first, seq::nextValue);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> second.get(60, TimeUnit.SECONDS));
    DataAccessException failure = assertInstanceOf(DataAccessException.class, e.getCause());
    assertEquals("40001", failure.sqlState());
    assertEquals(1, events.size(), events.toString());
    assertEquals(Outcome.RUN_AGAIN, events.getFirst().outcome());
    assertSame(failure, events.getFirst().failure());
  }

  @Test
  void refusalsAndDatabaseErrorsAreErrors() {
    GaplessSequence seq = GaplessSequence.named("refused");
    // Auto-commit, refused before any SQL.
    IllegalStateException autoCommit =
        assertThrows(IllegalStateException.class, () -> seq.nextValue(dsl));
    // The counter table missing.
    plain.execute("alter table \"sequences_sequence\" rename to \"elsewhere\"");
    try {
      DataAccessException missing =
          assertThrows(
              DataAccessException.class, () -> dsl.transaction(cfg -> seq.nextValue(cfg.dsl())));
      assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
      assertEquals(List.of(Outcome.ERROR, Outcome.ERROR), outcomes());
      assertSame(autoCommit, events.get(0).failure());
      assertSame(missing, events.get(1).failure());
    } finally {
      plain.execute("alter table \"elsewhere\" rename to \"sequences_sequence\"");
    }
  }

  @Test
  void aFailingListenerBreaksNoCallAndTheOthersStillHear() {
    Configuration configuration = plain.configuration().derive();
    SequenceListener failing =
        event -> {
          throw new IllegalStateException("broken listener");
        };
    SequenceListener.install(configuration, failing);
    SequenceListener.install(configuration, recorder);
    GaplessSequence seq = GaplessSequence.named("robust");
    assertEquals(
        1L, (long) DSL.using(configuration).transactionResult(cfg -> seq.nextValue(cfg.dsl())));
    assertEquals(List.of(Outcome.ISSUED), outcomes());
  }

  @Test
  void installingAddsInOrderAndOnceEach() {
    Configuration configuration = plain.configuration().derive();
    SequenceListener other = event -> {};
    SequenceListener.install(configuration, recorder);
    Configuration before = configuration.derive();
    assertSame(configuration, SequenceListener.install(configuration, other));
    SequenceListener.install(configuration, recorder);
    assertEquals(List.of(recorder, other), SequenceListener.installedOn(configuration));
    assertEquals(List.of(recorder), SequenceListener.installedOn(before));
    assertEquals(List.of(recorder, other), SequenceListener.installedOn(configuration.derive()));
  }

  @Test
  void eventsAreChecked() {
    RuntimeException failure = new IllegalStateException();
    assertThrows(
        IllegalArgumentException.class,
        () -> new SequenceEvent("x", 1, Outcome.ISSUED, 1, failure));
    assertThrows(
        NullPointerException.class, () -> new SequenceEvent("x", 1, Outcome.ERROR, 1, null));
    assertThrows(
        IllegalArgumentException.class, () -> new SequenceEvent("x", 0, Outcome.ISSUED, 1, null));
    assertThrows(
        IllegalArgumentException.class, () -> new SequenceEvent("x", 1, Outcome.ISSUED, -1, null));
    assertEquals(0, new SequenceEvent("x", 3, Outcome.LOCKED, 1, failure).valuesIssued());
  }

  private List<Outcome> outcomes() {
    return events.stream().map(SequenceEvent::outcome).toList();
  }
}
