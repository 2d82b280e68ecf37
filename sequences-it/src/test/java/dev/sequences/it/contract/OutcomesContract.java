package dev.sequences.it.contract;

import static dev.sequences.jooq.SequenceEvent.Outcome.ERROR;
import static dev.sequences.jooq.SequenceEvent.Outcome.ISSUED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SequenceEvent;
import dev.sequences.series.ChronologyException;
import dev.sequences.series.NumberSeries;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a {@code SequenceListener} hears of calls that end in an exception outside {@code
 * nextValue}'s own statement: each is one event with its real outcome. On base descriptions only.
 */
abstract class OutcomesContract extends ContractFixture {

  private static final NumberSeries SERIES = NumberSeries.named("outcomes");
  private static final LocalDate MARCH_14 = LocalDate.of(2026, 3, 14);

  OutcomesContract(DatabaseDescription db) {
    super(db);
  }

  @BeforeAll
  @Override
  protected void migrate() {
    Assumptions.assumeTrue(
        db.base(), "outcomes run once per database, on its base description, not on " + db.label());
    super.migrate();
  }

  /** A series refuses a context outside a transaction before it takes a value: one error. */
  @Test
  void aSeriesIssueOutsideATransactionIsAnError() {
    List<SequenceEvent> events = new CopyOnWriteArrayList<>();
    DSLContext heard = heardBy(events);
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> SERIES.issue(heard, "acme", MARCH_14));
    assertEquals(List.of(ERROR), outcomes(events));
    assertSame(refused, events.get(0).failure());
    assertEquals(SERIES.counterName("acme", MARCH_14), events.get(0).sequenceName());
    assertEquals(0, events.get(0).valuesIssued());
  }

  /**
   * A series takes a value, then refuses the document date (chronology) and gives the value back:
   * the call is an error that issued nothing, not an issue.
   */
  @Test
  void aChronologyRefusalIsAnErrorThatIssuedNothing() {
    List<SequenceEvent> events = new CopyOnWriteArrayList<>();
    DSLContext heard = heardBy(events);
    heard.transaction(cfg -> SERIES.issue(cfg.dsl(), "acme", MARCH_14));
    ChronologyException refused =
        assertThrows(
            ChronologyException.class,
            () -> heard.transaction(cfg -> SERIES.issue(cfg.dsl(), "acme", MARCH_14.minusDays(1))));
    assertEquals(List.of(ISSUED, ERROR), outcomes(events));
    assertSame(refused, events.get(1).failure());
    assertEquals(1, events.stream().mapToInt(SequenceEvent::valuesIssued).sum());
  }

  /** {@code nextValueBeforeCommit} without a hook at the commit refuses: one error. */
  @Test
  void numberingAtCommitWithoutAHookIsAnError() {
    List<SequenceEvent> events = new CopyOnWriteArrayList<>();
    DSLContext heard = heardBy(events);
    GaplessSequence seq = GaplessSequence.named("outcomes-at-commit");
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> heard.transaction(cfg -> seq.nextValueBeforeCommit(cfg.dsl(), (ctx, n) -> {})));
    assertEquals(List.of(ERROR), outcomes(events));
    assertSame(refused, events.get(0).failure());
    assertEquals("outcomes-at-commit", events.get(0).sequenceName());
  }
}
