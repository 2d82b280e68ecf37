package dev.sequences.it.cluster;

import static dev.sequences.it.cluster.GaleraStress.RETRY;
import static dev.sequences.it.cluster.GaleraStress.TABLE;
import static dev.sequences.it.cluster.GaleraStress.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.it.cluster.GaleraStress.Run;
import dev.sequences.it.fixtures.TestDatabase;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.jooq.TransactionRetry;
import dev.sequences.schema.SequencesSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

  private final List<HikariDataSource> pools = new ArrayList<>();

  /** One context per node. */
  private final List<DSLContext> nodes = new ArrayList<>();

  /** The stress runs through {@link #nodes}. */
  private final GaleraStress workload = new GaleraStress(nodes);

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

  /** One hot sequence written through all three nodes. */
  @Test
  void oneSequenceThroughAllNodes() throws Exception {
    List<String> sequences = List.of("galera-one");
    Run run = workload.stress(sequences, 2, 25, done());
    System.out.println("Galera, one sequence, 6 threads over 3 nodes: " + run);
    assertEquals(Set.of(), run.failures, run.toString());
    assertEquals(Set.of(), run.wrongLibraryErrors, run.toString());
    assertTrue(run.committed.get() > 0, run.toString());
    workload.assertEveryNodeHoldsOneToK(run, sequences, true);
  }

  /** Several sequences written through all three nodes. */
  @Test
  void severalSequencesThroughAllNodes() throws Exception {
    List<String> sequences = List.of("galera-a", "galera-b", "galera-c", "galera-d");
    Run run = workload.stress(sequences, 2, 25, done());
    System.out.println("Galera, four sequences, 6 threads over 3 nodes: " + run);
    assertEquals(Set.of(), run.failures, run.toString());
    assertEquals(Set.of(), run.wrongLibraryErrors, run.toString());
    workload.assertEveryNodeHoldsOneToK(run, sequences, true);
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
    Future<Run> running = Threads.POOL.submit(() -> workload.stress(sequences, 2, 20, fault));
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
    workload.assertEveryNodeHoldsOneToK(run, sequences, false);
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
