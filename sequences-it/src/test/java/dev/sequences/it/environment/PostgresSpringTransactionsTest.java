package dev.sequences.it.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequences.it.fixtures.TestDatabase;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring-managed transactions, set up as Spring Boot's jOOQ starter sets them up: a {@code
 * DataSourceTransactionManager}, and jOOQ over a {@code TransactionAwareDataSourceProxy}, so that
 * jOOQ's statements run on the connection of the current Spring transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSpringTransactionsTest {

  private static final GaplessSequence INVOICES = GaplessSequence.named("spring-invoices");

  private DSLContext dsl;
  private TransactionTemplate transactions;

  @BeforeAll
  void springUp() {
    DataSource dataSource = TestDatabase.POSTGRES.dataSource();
    SequencesSchema.migrate(dataSource);
    dsl = DSL.using(new TransactionAwareDataSourceProxy(dataSource), SQLDialect.POSTGRES);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @BeforeEach
  void forget() {
    INVOICES.delete(dsl);
  }

  @Test
  void rolledBackSpringTransactionGivesTheNumberBack() {
    assertThrows(
        IllegalStateException.class,
        () ->
            transactions.executeWithoutResult(
                status -> {
                  assertEquals(1, INVOICES.nextValue(dsl));
                  throw new IllegalStateException("the invoice could not be saved");
                }));
    transactions.executeWithoutResult(
        status -> {
          assertEquals(1, INVOICES.nextValue(dsl));
          status.setRollbackOnly();
        });
    assertEquals(OptionalLong.empty(), INVOICES.lastValue(dsl));
    Long committed = transactions.execute(status -> INVOICES.nextValue(dsl));
    assertEquals(1L, committed);
    assertEquals(OptionalLong.of(1), INVOICES.lastValue(dsl));
  }

  @Test
  void outsideASpringTransactionTheGuardRefuses() {
    assertThrows(IllegalStateException.class, () -> INVOICES.nextValue(dsl));
  }

  @Test
  void concurrentSpringTransactionsSerialize() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch t1Took = new CountDownLatch(1);
    CountDownLatch t1MayCommit = new CountDownLatch(1);
    Future<?> t1 =
        CompletableFuture.runAsync(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      events.add("T1 took " + INVOICES.nextValue(dsl));
                      t1Took.countDown();
                      await(t1MayCommit);
                      events.add("T1 commits");
                    }),
            Threads.POOL);
    assertEquals(true, t1Took.await(60, TimeUnit.SECONDS));
    Future<?> t2 =
        CompletableFuture.runAsync(
            () ->
                transactions.executeWithoutResult(
                    status -> events.add("T2 took " + INVOICES.nextValue(dsl))),
            Threads.POOL);
    assertThrows(TimeoutException.class, () -> t2.get(700, TimeUnit.MILLISECONDS));
    t1MayCommit.countDown();
    t1.get(60, TimeUnit.SECONDS);
    t2.get(60, TimeUnit.SECONDS);
    assertEquals(List.of("T1 took 1", "T1 commits", "T2 took 2"), events);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let T1 commit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
