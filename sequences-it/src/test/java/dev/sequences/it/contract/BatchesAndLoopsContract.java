package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.jooq.ValueRange;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** Batches, iterators, looping sequences and the end of the BIGINT range. */
abstract class BatchesAndLoopsContract extends ContractFixture {

  BatchesAndLoopsContract(DatabaseDescription db) {
    super(db);
  }

  @Test
  void loopingSequenceGoesBackToItsInitialValue() {
    GaplessSequence seq = GaplessSequence.named("loop").startingAt(5).resettingAt(8);
    List<Long> values = LongStream.range(0, 7).mapToObj(i -> next(seq)).toList();
    assertEquals(List.of(5L, 6L, 7L, 5L, 6L, 7L, 5L), values);
  }

  @Test
  void loopingSequenceResetsACounterEditedOutsideItsRange() {
    GaplessSequence seq = GaplessSequence.named("edited").startingAt(10).resettingAt(20);
    insertRow("edited", 500);
    assertEquals(10, next(seq));
    insertRowReplacing("edited", 3);
    assertEquals(10, next(seq));
    assertEquals(11, next(seq));
  }

  @Test
  void batchesAreConsecutiveAndContinueTheSequence() {
    GaplessSequence seq = GaplessSequence.named("batch");
    ValueRange first = inTransaction(ctx -> seq.nextValues(ctx, 5));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), first.stream().boxed().toList());
    assertEquals(1, first.first());
    assertEquals(5, first.last());
    assertEquals(5, first.size());
    assertEquals(6, next(seq));
    ValueRange second = inTransaction(ctx -> seq.nextValues(ctx, 3));
    assertEquals(List.of(7L, 8L, 9L), second.stream().boxed().toList());
  }

  @Test
  void firstBatchStartsAtTheInitialValue() {
    ValueRange range =
        inTransaction(ctx -> GaplessSequence.named("b").startingAt(10).nextValues(ctx, 3));
    assertEquals(List.of(10L, 11L, 12L), range.stream().boxed().toList());
  }

  @Test
  void emptyBatchTouchesNothing() {
    GaplessSequence seq = GaplessSequence.named("empty");
    ValueRange range = inTransaction(ctx -> seq.nextValues(ctx, 0));
    assertTrue(range.isEmpty());
    assertEquals(0, range.size());
    assertEquals(0, range.stream().count());
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  @Test
  void iteratorIssuesOneValueAtATime() {
    GaplessSequence seq = GaplessSequence.named("iter").startingAt(7);
    List<Long> values =
        inTransaction(
            ctx -> {
              PrimitiveIterator.OfLong it = seq.values(ctx);
              List<Long> taken = new ArrayList<>();
              for (int i = 0; i < 3; i++) {
                assertTrue(it.hasNext());
                taken.add(it.nextLong());
              }
              return taken;
            });
    assertEquals(List.of(7L, 8L, 9L), values);
    assertEquals(OptionalLong.of(9), seq.lastValue(dsl));
  }

  @Test
  void valuesNeverPassLongMaxValue() {
    GaplessSequence seq = GaplessSequence.named("max");
    insertRow("max", Long.MAX_VALUE - 1);
    assertEquals(Long.MAX_VALUE, next(seq));
    DataAccessException e = assertThrows(DataAccessException.class, () -> next(seq));
    assertFalse(e instanceof SequenceLockedException);
    assertTrue(e.getMessage().contains("'max'"), e.getMessage());
    assertTrue(e.getMessage().contains("Long.MAX_VALUE"), e.getMessage());
    assertEquals(OptionalLong.of(Long.MAX_VALUE), seq.lastValue(dsl));
  }

  @Test
  void batchThatWouldOverflowFailsAndKeepsTheCounter() {
    GaplessSequence seq = GaplessSequence.named("max-batch");
    insertRow("max-batch", Long.MAX_VALUE - 3);
    assertThrows(DataAccessException.class, () -> inTransaction(ctx -> seq.nextValues(ctx, 4)));
    assertEquals(OptionalLong.of(Long.MAX_VALUE - 3), seq.lastValue(dsl));
    ValueRange last3 = inTransaction(ctx -> seq.nextValues(ctx, 3));
    assertEquals(Long.MAX_VALUE - 2, last3.first());
    assertEquals(Long.MAX_VALUE, last3.last());
    DataAccessException first =
        assertThrows(
            DataAccessException.class,
            () ->
                inTransaction(
                    ctx ->
                        GaplessSequence.named("max-first")
                            .startingAt(Long.MAX_VALUE)
                            .nextValues(ctx, 2)));
    assertTrue(first.getMessage().contains("Long.MAX_VALUE"), first.getMessage());
    assertEquals(OptionalLong.empty(), GaplessSequence.named("max-first").lastValue(dsl));
    // The initial value only matters on first use: an existing counter far from the limit goes on.
    insertRow("max-first", 1);
    ValueRange existing =
        inTransaction(
            ctx ->
                GaplessSequence.named("max-first").startingAt(Long.MAX_VALUE).nextValues(ctx, 2));
    assertEquals(List.of(2L, 3L), existing.stream().boxed().toList());
    assertEquals(OptionalLong.of(3), GaplessSequence.named("max-first").lastValue(dsl));
  }
}
