package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceLockedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * N threads × M transactions on a few sequences. Each transaction takes one value or a batch,
 * inserts each value into an application table whose key forbids duplicates, and then commits,
 * rolls back before the insert, throws after it, or takes its values with NOWAIT or a short
 * timeout. Failures the database reports (a killed connection, a restart, a deadlock) are counted,
 * and the thread goes on after a short pause. The run is bounded in time.
 *
 * <p>{@link #verify} then checks what the database holds, which is the truth even when a commit's
 * acknowledgement was lost: for every sequence, the application's numbers are exactly {@code
 * initial..initial+K-1}, and the counter row holds the last of them.
 */
final class StressHarness {

  private static final Duration TIME_LIMIT = Duration.ofMinutes(2);

  /**
   * What happened to the transactions of one run: {@code duplicates} counts the transactions whose
   * document insert hit the table's unique key (a number issued twice), {@code failureStates} the
   * SQL states of the transactions the database failed, and {@code problems} what the final check
   * of the table and counters found wrong (empty when every sequence holds exactly {@code
   * initial..K}).
   */
  record Report(
      int transactions,
      int committed,
      int rolledBack,
      int thrownAfterInsert,
      int lockedOut,
      int failedByDatabase,
      int duplicates,
      Set<String> failureStates,
      Map<String, Long> numbersPerSequence,
      List<String> problems) {

    /**
     * Fails unless no number was issued twice, the table and counters hold exactly {@code
     * initial..initial+K-1}, and every failure the database reported has one of {@code allowed}'s
     * SQL states (a prefix such as {@code "08"} allows a class).
     */
    void assertNoGapNoDuplicate(Set<String> allowed) {
      assertEquals(0, duplicates, "numbers issued twice: " + this);
      assertEquals(List.of(), problems, this.toString());
      for (String state : failureStates) {
        assertTrue(
            allowed.stream().anyMatch(state::startsWith),
            "the database failed transactions with SQL state " + state + ", not in " + allowed);
      }
    }

    @Override
    public String toString() {
      return String.format(
          "%d transactions: %d committed, %d rolled back, %d thrown after the insert, %d locked out"
              + " (NOWAIT/timeout), %d failed by the database %s, %d duplicates; committed numbers"
              + " %s",
          transactions,
          committed,
          rolledBack,
          thrownAfterInsert,
          lockedOut,
          failedByDatabase,
          failureStates,
          duplicates,
          numbersPerSequence);
    }
  }

  /** Takes {@code count} values of a sequence in the transaction of {@code ctx}. */
  interface Issuer {
    List<Long> issue(DSLContext ctx, String name, long initialValue, int count, LockWait wait);
  }

  /** The library under test. */
  static final Issuer GAPLESS =
      (ctx, name, initialValue, count, wait) ->
          GaplessSequence.named(name).startingAt(initialValue).nextValues(ctx, count, wait).stream()
              .boxed()
              .toList();

  private final DSLContext dsl;
  private final String table;
  private final List<String> sequences;
  private final long initialValue;
  private final boolean boundedWaits;
  private final Issuer issuer;

  /**
   * A harness on {@code sequences}, each starting at {@code initialValue}; {@code boundedWaits}
   * says whether the database offers NOWAIT and timeouts (when not, those transactions wait).
   */
  StressHarness(
      DSLContext dsl,
      String table,
      List<String> sequences,
      long initialValue,
      boolean boundedWaits) {
    this(dsl, table, sequences, initialValue, boundedWaits, GAPLESS);
  }

  /** A harness whose transactions take their numbers from {@code issuer}. */
  StressHarness(
      DSLContext dsl,
      String table,
      List<String> sequences,
      long initialValue,
      boolean boundedWaits,
      Issuer issuer) {
    this.dsl = dsl;
    this.table = table;
    this.sequences = sequences;
    this.initialValue = initialValue;
    this.boundedWaits = boundedWaits;
    this.issuer = issuer;
  }

  /** How far a run is: transactions ended, and of those, how many the database failed. */
  record Progress(AtomicInteger ended, AtomicInteger failedByDatabase) {}

  /** Something that goes wrong while the harness runs; it may watch the run's progress. */
  interface Fault {
    void inject(Progress progress) throws Exception;
  }

  /** Runs {@code threads × transactionsPerThread} transactions and verifies the result. */
  Report run(int threads, int transactionsPerThread) throws Exception {
    return run(threads, transactionsPerThread, progress -> {});
  }

  /**
   * Runs at least {@code threads × transactionsPerThread} transactions, and goes on until {@code
   * fault} has returned, so that the fault always strikes a running harness; then verifies.
   */
  Report run(int threads, int transactionsPerThread, Fault fault) throws Exception {
    AtomicInteger ended = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Future<?> faultDone =
        Threads.POOL.submit(
            () -> {
              fault.inject(new Progress(ended, failed));
              return null;
            });
    AtomicInteger committed = new AtomicInteger();
    AtomicInteger rolledBack = new AtomicInteger();
    AtomicInteger thrown = new AtomicInteger();
    AtomicInteger locked = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    Set<String> failureStates = ConcurrentHashMap.newKeySet();
    long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Threads.POOL.submit(
              () -> {
                start.await(1, TimeUnit.MINUTES);
                for (int i = 0;
                    (i < transactionsPerThread || !faultDone.isDone())
                        && System.nanoTime() < deadline;
                    i++) {
                  Outcome outcome = transaction(failureStates);
                  ended.incrementAndGet();
                  switch (outcome) {
                    case COMMITTED -> committed.incrementAndGet();
                    case ROLLED_BACK -> rolledBack.incrementAndGet();
                    case THROWN_AFTER_INSERT -> thrown.incrementAndGet();
                    case LOCKED_OUT -> locked.incrementAndGet();
                    case DUPLICATE -> duplicates.incrementAndGet();
                    case FAILED_BY_DATABASE -> {
                      failed.incrementAndGet();
                      Thread.sleep(20);
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get(TIME_LIMIT.toSeconds() + 60, TimeUnit.SECONDS);
    }
    faultDone.get(TIME_LIMIT.toSeconds() + 60, TimeUnit.SECONDS);
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> problems = verify(counts);
    return new Report(
        committed.get()
            + rolledBack.get()
            + thrown.get()
            + locked.get()
            + failed.get()
            + duplicates.get(),
        committed.get(),
        rolledBack.get(),
        thrown.get(),
        locked.get(),
        failed.get(),
        duplicates.get(),
        Set.copyOf(failureStates),
        counts,
        problems);
  }

  private enum Outcome {
    COMMITTED,
    ROLLED_BACK,
    THROWN_AFTER_INSERT,
    LOCKED_OUT,
    DUPLICATE,
    FAILED_BY_DATABASE
  }

  private static final class OnPurpose extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OnPurpose() {
      super("on purpose", null, false, false);
    }
  }

  /** NOWAIT for action 7 and a short timeout for 8, where offered; else WAIT. */
  private LockWait lockWait(int action) {
    if (!boundedWaits) {
      return LockWait.WAIT;
    }
    return switch (action) {
      case 7 -> LockWait.NOWAIT;
      case 8 -> LockWait.timeout(Duration.ofMillis(200));
      default -> LockWait.WAIT;
    };
  }

  private Outcome transaction(Set<String> failureStates) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String name = sequences.get(random.nextInt(sequences.size()));
    int count = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
    int action = random.nextInt(10);
    LockWait wait = lockWait(action);
    try {
      dsl.transaction(
          cfg -> {
            DSLContext ctx = cfg.dsl();
            List<Long> numbers = issuer.issue(ctx, name, initialValue, count, wait);
            if (action == 0) {
              throw new OnPurpose();
            }
            for (long number : numbers) {
              ctx.execute("insert into " + table + " values (?, ?)", name, number);
            }
            if (action == 1) {
              throw new OnPurpose();
            }
          });
      return Outcome.COMMITTED;
    } catch (OnPurpose e) {
      return action == 0 ? Outcome.ROLLED_BACK : Outcome.THROWN_AFTER_INSERT;
    } catch (SequenceLockedException e) {
      return Outcome.LOCKED_OUT;
    } catch (IntegrityConstraintViolationException e) {
      // Only the document insert can break a unique key: a number was issued twice.
      return Outcome.DUPLICATE;
    } catch (DataAccessException e) {
      failureStates.add(String.valueOf(e.sqlState()));
      return Outcome.FAILED_BY_DATABASE;
    }
  }

  /**
   * Checks the invariants on what the database holds: puts K for every sequence into {@code counts}
   * and returns what is wrong.
   */
  private List<String> verify(Map<String, Long> counts) {
    List<String> problems = new ArrayList<>();
    for (String name : sequences) {
      List<Long> numbers =
          dsl.resultQuery(
                  "select number from " + table + " where sequence_name = ? order by number", name)
              .fetch(0, Long.class);
      List<Long> expected =
          LongStream.range(initialValue, initialValue + numbers.size()).boxed().toList();
      if (!expected.equals(numbers)) {
        problems.add("numbers of " + name + " are not " + initialValue + "..K: " + numbers);
      }
      OptionalLong counter = GaplessSequence.named(name).lastValue(dsl);
      OptionalLong last =
          numbers.isEmpty() ? OptionalLong.empty() : OptionalLong.of(numbers.getLast());
      if (!counter.equals(last)) {
        problems.add("counter of " + name + " is " + counter + ", the last number " + last);
      }
      counts.put(name, (long) numbers.size());
    }
    return problems;
  }
}
