package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.BeforeCommitNumbering;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceLockedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbering at commit where applications nest and suspend transactions: Spring's propagations,
 * savepoints reached through any context, requests made while requests are issued, the listener
 * installed twice, two thread-local providers on one thread. Runs on each database's base
 * description.
 */
abstract class BeforeCommitPropagationContract extends AtCommitFixture {

  private final GaplessSequence seq = GaplessSequence.named("propagation");

  BeforeCommitPropagationContract(DatabaseDescription db) {
    super(db);
  }

  private TransactionTemplate template(int propagation) {
    TransactionTemplate template = new TransactionTemplate(manager);
    template.setPropagationBehavior(propagation);
    return template;
  }

  private void requiresConcurrentWriters() {
    Assumptions.assumeTrue(db.concurrentWriters(), "one transaction writes at a time here");
  }

  @Test
  void requiresNewNumbersItsDocumentAtItsOwnCommitAndTheOuterAtTheOuterCommit() {
    requiresConcurrentWriters();
    template(TransactionDefinition.PROPAGATION_REQUIRED)
        .executeWithoutResult(
            outer -> {
              save(spring, seq, 1);
              template(TransactionDefinition.PROPAGATION_REQUIRES_NEW)
                  .executeWithoutResult(inner -> save(spring, seq, 2));
              assertEquals(Map.of(2L, 1L), numbers());
            });
    assertEquals(Map.of(1L, 2L, 2L, 1L), numbers());
  }

  /**
   * Without numbering at commit: an inner REQUIRES_NEW transaction that asks for a sequence its
   * suspended outer transaction holds waits for a lock that cannot end before it returns, so only
   * its lock-wait limit ends the wait (docs/spring.md); the outer transaction keeps its number.
   */
  @Test
  void requiresNewWaitsForTheSequenceItsSuspendedOuterHolds() {
    requiresConcurrentWriters();
    template(TransactionDefinition.PROPAGATION_REQUIRED)
        .executeWithoutResult(
            outer -> {
              assertEquals(1L, seq.nextValue(spring));
              assertThrows(
                  SequenceLockedException.class,
                  () ->
                      template(TransactionDefinition.PROPAGATION_REQUIRES_NEW)
                          .executeWithoutResult(
                              inner ->
                                  seq.nextValue(spring, LockWait.timeout(Duration.ofSeconds(1)))));
            });
    assertEquals(OptionalLong.of(1), seq.lastValue(admin));
  }

  @Test
  void requiresNewKeepsItsNumberWhenTheOuterRollsBack() {
    requiresConcurrentWriters();
    template(TransactionDefinition.PROPAGATION_REQUIRED)
        .executeWithoutResult(
            outer -> {
              save(spring, seq, 1);
              template(TransactionDefinition.PROPAGATION_REQUIRES_NEW)
                  .executeWithoutResult(inner -> save(spring, seq, 2));
              outer.setRollbackOnly();
            });
    assertEquals(Map.of(2L, 1L), numbers());
    assertEquals(OptionalLong.of(1), seq.lastValue(admin));
  }

  @Test
  void mandatoryAndRequiredJoinTheOuterCommit() {
    template(TransactionDefinition.PROPAGATION_REQUIRED)
        .executeWithoutResult(
            outer -> {
              template(TransactionDefinition.PROPAGATION_MANDATORY)
                  .executeWithoutResult(inner -> save(spring, seq, 1));
              template(TransactionDefinition.PROPAGATION_REQUIRED)
                  .executeWithoutResult(inner -> save(spring, seq, 2));
              assertEquals(OptionalLong.empty(), seq.lastValue(admin));
            });
    assertEquals(Map.of(1L, 1L, 2L, 2L), numbers());
  }

  @Test
  void aRolledBackNestedSavepointDropsItsRequestsAReleasedOneKeepsThem() {
    template(TransactionDefinition.PROPAGATION_REQUIRED)
        .executeWithoutResult(
            outer -> {
              save(spring, seq, 1);
              template(TransactionDefinition.PROPAGATION_NESTED)
                  .executeWithoutResult(
                      dropped -> {
                        save(spring, seq, 2);
                        dropped.setRollbackOnly();
                      });
              template(TransactionDefinition.PROPAGATION_NESTED)
                  .executeWithoutResult(kept -> save(spring, seq, 3));
            });
    assertEquals(Map.of(1L, 1L, 3L, 2L), numbers());
    assertEquals(OptionalLong.of(2), seq.lastValue(admin));
  }

  /** The first request of the transaction is made inside a savepoint that rolls back. */
  @Test
  void aSavepointMadeBeforeTheFirstRequestDropsItWhenItRollsBack() {
    template(TransactionDefinition.PROPAGATION_REQUIRED)
        .executeWithoutResult(
            outer -> {
              template(TransactionDefinition.PROPAGATION_NESTED)
                  .executeWithoutResult(
                      dropped -> {
                        save(spring, seq, 1);
                        dropped.setRollbackOnly();
                      });
              save(spring, seq, 2);
            });
    assertEquals(Map.of(2L, 1L), numbers());
    assertEquals(OptionalLong.of(1), seq.lastValue(admin));
  }

  @Test
  void propagationsWithoutATransactionAreRefusedBeforeAnySql() {
    GaplessSequence lenient = GaplessSequence.named("propagation-none").allowingAutoCommit();
    try (HikariDataSource autoCommit = poolInAutoCommit()) {
      DSLContext onIt =
          DSL.using(new TransactionAwareDataSourceProxy(autoCommit), db.dialect(), settings());
      TransactionTemplate template =
          new TransactionTemplate(new DataSourceTransactionManager(pool));
      for (int propagation :
          List.of(
              TransactionDefinition.PROPAGATION_SUPPORTS,
              TransactionDefinition.PROPAGATION_NOT_SUPPORTED,
              TransactionDefinition.PROPAGATION_NEVER)) {
        template.setPropagationBehavior(propagation);
        IllegalStateException e =
            assertThrows(
                IllegalStateException.class,
                () ->
                    template.executeWithoutResult(
                        status -> lenient.nextValueBeforeCommit(onIt, (tx, n) -> {})));
        assertTrue(
            e.getMessage()
                .startsWith(
                    "sequence 'propagation-none': nextValueBeforeCommit needs a transaction to"
                        + " number at its commit"),
            e.getMessage());
      }
    }
    assertEquals(OptionalLong.empty(), lenient.lastValue(admin));
  }

  private HikariDataSource poolInAutoCommit() {
    HikariConfig config = new HikariConfig();
    config.setDataSource(applicationDataSource());
    config.setMaximumPoolSize(1);
    return new HikariDataSource(config);
  }

  /** An invoice numbered at commit whose numbering asks for a delivery note's number. */
  private static void saveWithDeliveryNote(
      DSLContext ctx, GaplessSequence invoices, GaplessSequence notes, long id, long noteId) {
    ctx.insertInto(DOCUMENT).columns(ID).values(id).execute();
    invoices.nextValueBeforeCommit(
        ctx,
        (tx, n) -> {
          number(tx, id, n);
          save(tx, notes, noteId);
        });
  }

  @Test
  void aRequestMadeWhileRequestsAreIssuedIsIssuedInTheSameCommit() {
    GaplessSequence invoices = GaplessSequence.named("propagation-invoices");
    GaplessSequence notes = GaplessSequence.named("propagation-notes");
    hooked.transaction(cfg -> saveWithDeliveryNote(cfg.dsl(), invoices, notes, 1, 2));
    template(TransactionDefinition.PROPAGATION_REQUIRED)
        .executeWithoutResult(status -> saveWithDeliveryNote(spring, invoices, notes, 3, 4));
    assertEquals(Map.of(1L, 1L, 2L, 1L, 3L, 2L, 4L, 2L), numbers());
    assertEquals(OptionalLong.of(2), notes.lastValue(admin));
  }

  /**
   * T1 numbers A, whose assignment asks for B; T2 numbers B, whose assignment asks for A. The
   * database sees the deadlock and fails one commit; the other numbers both its documents.
   */
  @Test
  void requestsMadeWhileIssuingInOppositeOrdersDeadlockVisiblyAndLoseNothing() throws Exception {
    requiresConcurrentWriters();
    GaplessSequence a = GaplessSequence.named("propagation-a");
    GaplessSequence b = GaplessSequence.named("propagation-b");
    insertRow("propagation-a", 0);
    insertRow("propagation-b", 0);
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    List<Future<?>> transactions = new ArrayList<>();
    long[][] orders = {{1, 2}, {3, 4}};
    for (int t = 0; t < 2; t++) {
      GaplessSequence first = t == 0 ? a : b;
      GaplessSequence second = t == 0 ? b : a;
      long[] ids = orders[t];
      transactions.add(
          Threads.POOL.submit(
              () ->
                  hooked.transaction(
                      cfg -> {
                        cfg.dsl().insertInto(DOCUMENT).columns(ID).values(ids[0]).execute();
                        first.nextValueBeforeCommit(
                            cfg.dsl(),
                            (tx, n) -> {
                              number(tx, ids[0], n);
                              save(tx, second, ids[1]);
                              await(bothHoldOne);
                            });
                      })));
    }
    List<Throwable> failures = new ArrayList<>();
    for (Future<?> transaction : transactions) {
      try {
        transaction.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        failures.add(e.getCause());
      }
    }
    assertEquals(1, failures.size(), failures.toString());
    DataAccessException failure = assertInstanceOf(DataAccessException.class, failures.get(0));
    assertTrue(
        failure.getMessage().contains("Run the whole transaction again"), failure.getMessage());
    assertEquals(OptionalLong.of(1), a.lastValue(admin));
    assertEquals(OptionalLong.of(1), b.lastValue(admin));
    Map<Long, Long> numbers = numbers();
    assertTrue(
        numbers.equals(Map.of(1L, 1L, 2L, 1L)) || numbers.equals(Map.of(3L, 1L, 4L, 1L)),
        numbers.toString());
  }

  @Test
  void theListenerInstalledTwiceIssuesEachRequestOnce() {
    DSLContext twice =
        DSL.using(
            dsl.configuration()
                .derive(BeforeCommitNumbering.listener(), BeforeCommitNumbering.listener()));
    numberInANestedCommitAndANestedRollback(twice, seq);
  }

  /** Service code handed the outer context runs inside a nested transaction that rolls back. */
  @Test
  void aRolledBackSavepointDropsRequestsMadeThroughTheOuterContext() {
    hooked.transaction(
        outer -> {
          save(outer.dsl(), seq, 1);
          assertThrows(
              IllegalStateException.class,
              () ->
                  outer
                      .dsl()
                      .transaction(
                          inner -> {
                            save(outer.dsl(), seq, 2);
                            throw new IllegalStateException("the line could not be saved");
                          }));
        });
    assertEquals(Map.of(1L, 1L), numbers());
    assertEquals(OptionalLong.of(1), seq.lastValue(admin));
  }

  /**
   * B's transaction runs inside A's on one thread, each with its own
   * ThreadLocalTransactionProvider.
   */
  @Test
  void twoThreadLocalProvidersNumberEachRequestAtItsOwnTransactionsCommit() {
    requiresConcurrentWriters();
    GaplessSequence seqB = GaplessSequence.named("propagation-b");
    try (HikariDataSource poolB = poolOutOfAutoCommit()) {
      DSLContext a = threadLocal(pool);
      DSLContext b = threadLocal(poolB);
      a.transaction(
          () -> {
            save(a, seq, 1);
            assertThrows(
                IllegalStateException.class,
                () ->
                    b.transaction(
                        () -> {
                          save(a, seq, 2);
                          save(b, seqB, 3);
                          throw new IllegalStateException("B fails");
                        }));
            b.transaction(() -> save(b, seqB, 4));
            assertEquals(OptionalLong.of(1), seqB.lastValue(admin));
          });
    }
    assertEquals(Map.of(1L, 1L, 2L, 2L, 4L, 1L), numbers());
  }

  private DSLContext threadLocal(HikariDataSource dataSource) {
    return DSL.using(
        new DefaultConfiguration()
            .set(db.dialect())
            .set(settings())
            .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource)))
            .set(BeforeCommitNumbering.listener()));
  }
}
