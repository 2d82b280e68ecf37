package dev.sequences.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.jooq.TransactionRetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The workload of {@link GaleraClusterTest}: threads on every node of the cluster take numbers in
 * transactions run by {@link TransactionRetry}, some rolled back on purpose, and count what they
 * saw; then every node must hold the same 1..K.
 */
final class GaleraStress {

  static final String TABLE = "sequences_it_galera_invoice";

  static final TransactionRetry RETRY =
      TransactionRetry.attempts(30).backoff(Duration.ofMillis(2), Duration.ofMillis(100));

  /** One context per node. */
  private final List<DSLContext> nodes;

  GaleraStress(List<DSLContext> nodes) {
    this.nodes = nodes;
  }

  /** What one stress run saw. */
  static final class Run {
    final AtomicInteger committed = new AtomicInteger();
    final AtomicInteger rolledBack = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger transactionsRetried = new AtomicInteger();
    final AtomicInteger runAgainOnLibraryStatement = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final Set<String> failures = ConcurrentHashMap.newKeySet();
    final Set<String> wrongLibraryErrors = ConcurrentHashMap.newKeySet();

    /** The numbers whose transaction's commit returned, per sequence. */
    final Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();

    @Override
    public String toString() {
      return String.format(
          "%d committed, %d rolled back on purpose, %d failed %s; %d attempts, %d transactions"
              + " retried, %d run-again errors on the library's statement",
          committed.get(),
          rolledBack.get(),
          failed.get(),
          failures,
          attempts.get(),
          transactionsRetried.get(),
          runAgainOnLibraryStatement.get());
    }
  }

  private static final class OnPurpose extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OnPurpose() {
      super("rolled back on purpose", null, false, false);
    }
  }

  /**
   * {@code threadsPerNode} threads on each node take numbers of {@code sequences} in transactions
   * run by {@link TransactionRetry}, until each ran {@code transactions} and {@code until} is done:
   * one in four takes a batch of 2 to 4, one in ten rolls back before its insert and one in ten
   * after it.
   */
  Run stress(List<String> sequences, int threadsPerNode, int transactions, Future<?> until)
      throws Exception {
    Run run = new Run();
    int threads = threadsPerNode * nodes.size();
    CyclicBarrier start = new CyclicBarrier(threads);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int node = t % nodes.size();
      DSLContext dsl = nodes.get(node);
      workers.add(
          Threads.POOL.submit(
              () -> {
                start.await(1, TimeUnit.MINUTES);
                for (int i = 0;
                    (i < transactions || !until.isDone()) && System.nanoTime() < deadline;
                    i++) {
                  transaction(run, dsl, node + 1, sequences);
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get(3, TimeUnit.MINUTES);
    }
    return run;
  }

  private void transaction(Run run, DSLContext dsl, int node, List<String> sequences) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String name = sequences.get(random.nextInt(sequences.size()));
    int count = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
    int action = random.nextInt(10);
    AtomicInteger attempts = new AtomicInteger();
    try {
      List<Long> numbers =
          RETRY.transactionResult(
              dsl,
              (trx, attempt) -> {
                attempts.set(attempt);
                run.attempts.incrementAndGet();
                List<Long> taken = issue(run, trx, name, count);
                if (action == 0) {
                  throw new OnPurpose();
                }
                for (long number : taken) {
                  trx.execute("insert into " + TABLE + " values (?, ?, ?)", name, number, node);
                }
                if (action == 1) {
                  throw new OnPurpose();
                }
                return taken;
              });
      run.committed.incrementAndGet();
      run.acknowledged.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).addAll(numbers);
    } catch (OnPurpose e) {
      run.rolledBack.incrementAndGet();
    } catch (DataAccessException e) {
      run.failed.incrementAndGet();
      if (run.failures.size() < 10) {
        run.failures.add(e.sqlState() + " " + abbreviated(e.getMessage()));
      }
      pause();
    } finally {
      if (attempts.get() > 1) {
        run.transactionsRetried.incrementAndGet();
      }
    }
  }

  /**
   * Takes the numbers with the library; a failure of its statement must be its "run the transaction
   * again" error or a lost connection, never a locked sequence (every call waits).
   */
  private static List<Long> issue(Run run, DSLContext trx, String name, int count) {
    try {
      return GaplessSequence.named(name).nextValues(trx, count).stream().boxed().toList();
    } catch (SequenceLockedException e) {
      run.wrongLibraryErrors.add("SequenceLockedException: " + abbreviated(e.getMessage()));
      throw e;
    } catch (DataAccessException e) {
      if (TransactionRetry.isRunAgain(e)) {
        run.runAgainOnLibraryStatement.incrementAndGet();
        if (!"40001".equals(e.sqlState())
            || !e.getMessage().contains("Run the whole transaction again")) {
          run.wrongLibraryErrors.add(e.sqlState() + " " + abbreviated(e.getMessage()));
        }
      } else if (e.sqlState() == null || !e.sqlState().startsWith("08")) {
        run.wrongLibraryErrors.add(e.sqlState() + " " + abbreviated(e.getMessage()));
      }
      throw e;
    }
  }

  private static String abbreviated(String message) {
    return message.length() <= 200 ? message : message.substring(0, 200) + "...";
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What node {@code node} holds, once it has applied everything committed before: the numbers of
   * each sequence in order, and its counter.
   */
  private Map<String, List<Long>> contents(int node, List<String> sequences) {
    return nodes
        .get(node)
        .connectionResult(
            c -> {
              DSLContext ctx = DSL.using(c, SQLDialect.MARIADB);
              // Reads wait until the node has applied every write set committed before them.
              ctx.execute("set session wsrep_sync_wait = 1");
              try {
                Map<String, List<Long>> contents = new TreeMap<>();
                for (String name : sequences) {
                  contents.put(
                      name,
                      ctx.resultQuery(
                              "select number from "
                                  + TABLE
                                  + " where sequence_name = ? order by number",
                              name)
                          .fetch(0, Long.class));
                  contents.put(
                      name + " counter",
                      ctx.resultQuery("select last from sequences_sequence where name = ?", name)
                          .fetch(0, Long.class));
                }
                return contents;
              } finally {
                ctx.execute("set session wsrep_sync_wait = 0");
              }
            });
  }

  /**
   * Every sequence holds exactly 1..K with its counter at K, on every node alike, and every number
   * whose commit was acknowledged is there; with {@code exactly}, nothing else is.
   */
  void assertEveryNodeHoldsOneToK(Run run, List<String> sequences, boolean exactly) {
    Map<String, List<Long>> first = contents(0, sequences);
    for (String name : sequences) {
      List<Long> numbers = first.get(name);
      assertEquals(
          LongStream.rangeClosed(1, numbers.size()).boxed().toList(),
          numbers,
          name + " is not 1..K after " + run);
      assertEquals(
          numbers.isEmpty() ? List.of() : List.of(numbers.getLast()),
          first.get(name + " counter"),
          "counter of " + name + " after " + run);
      Set<Long> acknowledged = run.acknowledged.getOrDefault(name, Set.of());
      assertTrue(
          numbers.containsAll(acknowledged),
          name + " lost numbers whose commit was acknowledged: " + run);
      if (exactly) {
        assertEquals(acknowledged.size(), numbers.size(), name + ": " + run);
      }
    }
    for (int node = 1; node < nodes.size(); node++) {
      assertEquals(first, contents(node, sequences), "node " + (node + 1) + " differs from node 1");
    }
  }

  static Future<?> done() {
    return CompletableFuture.completedFuture(null);
  }
}
