package dev.sequences.it.reactive.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.jooq.ValueRange;
import dev.sequences.schema.SequencesSchema;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The publisher forms on r2dbc-h2 1.0.0 with H2 2.1.214, the H2 it was built for, in a module of
 * its own (the project's H2 is 2.5). The schema is migrated through JDBC on the same in-memory
 * database. r2dbc-h2 runs each statement on the subscribing thread, so concurrent transactions are
 * subscribed on Reactor's bounded elastic threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2ReactiveTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String URL = "mem:r2dbc;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

  private DSLContext dsl;
  private DSLContext jdbc;

  @BeforeAll
  void migrate() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:" + URL);
    SequencesSchema.migrate(dataSource);
    jdbc = DSL.using(dataSource, SQLDialect.H2);
    dsl =
        DSL.using(
            new H2ConnectionFactory(H2ConnectionConfiguration.builder().url(URL).build()),
            SQLDialect.H2);
  }

  private <T> T inTransaction(
      java.util.function.Function<DSLContext, org.reactivestreams.Publisher<T>> body) {
    return Flux.from(dsl.transactionPublisher(trx -> body.apply(trx.dsl())))
        .single()
        .block(TIMEOUT);
  }

  @Test
  void valuesNamesAndARollback() {
    GaplessSequence upper = GaplessSequence.named("Invoices");
    GaplessSequence lower = GaplessSequence.named("invoices");
    List<Long> taken =
        inTransaction(
            trx ->
                Flux.concat(
                        upper.nextValuePublisher(trx),
                        upper.nextValuePublisher(trx),
                        lower.nextValuePublisher(trx))
                    .collectList());
    assertEquals(List.of(1L, 2L, 1L), taken);
    ValueRange range = inTransaction(trx -> upper.nextValuesPublisher(trx, 3));
    assertEquals(5, range.last());
    assertThrows(
        IllegalStateException.class,
        () ->
            inTransaction(
                trx ->
                    Mono.from(upper.nextValuePublisher(trx))
                        .then(Mono.error(new IllegalStateException("roll back")))));
    assertEquals(5L, Mono.from(upper.lastValuePublisher(dsl)).block(TIMEOUT));
    assertNull(Mono.from(GaplessSequence.named("never").lastValuePublisher(dsl)).block(TIMEOUT));
    assertEquals(6L, (long) this.<Long>inTransaction(trx -> upper.nextValuePublisher(trx)));
    IllegalStateException autoCommit =
        assertThrows(
            IllegalStateException.class,
            () -> Mono.from(upper.nextValuePublisher(dsl)).block(TIMEOUT));
    assertTrue(autoCommit.getMessage().contains("auto-commit"), autoCommit.getMessage());
  }

  @Test
  void nowaitAndABoundedWaitAgainstAHeldRow() throws Exception {
    GaplessSequence seq = GaplessSequence.named("held");
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> held =
        CompletableFuture.runAsync(
            () ->
                jdbc.transaction(
                    cfg -> {
                      seq.nextValue(cfg.dsl());
                      taken.countDown();
                      release.await(60, TimeUnit.SECONDS);
                      throw new IllegalStateException("roll back");
                    }));
    assertTrue(taken.await(60, TimeUnit.SECONDS));
    try {
      Throwable nowait =
          assertThrows(
              RuntimeException.class,
              () -> inTransaction(trx -> seq.nextValuePublisher(trx, LockWait.NOWAIT)));
      assertInstanceOf(SequenceLockedException.class, nowait);
      long started = System.nanoTime();
      Throwable bounded =
          assertThrows(
              RuntimeException.class,
              () ->
                  inTransaction(
                      trx ->
                          seq.nextValuePublisher(trx, LockWait.timeout(Duration.ofMillis(300)))));
      assertInstanceOf(SequenceLockedException.class, bounded);
      assertTrue(System.nanoTime() - started >= Duration.ofMillis(250).toNanos());
    } finally {
      release.countDown();
      assertThrows(Exception.class, () -> held.get(60, TimeUnit.SECONDS));
    }
    assertEquals(1L, (long) this.<Long>inTransaction(trx -> seq.nextValuePublisher(trx)));
  }

  @Test
  void concurrentTransactionsWithRollbacksLeaveNoGapAndNoDuplicate() {
    GaplessSequence seq = GaplessSequence.named("stress");
    List<Long> committed = new CopyOnWriteArrayList<>();
    Flux.range(0, 60)
        .flatMap(
            i -> {
              boolean rollback = ThreadLocalRandom.current().nextInt(4) == 0;
              // single(): the value once the transaction has committed, not at its emission.
              return Flux.from(
                      dsl.transactionPublisher(
                          trx ->
                              Mono.from(seq.nextValuePublisher(trx.dsl()))
                                  .flatMap(
                                      n ->
                                          rollback
                                              ? Mono.error(new IllegalStateException("rollback"))
                                              : Mono.just(n))))
                  .single()
                  .doOnNext(committed::add)
                  .onErrorResume(IllegalStateException.class, e -> Mono.empty())
                  .subscribeOn(Schedulers.boundedElastic());
            },
            4)
        .blockLast(TIMEOUT);
    Set<Long> seen = new HashSet<>();
    for (long n : committed) {
      assertTrue(seen.add(n), "value " + n + " committed twice");
    }
    List<Long> sorted = new ArrayList<>(seen);
    sorted.sort(null);
    for (int i = 0; i < sorted.size(); i++) {
      assertEquals(i + 1L, sorted.get(i));
    }
  }
}
