package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.HeldTransaction;
import dev.sequences.it.fixtures.Isolation;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SupportedDatabase;
import dev.sequences.jooq.TransactionRetry;
import dev.sequences.testfixtures.CommitFails;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.TransactionListenerProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultTransactionListenerProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link TransactionRetry} on the real database: a deadlock or a serialization failure the database
 * induces is run again, with the exact attempt count; a connection failure during COMMIT is not. On
 * base descriptions only; tagged {@code retries} ({@code -Dgroups=retries} runs it alone).
 */
@Tag("retries")
abstract class RetriesContract extends ContractFixture {

  private static final TransactionRetry RETRY =
      TransactionRetry.attempts(3).backoff(Duration.ofMillis(5), Duration.ofMillis(50));

  RetriesContract(DatabaseDescription db) {
    super(db);
  }

  @BeforeAll
  @Override
  protected void migrate() {
    Assumptions.assumeTrue(
        db.base(), "retries run once per database, on its base description, not on " + db.label());
    super.migrate();
  }

  /**
   * Two retried transactions take two sequences in opposite order; the first attempt of each waits
   * until both hold one. The database fails one of them as a deadlock victim: that one runs again
   * (attempt 2) and takes the values after the other's. Three attempts in all, no gap.
   */
  @Test
  void aDeadlockVictimRunsAgainOnce() throws Exception {
    Assumptions.assumeTrue(
        db.concurrentWriters(), "one transaction writes at a time: no deadlock can form");
    GaplessSequence a = GaplessSequence.named("retry-a");
    GaplessSequence b = GaplessSequence.named("retry-b");
    insertRow("retry-a", 0);
    insertRow("retry-b", 0);
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    List<String> attempts = new CopyOnWriteArrayList<>();
    List<Future<String>> transactions = new ArrayList<>();
    for (GaplessSequence[] order :
        List.of(new GaplessSequence[] {a, b}, new GaplessSequence[] {b, a})) {
      transactions.add(
          Threads.POOL.submit(
              () ->
                  RETRY.transactionResult(
                      dsl,
                      (trx, attempt) -> {
                        attempts.add(order[0].name() + " attempt " + attempt);
                        long first = order[0].nextValue(trx);
                        if (attempt == 1) {
                          await(bothHoldOne);
                        }
                        long second = order[1].nextValue(trx);
                        return "attempt " + attempt + ": " + first + "," + second;
                      })));
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> transaction : transactions) {
      outcomes.add(transaction.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }
    assertEquals(
        List.of("attempt 1: 1,1", "attempt 2: 2,2"),
        outcomes.stream().sorted().toList(),
        attempts.toString());
    assertEquals(3, attempts.size(), attempts.toString());
    assertEquals(OptionalLong.of(2), a.lastValue(dsl));
    assertEquals(OptionalLong.of(2), b.lastValue(dsl));
  }

  /**
   * Where the database fails a transaction whose snapshot is older than a concurrent commit (SQL
   * state 40001, the race tests' {@code runAgainAfterConcurrentCommit}), the retry runs it again
   * and the second attempt takes the next value.
   */
  @Test
  void aSerializationFailureRunsAgainOnce() throws Exception {
    Assumptions.assumeFalse(
        db.runAgainAfterConcurrentCommit().isEmpty(),
        db + " lets the waiting transaction go on after a concurrent commit");
    Isolation isolation = db.runAgainAfterConcurrentCommit().iterator().next();
    GaplessSequence seq = GaplessSequence.named("retry-serialization");
    insertRow("retry-serialization", 10);
    HeldTransaction t1 = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    Future<Long> t2 =
        Threads.POOL.submit(
            () ->
                RETRY.transactionResult(
                    dsl,
                    (trx, attempt) -> {
                      attempts.add(attempt);
                      isolation.set(trx);
                      // The snapshot starts here, before T1 commits.
                      trx.fetchCount(DSL.table(admin.render(counters)));
                      return seq.nextValue(trx);
                    }));
    assertBlocked(t2);
    t1.commit();
    assertEquals(12, t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(List.of(1, 2), attempts);
  }

  /**
   * Every attempt fails with the database's own "run again" error, induced anew for each attempt:
   * where a concurrent commit fails a transaction with an older snapshot ({@code
   * runAgainAfterConcurrentCommit}), by such a commit; on InnoDB, by a deadlock with a transaction
   * that wrote more rows (InnoDB rolls back the lighter one). The third failure is thrown
   * unchanged, the library's type, with the first two suppressed, in order.
   */
  @Test
  void exhaustionThrowsTheLastFailureWithTheEarlierOnesSuppressed() throws Exception {
    boolean snapshot = !db.runAgainAfterConcurrentCommit().isEmpty();
    boolean innoDb =
        db.concurrentWriters()
            && (db.server().product() == SupportedDatabase.MARIADB
                || db.server().product() == SupportedDatabase.MYSQL);
    Assumptions.assumeTrue(
        snapshot || innoDb,
        "no run-again error to induce the same way three times on "
            + db
            + " (TransactionRetryTest"
            + " covers exhaustion)");
    GaplessSequence a = GaplessSequence.named("exhaust-a");
    GaplessSequence b = GaplessSequence.named("exhaust-b");
    insertRow("exhaust-a", 10);
    insertRow("exhaust-b", 10);
    List<DataAccessException> failures = new CopyOnWriteArrayList<>();
    DataAccessException thrown =
        assertThrows(
            DataAccessException.class,
            () ->
                RETRY.transaction(
                    dsl,
                    (trx, attempt) -> {
                      try {
                        if (snapshot) {
                          failOnConcurrentCommit(trx, a);
                        } else {
                          failAsTheLighterDeadlockVictim(trx, a, b, attempt);
                        }
                      } catch (DataAccessException e) {
                        failures.add(e);
                        throw e;
                      }
                    }));
    assertEquals(3, failures.size(), failures.toString());
    assertSame(failures.get(2), thrown);
    assertEquals(DataAccessException.class, thrown.getClass());
    assertEquals("40001", thrown.sqlState(), thrown.toString());
    assertTrue(thrown.getMessage().contains("Run the whole transaction again"), thrown.toString());
    assertEquals(List.of(failures.get(0), failures.get(1)), List.of(thrown.getSuppressed()));
  }

  /** Takes {@code seq} after another transaction committed a value of it since the snapshot. */
  private void failOnConcurrentCommit(DSLContext trx, GaplessSequence seq) throws Exception {
    HeldTransaction other = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    db.runAgainAfterConcurrentCommit().iterator().next().set(trx);
    trx.fetchCount(DSL.table(admin.render(counters)));
    Future<?> commit =
        Threads.POOL.submit(
            () -> {
              Thread.sleep(BLOCKED_MILLIS);
              other.commit();
              return null;
            });
    try {
      seq.nextValue(trx);
    } finally {
      commit.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    }
    throw new AssertionError("the snapshot outlived a concurrent commit");
  }

  /**
   * Holds {@code a}; another transaction writes 50 rows, holds {@code b} and waits for {@code a};
   * then takes {@code b}, which closes the cycle: InnoDB rolls this, the lighter, transaction back.
   */
  private void failAsTheLighterDeadlockVictim(
      DSLContext trx, GaplessSequence a, GaplessSequence b, int attempt) throws Exception {
    a.nextValue(trx);
    CountDownLatch holdsB = new CountDownLatch(1);
    Future<?> heavy =
        Threads.POOL.submit(
            () -> {
              try {
                return inTransaction(
                    ctx -> {
                      for (int i = 0; i < 50; i++) {
                        ctx.execute(
                            "insert into " + INVOICE_TABLE + " values (?, ?)",
                            "heavy-" + attempt,
                            i);
                      }
                      b.nextValue(ctx);
                      holdsB.countDown();
                      a.nextValue(ctx);
                      throw new IllegalStateException("rolled back on purpose");
                    });
              } catch (IllegalStateException expected) {
                return null;
              }
            });
    assertTrue(holdsB.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    Thread.sleep(BLOCKED_MILLIS);
    try {
      b.nextValue(trx);
    } catch (DataAccessException victim) {
      heavy.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
      throw victim;
    }
    throw new AssertionError("the heavier transaction was chosen as the deadlock victim");
  }

  /**
   * A connection failure during COMMIT (SQL state 08006, from a connection whose commit fails) is
   * the caller's to decide: one attempt, and the failure reaches the caller.
   */
  @Test
  void aConnectionFailureAtCommitIsNotRetried() {
    DSLContext failingCommit =
        DSL.using(CommitFails.on(applicationDataSource()), db.dialect(), settings());
    List<Integer> attempts = new ArrayList<>();
    DataAccessException thrown =
        assertThrows(
            DataAccessException.class,
            () ->
                RETRY.transaction(
                    failingCommit,
                    (trx, attempt) -> {
                      attempts.add(attempt);
                      GaplessSequence.named("retry-commit-lost").nextValue(trx);
                    }));
    assertEquals(List.of(1), attempts);
    assertEquals("08006", thrown.sqlState(), thrown.toString());
    assertFalse(TransactionRetry.isRunAgain(thrown));
    assertEquals(OptionalLong.empty(), GaplessSequence.named("retry-commit-lost").lastValue(dsl));
  }

  /** The library's own "run the transaction again" error is one the retry recognises. */
  @Test
  void theLibrarysRunAgainErrorIsRecognised() throws Exception {
    Assumptions.assumeTrue(
        db.concurrentWriters(), "one transaction writes at a time: no deadlock can form");
    GaplessSequence a = GaplessSequence.named("recognised-a");
    GaplessSequence b = GaplessSequence.named("recognised-b");
    insertRow("recognised-a", 0);
    insertRow("recognised-b", 0);
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    List<Future<String>> transactions = new ArrayList<>();
    for (GaplessSequence[] order :
        List.of(new GaplessSequence[] {a, b}, new GaplessSequence[] {b, a})) {
      transactions.add(
          Threads.POOL.submit(
              () -> {
                try {
                  return inTransaction(
                      ctx -> {
                        order[0].nextValue(ctx);
                        await(bothHoldOne);
                        order[1].nextValue(ctx);
                        return "committed";
                      });
                } catch (DataAccessException e) {
                  assertTrue(
                      e.getMessage().contains("Run the whole transaction again"), e.toString());
                  return "run again: " + TransactionRetry.isRunAgain(e);
                }
              }));
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> transaction : transactions) {
      outcomes.add(transaction.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }
    assertEquals(List.of("committed", "run again: true"), outcomes.stream().sorted().toList());
  }

  /**
   * A jOOQ transaction listener (an outbox relay, say) fails in {@code commitEnd}, after the
   * commit, with a "run again" cause: the transaction committed, so it is not run again, and the
   * relay's failure reaches the caller unchanged. One invoice, number 1.
   */
  @Test
  void aFailureAfterTheCommitIsNotRetried() {
    GaplessSequence seq = GaplessSequence.named("retry-after-commit");
    DataAccessException relay = afterCommitFailure();
    TransactionListenerProvider[] listeners =
        Stream.concat(
                Stream.of(dsl.configuration().transactionListenerProviders()),
                Stream.of(
                    new DefaultTransactionListenerProvider(
                        new TransactionListener() {
                          @Override
                          public void commitEnd(TransactionContext ctx) {
                            throw relay;
                          }
                        })))
            .toArray(TransactionListenerProvider[]::new);
    DSLContext relayed = DSL.using(dsl.configuration().derive(listeners));
    List<Integer> attempts = new ArrayList<>();
    DataAccessException thrown =
        assertThrows(
            DataAccessException.class,
            () ->
                RETRY.transaction(
                    relayed,
                    (trx, attempt) -> {
                      attempts.add(attempt);
                      saveInvoice(trx, seq);
                    }));
    assertSame(relay, thrown);
    assertEquals(List.of(1), attempts);
    assertEquals(List.of(1L), invoices(seq));
    assertEquals(OptionalLong.of(1), seq.lastValue(dsl));
  }

  /**
   * The README's retry around {@code TransactionTemplate.execute}: a synchronization's {@code
   * afterCommit} fails with a "run again" cause after the commit; the retry does not run the
   * committed transaction again and the failure reaches the caller unchanged.
   */
  @Test
  void aSpringRetryDoesNotRunACommittedTransactionAgain() {
    GaplessSequence seq = GaplessSequence.named("retry-after-spring-commit");
    DataAccessException relay = afterCommitFailure();
    List<Integer> attempts = new ArrayList<>();
    try (HikariDataSource pool = poolOutOfAutoCommit()) {
      DSLContext spring =
          DSL.using(new TransactionAwareDataSourceProxy(pool), db.dialect(), settings());
      TransactionTemplate template =
          new TransactionTemplate(new DataSourceTransactionManager(pool));
      DataAccessException thrown =
          assertThrows(
              DataAccessException.class,
              () ->
                  inSpringTransaction(
                      template,
                      3,
                      attempt -> {
                        attempts.add(attempt);
                        TransactionSynchronizationManager.registerSynchronization(
                            new TransactionSynchronization() {
                              @Override
                              public void afterCommit() {
                                throw relay;
                              }
                            });
                        return saveInvoice(spring, seq);
                      }));
      assertSame(relay, thrown);
    }
    assertEquals(List.of(1), attempts);
    assertEquals(List.of(1L), invoices(seq));
  }

  /**
   * The README's Spring retry: runs {@code work} in a transaction of {@code template}, again after
   * a failure that {@link TransactionRetry#isRunAgain} accepts, unless the transaction committed.
   */
  static <T> T inSpringTransaction(
      TransactionTemplate template, int maxAttempts, IntFunction<T> work) {
    AtomicBoolean committed = new AtomicBoolean();
    AtomicInteger attempts = new AtomicInteger();
    RetryTemplate retry =
        new RetryTemplate(
            RetryPolicy.builder()
                .maxRetries(maxAttempts - 1)
                .delay(Duration.ofMillis(10))
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(1))
                .predicate(e -> !committed.get() && TransactionRetry.isRunAgain(e))
                .build());
    return retry.invoke(
        () ->
            template.execute(
                status -> {
                  TransactionSynchronizationManager.registerSynchronization(
                      new TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int outcome) {
                          committed.set(outcome == STATUS_COMMITTED);
                        }
                      });
                  return work.apply(attempts.incrementAndGet());
                }));
  }

  /** What an outbox relay throws after the commit: a serialization failure of its own. */
  private static DataAccessException afterCommitFailure() {
    return new DataAccessException(
        "outbox relay failed", new SQLException("could not serialize access", "40001"));
  }

  /** Takes the next value of {@code seq} and saves an invoice with it. */
  private static long saveInvoice(DSLContext ctx, GaplessSequence seq) {
    long number = seq.nextValue(ctx);
    ctx.execute("insert into " + INVOICE_TABLE + " values (?, ?)", seq.name(), number);
    return number;
  }

  private List<Long> invoices(GaplessSequence seq) {
    return admin
        .fetch(
            "select number from " + INVOICE_TABLE + " where sequence_name = ? order by number",
            seq.name())
        .getValues(0, Long.class);
  }
}
