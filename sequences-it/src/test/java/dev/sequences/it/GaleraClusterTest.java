package dev.sequences.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.jooq.TransactionRetry;
import dev.sequences.schema.SequencesSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Gapless sequences written through all three nodes of a MariaDB Galera cluster at once ({@code
 * .ci/galera start}): every committed number is exactly {@code 1..K} per sequence, none twice, and
 * every node holds the same; a certification conflict that surfaces on the library's statement
 * reaches the caller as the library's "run the transaction again" error, one at the caller's COMMIT
 * is one {@link TransactionRetry#isRunAgain} recognises; a node killed with {@code kill -9} and
 * restarted mid-run loses nothing and doubles nothing, and rejoins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GaleraClusterTest {

  private static final String TABLE = "sequences_it_galera_invoice";

  private static final TransactionRetry RETRY =
      TransactionRetry.attempts(30).backoff(Duration.ofMillis(2), Duration.ofMillis(100));

  private final List<HikariDataSource> pools = new ArrayList<>();

  /** One context per node. */
  private final List<DSLContext> nodes = new ArrayList<>();

  @BeforeAll
  void connect() {
    List<TestDatabase.Server> servers = TestDatabase.GALERA.nodes();
    assertEquals(
        3,
        servers.size(),
        "SEQUENCES_TEST_GALERA_URLS must list the three nodes' URLs (.ci/galera env prints them)");
    SequencesSchema.migrate(TestDatabase.GALERA.dataSource(servers.get(0)));
    for (TestDatabase.Server server : servers) {
      HikariConfig config = new HikariConfig();
      config.setDataSource(TestDatabase.GALERA.dataSource(server));
      config.setMaximumPoolSize(6);
      config.setConnectionTimeout(3_000);
      config.setInitializationFailTimeout(-1);
      config.setPoolName("galera-" + server.url());
      HikariDataSource pool = new HikariDataSource(config);
      pools.add(pool);
      nodes.add(DSL.using(pool, SQLDialect.MARIADB));
    }
    nodes
        .get(0)
        .execute(
            "create table if not exists "
                + TABLE
                + " (sequence_name varchar(100) not null, number bigint not null, node int not"
                + " null, primary key (sequence_name, number)) engine = InnoDB");
  }

  @AfterAll
  void close() {
    pools.forEach(HikariDataSource::close);
  }

  @BeforeEach
  void empty() {
    nodes.get(0).execute("delete from " + TABLE);
    nodes.get(0).execute("delete from sequences_sequence where name like 'galera-%'");
  }

  /** What one stress run saw. */
  private static final class Run {
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
  private Run stress(List<String> sequences, int threadsPerNode, int transactions, Future<?> until)
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
  private void assertEveryNodeHoldsOneToK(Run run, List<String> sequences, boolean exactly) {
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

  private static Future<?> done() {
    return CompletableFuture.completedFuture(null);
  }

  /** One hot sequence written through all three nodes. */
  @Test
  void oneSequenceThroughAllNodes() throws Exception {
    List<String> sequences = List.of("galera-one");
    Run run = stress(sequences, 2, 25, done());
    System.out.println("Galera, one sequence, 6 threads over 3 nodes: " + run);
    assertEquals(Set.of(), run.failures, run.toString());
    assertEquals(Set.of(), run.wrongLibraryErrors, run.toString());
    assertTrue(run.committed.get() > 0, run.toString());
    assertEveryNodeHoldsOneToK(run, sequences, true);
  }

  /** Several sequences written through all three nodes. */
  @Test
  void severalSequencesThroughAllNodes() throws Exception {
    List<String> sequences = List.of("galera-a", "galera-b", "galera-c", "galera-d");
    Run run = stress(sequences, 2, 25, done());
    System.out.println("Galera, four sequences, 6 threads over 3 nodes: " + run);
    assertEquals(Set.of(), run.failures, run.toString());
    assertEquals(Set.of(), run.wrongLibraryErrors, run.toString());
    assertEveryNodeHoldsOneToK(run, sequences, true);
  }

  /**
   * A transaction on node 2 holds a sequence; node 1 commits a value of it. Galera aborts node 2's
   * transaction (its lock stands in the way of the replicated write): its next statement, the
   * library's, fails with the library's "run the transaction again" error, never as a locked
   * sequence, also with NOWAIT. Its COMMIT fails likewise, with an error the retry recognises; run
   * by the retry, the transaction's second attempt takes the next value.
   */
  @Test
  void aCertificationConflictReachesTheCallerAsRunAgain() throws Exception {
    GaplessSequence held = GaplessSequence.named("galera-held");
    GaplessSequence other = GaplessSequence.named("galera-other");
    nodes.get(0).transaction(cfg -> held.nextValue(cfg.dsl()));
    for (LockWait wait : List.of(LockWait.WAIT, LockWait.NOWAIT)) {
      DataAccessException e =
          assertThrows(
              DataAccessException.class,
              () -> abortedOnNode2(held, trx -> other.nextValue(trx, wait)),
              wait.toString());
      assertFalse(e instanceof SequenceLockedException, e.toString());
      assertEquals("40001", e.sqlState(), e.toString());
      assertTrue(e.getMessage().contains("Run the whole transaction again"), e.getMessage());
      assertTrue(TransactionRetry.isRunAgain(e), e.toString());
    }
    DataAccessException atCommit =
        assertThrows(DataAccessException.class, () -> abortedOnNode2(held, trx -> 0L));
    assertTrue(TransactionRetry.isRunAgain(atCommit), atCommit.toString());
    // The same conflict, run by the retry: the first attempt is aborted, the second commits.
    List<Integer> attempts = new ArrayList<>();
    CountDownLatch firstTaken = new CountDownLatch(1);
    CountDownLatch node1Committed = new CountDownLatch(1);
    Future<Long> retried =
        Threads.POOL.submit(
            () ->
                RETRY.transactionResult(
                    nodes.get(1),
                    (trx, attempt) -> {
                      attempts.add(attempt);
                      long value = held.nextValue(trx);
                      if (attempt == 1) {
                        firstTaken.countDown();
                        assertTrue(node1Committed.await(60, TimeUnit.SECONDS));
                      }
                      other.nextValue(trx);
                      return value;
                    }));
    assertTrue(firstTaken.await(60, TimeUnit.SECONDS));
    long committedOnNode1 = nodes.get(0).transactionResult(cfg -> held.nextValue(cfg.dsl()));
    awaitApplied(1, "galera-held", committedOnNode1);
    node1Committed.countDown();
    assertEquals(committedOnNode1 + 1, retried.get(60, TimeUnit.SECONDS));
    assertEquals(List.of(1, 2), attempts);
  }

  /**
   * Node 2's transaction takes {@code held}; node 1 commits the next value of it, which node 2
   * applies by aborting that transaction; then node 2's transaction runs {@code then} and commits.
   */
  private void abortedOnNode2(
      GaplessSequence held, java.util.function.ToLongFunction<DSLContext> then) throws Exception {
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch applied = new CountDownLatch(1);
    Future<Long> node2 =
        Threads.POOL.submit(
            () ->
                nodes
                    .get(1)
                    .transactionResult(
                        cfg -> {
                          held.nextValue(cfg.dsl());
                          taken.countDown();
                          assertTrue(applied.await(60, TimeUnit.SECONDS));
                          return then.applyAsLong(cfg.dsl());
                        }));
    assertTrue(taken.await(60, TimeUnit.SECONDS));
    long committed = nodes.get(0).transactionResult(cfg -> held.nextValue(cfg.dsl()));
    awaitApplied(1, held.name(), committed);
    applied.countDown();
    try {
      node2.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw assertInstanceOf(RuntimeException.class, e.getCause());
    }
    fail("node 2's transaction committed, though node 1 committed a value of " + held.name());
  }

  /** Waits until node {@code node} (0-based) shows {@code last} as the counter of {@code name}. */
  private void awaitApplied(int node, String name, long last) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Long seen =
          nodes
              .get(node)
              .resultQuery("select last from sequences_sequence where name = ?", name)
              .fetchOne(0, Long.class);
      if (seen != null && seen == last) {
        return;
      }
      Thread.sleep(20);
    }
    fail("node " + (node + 1) + " did not apply " + name + " = " + last + " within 30 s");
  }

  /**
   * Node 2 is killed with {@code kill -9} while threads write through all three nodes, then started
   * again: it rejoins (three nodes, Synced); nothing whose commit was acknowledged is lost, nothing
   * is doubled, and every node holds the same 1..K.
   */
  @Test
  void aNodeKilledAndRestartedMidRunLosesNothing() throws Exception {
    String script = System.getenv("SEQUENCES_TEST_GALERA_NODES");
    assertTrue(
        script != null && !script.isBlank(),
        "SEQUENCES_TEST_GALERA_NODES must name the script that kills and restarts a node");
    List<String> sequences = List.of("galera-k1", "galera-k2");
    AtomicLong restartMillis = new AtomicLong();
    CompletableFuture<Void> fault = new CompletableFuture<>();
    Future<Run> running = Threads.POOL.submit(() -> stress(sequences, 2, 20, fault));
    try {
      Thread.sleep(1_500);
      shell(script + " kill 2");
      Thread.sleep(1_500);
      long started = System.nanoTime();
      shell(script + " restart 2");
      restartMillis.set((System.nanoTime() - started) / 1_000_000);
      fault.complete(null);
    } catch (Exception | AssertionError e) {
      fault.complete(null);
      throw e;
    }
    Run run = running.get(4, TimeUnit.MINUTES);
    System.out.println(
        "Galera, node 2 killed and restarted (rejoined in " + restartMillis + " ms): " + run);
    assertEquals(Set.of(), run.wrongLibraryErrors, run.toString());
    assertTrue(run.failed.get() > 0, "the kill struck no running transaction: " + run);
    for (String failure : run.failures) {
      // Connections to the killed node fail (class 08); nothing else may.
      assertTrue(failure.startsWith("08"), "unexpected failure " + failure + " in " + run);
    }
    assertEquals(
        "3 Synced",
        nodes
            .get(1)
            .resultQuery(
                "select concat((select variable_value from information_schema.global_status where"
                    + " variable_name = 'wsrep_cluster_size'), ' ', (select variable_value from"
                    + " information_schema.global_status where variable_name ="
                    + " 'wsrep_local_state_comment'))")
            .fetchOne(0, String.class));
    // A commit whose connection was lost may have committed: the table may hold more than was
    // acknowledged, never less.
    assertEveryNodeHoldsOneToK(run, sequences, false);
  }

  private static void shell(String command) throws Exception {
    Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    if (!process.waitFor(150, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(command + " did not end within 150 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), command + ": " + output);
  }
}
