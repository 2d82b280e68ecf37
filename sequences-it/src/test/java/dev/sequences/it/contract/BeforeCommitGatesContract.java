package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Numbering at commit through the JVM's gates (one transaction at a time at a counter's row): many
 * transactions on two sequences, asked in opposite orders, some rolled back, lose and double
 * nothing. Runs on each database's base description.
 */
abstract class BeforeCommitGatesContract extends AtCommitFixture {

  private static final int THREADS = 6;
  private static final int TRANSACTIONS_PER_THREAD = 20;

  /** Ids of documents numbered by the second sequence start here. */
  private static final long SECOND = 1_000_000;

  BeforeCommitGatesContract(DatabaseDescription db) {
    super(db);
  }

  @Test
  void manyTransactionsOnTwoSequencesInOppositeOrdersLoseAndDoubleNothing() throws Exception {
    GaplessSequence first = GaplessSequence.named("gates-first");
    GaplessSequence second = GaplessSequence.named("gates-second");
    AtomicLong ids = new AtomicLong();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<Integer>> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      boolean firstFirst = t % 2 == 0;
      threads.add(
          Threads.POOL.submit(
              () -> {
                await(start);
                int committed = 0;
                for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
                  long id = ids.incrementAndGet();
                  boolean rollBack = id % 5 == 0;
                  try {
                    hooked.transaction(
                        cfg -> {
                          if (firstFirst) {
                            save(cfg.dsl(), first, id);
                            save(cfg.dsl(), second, SECOND + id);
                          } else {
                            save(cfg.dsl(), second, SECOND + id);
                            save(cfg.dsl(), first, id);
                          }
                          if (rollBack) {
                            throw new IllegalStateException("rolled back on purpose");
                          }
                        });
                    committed++;
                  } catch (IllegalStateException onPurpose) {
                    assertEquals("rolled back on purpose", onPurpose.getMessage());
                  }
                }
                return committed;
              }));
    }
    int committed = 0;
    for (Future<Integer> thread : threads) {
      committed += thread.get(MAX_WAIT_SECONDS * 4, TimeUnit.SECONDS);
    }
    assertEquals(THREADS * TRANSACTIONS_PER_THREAD * 4 / 5, committed);
    Map<Long, Long> numbers = numbers();
    List<Long> expected = LongStream.rangeClosed(1, committed).boxed().toList();
    assertEquals(expected, numbersOf(numbers, false), "the first sequence's documents");
    assertEquals(expected, numbersOf(numbers, true), "the second sequence's documents");
    assertEquals(OptionalLong.of(committed), first.lastValue(admin));
    assertEquals(OptionalLong.of(committed), second.lastValue(admin));
  }

  /** The numbers of the documents of one sequence, sorted: a duplicate shows twice. */
  private static List<Long> numbersOf(Map<Long, Long> numbers, boolean second) {
    return numbers.entrySet().stream()
        .filter(e -> (e.getKey() >= SECOND) == second)
        .map(Map.Entry::getValue)
        .sorted()
        .toList();
  }
}
