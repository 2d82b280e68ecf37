package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.BeforeCommitNumbering;
import dev.sequences.jooq.GaplessSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbering at commit ({@code nextValueBeforeCommit}): the value is issued just before the
 * outermost commit, in the transaction; nothing on rollback; the lock is held from then only. Runs
 * on each database's base description.
 */
abstract class BeforeCommitContract extends AtCommitFixture {

  BeforeCommitContract(DatabaseDescription db) {
    super(db);
  }

  @Test
  void theValueIsIssuedAtTheCommitAndAssignedInTheTransaction() {
    GaplessSequence seq = GaplessSequence.named("at-commit");
    OptionalLong beforeCommit =
        hooked.transactionResult(
            cfg -> {
              save(cfg.dsl(), seq, 10);
              return seq.lastValue(cfg.dsl());
            });
    assertEquals(OptionalLong.empty(), beforeCommit);
    assertEquals(Map.of(10L, 1L), numbers());
    assertEquals(OptionalLong.of(1), seq.lastValue(dsl));
  }

  @Test
  void aRollbackIssuesNothing() {
    GaplessSequence seq = GaplessSequence.named("at-commit-rollback");
    assertThrows(
        IllegalStateException.class,
        () ->
            hooked.transaction(
                cfg -> {
                  save(cfg.dsl(), seq, 10);
                  throw new IllegalStateException("the document could not be saved");
                }));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
    assertEquals(Map.of(), numbers());
  }

  @Test
  void aNestedRollbackDropsItsRequestsANestedCommitKeepsThem() {
    GaplessSequence seq = GaplessSequence.named("at-commit-nested");
    numberInANestedCommitAndANestedRollback(hooked, seq);
  }

  /**
   * T1 asks for a number and stays open; T2 asks for one of the same sequence and commits without
   * waiting for T1, taking 1; T1 commits after it and takes 2. With nextValue, T2 would wait.
   */
  @Test
  void theLockIsHeldFromTheCommitOnlySoAnOpenTransactionBlocksNoOne() throws Exception {
    Assumptions.assumeTrue(db.concurrentWriters(), "one transaction writes at a time here");
    GaplessSequence seq = GaplessSequence.named("at-commit-race");
    CountDownLatch t1Asked = new CountDownLatch(1);
    CountDownLatch t2Committed = new CountDownLatch(1);
    Future<?> t1 =
        Threads.POOL.submit(
            () ->
                hooked.transaction(
                    cfg -> {
                      save(cfg.dsl(), seq, 1);
                      t1Asked.countDown();
                      assertTrue(t2Committed.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
                    }));
    assertTrue(t1Asked.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    Future<?> t2 = Threads.POOL.submit(() -> hooked.transaction(cfg -> save(cfg.dsl(), seq, 2)));
    t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(Map.of(2L, 1L), numbers());
    t2Committed.countDown();
    t1.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(Map.of(1L, 2L, 2L, 1L), numbers());
  }

  /** Two transactions ask for A and B in opposite orders and commit at once: no deadlock. */
  @Test
  void requestsAreIssuedInOneOrderSoOppositeOrdersNeverDeadlock() throws Exception {
    GaplessSequence a = GaplessSequence.named("at-commit-a");
    GaplessSequence b = GaplessSequence.named("at-commit-b");
    insertRow("at-commit-a", 0);
    insertRow("at-commit-b", 0);
    CyclicBarrier bothAsked = new CyclicBarrier(2);
    List<Future<?>> transactions = new ArrayList<>();
    for (GaplessSequence[] order :
        List.of(new GaplessSequence[] {a, b}, new GaplessSequence[] {b, a})) {
      transactions.add(
          Threads.POOL.submit(
              () ->
                  hooked.transaction(
                      cfg -> {
                        for (GaplessSequence seq : order) {
                          seq.nextValueBeforeCommit(cfg.dsl(), (tx, n) -> {});
                        }
                        await(bothAsked);
                      })));
    }
    for (Future<?> transaction : transactions) {
      transaction.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    }
    assertEquals(OptionalLong.of(2), a.lastValue(dsl));
    assertEquals(OptionalLong.of(2), b.lastValue(dsl));
  }

  @Test
  void withoutAHookTheRequestIsRefusedAtOnce() {
    GaplessSequence seq = GaplessSequence.named("at-commit-unhooked");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                inTransaction(
                    ctx -> {
                      seq.nextValueBeforeCommit(ctx, (tx, n) -> {});
                      return null;
                    }));
    assertTrue(
        e.getMessage()
            .startsWith("sequence 'at-commit-unhooked': nextValueBeforeCommit needs a hook"),
        e.getMessage());
    assertTrue(e.getMessage().contains("BeforeCommitNumbering.listener()"), e.getMessage());
    assertThrows(
        IllegalStateException.class, () -> seq.nextValueBeforeCommit(hooked, (tx, n) -> {}));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  @Test
  void aValueThatCannotBeIssuedFailsTheCommit() {
    GaplessSequence seq = GaplessSequence.named("at-commit-max");
    insertRow("at-commit-max", Long.MAX_VALUE);
    DataAccessException e =
        assertThrows(
            DataAccessException.class, () -> hooked.transaction(cfg -> save(cfg.dsl(), seq, 1)));
    assertTrue(e.getMessage().contains("Long.MAX_VALUE"), e.getMessage());
    assertEquals(Map.of(), numbers());
    assertEquals(OptionalLong.of(Long.MAX_VALUE), seq.lastValue(dsl));
  }

  @Test
  void threadLocalTransactionsAreHooked() {
    GaplessSequence seq = GaplessSequence.named("at-commit-thread-local");
    DSLContext tl =
        DSL.using(
            new DefaultConfiguration()
                .set(db.dialect())
                .set(settings())
                .set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(pool)))
                .set(BeforeCommitNumbering.listener()));
    tl.transaction(
        () -> {
          save(tl, seq, 1);
          tl.transaction(() -> save(tl, seq, 2));
        });
    assertEquals(Map.of(1L, 1L, 2L, 2L), numbers());
  }

  @Test
  void springTransactionsAreHooked() {
    GaplessSequence seq = GaplessSequence.named("at-commit-spring");
    TransactionTemplate template = new TransactionTemplate(manager);
    template.executeWithoutResult(status -> save(spring, seq, 1));
    template.executeWithoutResult(
        status -> {
          save(spring, seq, 2);
          status.setRollbackOnly();
        });
    template.executeWithoutResult(status -> save(spring, seq, 3));
    assertEquals(Map.of(1L, 1L, 3L, 2L), numbers());
  }
}
