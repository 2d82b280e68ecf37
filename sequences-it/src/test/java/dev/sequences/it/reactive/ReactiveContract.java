package dev.sequences.it.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.HeldTransaction;
import dev.sequences.it.fixtures.TestDatabase;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceEvent;
import dev.sequences.jooq.SequenceListener;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.jooq.ValueRange;
import dev.sequences.schema.SequencesSchema;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.reactivestreams.Publisher;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.connection.TransactionAwareConnectionFactoryProxy;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The publisher forms of {@link GaplessSequence} on a real R2DBC driver behind r2dbc-pool, as a
 * WebFlux application uses them: inside {@code dsl.transactionPublisher(...)}. The schema is
 * migrated through JDBC ({@link SequencesSchema#migrate}); a held row is held by a JDBC
 * transaction. Skipped without a server, failed if {@code SEQUENCES_TEST_REQUIRED} names it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReactiveContract {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** The server the tests run on. */
  abstract TestDatabase database();

  /** The jOOQ dialect of the R2DBC context. */
  abstract SQLDialect dialect();

  /** The R2DBC driver's name ({@code ConnectionFactoryOptions.DRIVER}). */
  abstract String driver();

  private ConnectionPool pool;
  DSLContext dsl;
  DSLContext jdbc;
  private final String run = Long.toString(System.nanoTime(), 36);

  @BeforeAll
  void connect() {
    TestDatabase.Server server = database().server();
    SequencesSchema.migrate(database().dataSource());
    jdbc = DSL.using(database().dataSource(), dialect());
    pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(connectionFactory(server))
                .initialSize(2)
                .maxSize(8)
                .maxAcquireTime(Duration.ofSeconds(30))
                .build());
    dsl = DSL.using(pool, dialect());
  }

  /** The driver's factory for {@code server}, from its JDBC URL's host, port and database. */
  ConnectionFactory connectionFactory(TestDatabase.Server server) {
    URI uri = URI.create(server.url().substring("jdbc:".length()));
    ConnectionFactoryOptions options =
        ConnectionFactoryOptions.builder()
            .option(ConnectionFactoryOptions.DRIVER, driver())
            .option(ConnectionFactoryOptions.HOST, uri.getHost())
            .option(ConnectionFactoryOptions.PORT, uri.getPort())
            .option(ConnectionFactoryOptions.DATABASE, uri.getPath().substring(1))
            .option(ConnectionFactoryOptions.USER, server.user())
            .option(ConnectionFactoryOptions.PASSWORD, server.password())
            .build();
    return ConnectionFactories.get(options);
  }

  @AfterAll
  void close() {
    if (pool != null) {
      pool.disposeLater().block(TIMEOUT);
    }
  }

  /** A sequence of this run, apart from every other test's. */
  GaplessSequence sequence(String name) {
    return GaplessSequence.named("r2dbc-" + name + "-" + run);
  }

  /** {@code body} in one R2DBC transaction of {@link #dsl}; its single result. */
  <T> T inTransaction(BiFunction<DSLContext, Integer, Publisher<T>> body) {
    return Flux.from(dsl.transactionPublisher(trx -> body.apply(trx.dsl(), 0)))
        .single()
        .block(TIMEOUT);
  }

  <T> T once(Publisher<T> publisher) {
    return Mono.from(publisher).block(TIMEOUT);
  }

  @Test
  void valuesInTheTransactionAndNamesApart() {
    GaplessSequence upper = sequence("Invoices");
    GaplessSequence lower = sequence("invoices");
    List<Long> taken =
        inTransaction(
            (trx, unused) ->
                Flux.concat(
                        upper.nextValuePublisher(trx),
                        upper.nextValuePublisher(trx),
                        lower.nextValuePublisher(trx),
                        upper.nextValuePublisher(trx, LockWait.timeout(Duration.ofSeconds(2))))
                    .collectList());
    assertEquals(List.of(1L, 2L, 1L, 3L), taken);
    ValueRange range = inTransaction((trx, unused) -> upper.nextValuesPublisher(trx, 5));
    assertEquals(4, range.first());
    assertEquals(8, range.last());
    // A read on any connection: the pool's, in auto-commit mode.
    assertEquals(8L, once(upper.lastValuePublisher(dsl)));
    assertEquals(1L, once(lower.lastValuePublisher(dsl)));
    assertNull(once(sequence("never-used").lastValuePublisher(dsl)));
    assertEquals(8L, upper.lastValue(jdbc).getAsLong());
    GaplessSequence from = sequence("from").startingAt(100);
    assertEquals(
        100L, (long) this.<Long>inTransaction((trx, unused) -> from.nextValuePublisher(trx)));
  }

  @Test
  void aRollbackGivesTheValueBack() {
    GaplessSequence seq = sequence("rollback");
    assertEquals(1L, (long) this.<Long>inTransaction((trx, unused) -> seq.nextValuePublisher(trx)));
    RuntimeException rolledBack =
        assertThrows(
            RuntimeException.class,
            () ->
                inTransaction(
                    (trx, unused) ->
                        Mono.from(seq.nextValuePublisher(trx))
                            .flatMap(n -> Mono.error(new Rollback(n)))));
    assertInstanceOf(Rollback.class, rolledBack);
    assertEquals(2L, ((Rollback) rolledBack).value);
    assertEquals(1L, once(seq.lastValuePublisher(dsl)));
    assertEquals(2L, (long) this.<Long>inTransaction((trx, unused) -> seq.nextValuePublisher(trx)));
  }

  @Test
  void concurrentTransactionsOnOneSequenceWithRollbacks() {
    Map<String, List<Long>> committed = stress(List.of(sequence("stress-one")), this::issue);
    checkGapless(committed);
    assertEquals(1, committed.size());
  }

  @Test
  void concurrentTransactionsOnSeveralSequencesWithRollbacks() {
    Map<String, List<Long>> committed =
        stress(
            List.of(sequence("stress-a"), sequence("stress-b"), sequence("stress-c")), this::issue);
    checkGapless(committed);
    assertEquals(3, committed.size());
  }

  /**
   * The harness catches a duplicate: an issuer that reads the last value and adds one, unlocked.
   * Shown once, on PostgreSQL: on InnoDB the broken issuer's transactions may also fail on locks,
   * which ends the run before the check (seen under the MYSQL dialect).
   */
  @Test
  void theStressHarnessFailsOnABrokenIssuer() {
    Assumptions.assumeTrue(dialect().family() == SQLDialect.POSTGRES, "shown once, on PostgreSQL");
    AssertionError caught =
        assertThrows(
            AssertionError.class,
            () ->
                checkGapless(
                    stress(
                        List.of(sequence("broken")),
                        (seq, trx) ->
                            Mono.from(seq.lastValuePublisher(trx.dsl()))
                                .defaultIfEmpty(0L)
                                .delayElement(Duration.ofMillis(5))
                                .map(last -> last + 1)
                                .flatMap(
                                    next ->
                                        Mono.from(seq.nextValuePublisher(trx.dsl(), LockWait.WAIT))
                                            .map(ignored -> next)))));
    assertTrue(caught.getMessage().contains("twice"), caught.getMessage());
  }

  private Publisher<Long> issue(GaplessSequence seq, org.jooq.Configuration trx) {
    return seq.nextValuePublisher(trx.dsl());
  }

  /**
   * {@code TRANSACTIONS} transactions, 8 at a time, each on a random sequence of {@code sequences},
   * a quarter of them rolled back after taking their value (and any the database fails with "run
   * again"); the values of the committed ones by sequence.
   */
  private Map<String, List<Long>> stress(
      List<GaplessSequence> sequences,
      BiFunction<GaplessSequence, org.jooq.Configuration, Publisher<Long>> issuer) {
    int transactions = 120;
    Map<String, List<Long>> committed = new TreeMap<>();
    for (GaplessSequence seq : sequences) {
      committed.put(seq.name(), new CopyOnWriteArrayList<>());
    }
    AtomicInteger rolledBack = new AtomicInteger();
    Flux.range(0, transactions)
        .flatMap(
            i -> {
              GaplessSequence seq =
                  sequences.get(ThreadLocalRandom.current().nextInt(sequences.size()));
              boolean rollback = ThreadLocalRandom.current().nextInt(4) == 0;
              return Mono.from(
                      dsl.transactionPublisher(
                          trx ->
                              Mono.from(issuer.apply(seq, trx))
                                  .flatMap(
                                      n -> rollback ? Mono.error(new Rollback(n)) : Mono.just(n))))
                  .doOnNext(n -> committed.get(seq.name()).add(n))
                  .onErrorResume(
                      Rollback.class,
                      e -> {
                        rolledBack.incrementAndGet();
                        return Mono.empty();
                      })
                  // "Run the whole transaction again" (InnoDB deadlocks between first uses of new
                  // rows): rolled back by the database, nothing committed; as StressHarness counts.
                  .onErrorResume(
                      e -> e instanceof DataAccessException dae && dae.sqlState().startsWith("40"),
                      e -> {
                        rolledBack.incrementAndGet();
                        return Mono.empty();
                      });
            },
            8)
        .blockLast(TIMEOUT.multipliedBy(2));
    assertTrue(rolledBack.get() > 0, "some transactions rolled back");
    return committed;
  }

  /** Fails on a value committed twice, or a gap: each sequence's values are 1 to n. */
  static void checkGapless(Map<String, List<Long>> committed) {
    for (Map.Entry<String, List<Long>> entry : committed.entrySet()) {
      Set<Long> seen = new HashSet<>();
      for (long value : entry.getValue()) {
        if (!seen.add(value)) {
          throw new AssertionError(entry.getKey() + ": value " + value + " committed twice");
        }
      }
      List<Long> sorted = new ArrayList<>(seen);
      sorted.sort(null);
      for (int i = 0; i < sorted.size(); i++) {
        assertEquals(i + 1L, sorted.get(i), entry.getKey() + ": a gap before " + sorted.get(i));
      }
    }
  }

  @Test
  void nowaitAndABoundedWaitAgainstAHeldRow() throws Exception {
    GaplessSequence seq = sequence("held");
    HeldTransaction held = HeldTransaction.start(jdbc, seq::nextValue);
    try {
      Throwable nowait =
          assertThrows(
              RuntimeException.class,
              () -> inTransaction((trx, unused) -> seq.nextValuePublisher(trx, LockWait.NOWAIT)));
      assertInstanceOf(SequenceLockedException.class, nowait, () -> describe(nowait));
      assertTrue(nowait.getMessage().contains("is held by another transaction"));
      long started = System.nanoTime();
      Throwable bounded =
          assertThrows(
              RuntimeException.class,
              () ->
                  inTransaction(
                      (trx, unused) ->
                          seq.nextValuesPublisher(
                              trx, 2, LockWait.timeout(Duration.ofMillis(300)))));
      long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
      assertInstanceOf(SequenceLockedException.class, bounded, () -> describe(bounded));
      assertTrue(waited >= 250, "waited " + waited + " ms");
    } finally {
      held.rollback();
    }
    assertEquals(
        1L,
        (long)
            this.<Long>inTransaction(
                (trx, unused) -> seq.nextValuePublisher(trx, LockWait.NOWAIT)));
  }

  private static String describe(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }

  @Test
  void autoCommitIsRefusedUnlessAllowed() {
    GaplessSequence seq = sequence("auto-commit");
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> once(seq.nextValuePublisher(dsl)));
    assertTrue(refused.getMessage().contains("auto-commit"), refused.getMessage());
    assertNull(once(seq.lastValuePublisher(dsl)));
    assertEquals(1L, once(seq.allowingAutoCommit().nextValuePublisher(dsl)));
    ValueRange range = once(seq.allowingAutoCommit().nextValuesPublisher(dsl, 3));
    assertEquals(List.of(2L, 3L, 4L), range.stream().boxed().toList());
    assertEquals(4L, seq.lastValue(jdbc).getAsLong());
  }

  @Test
  void refusalsBeforeAnySql() {
    GaplessSequence seq = sequence("refusals");
    CountingFactory counting = new CountingFactory(pool);
    DSLContext counted = DSL.using(counting, dialect());
    assertThrows(NullPointerException.class, () -> seq.nextValuePublisher(null));
    assertThrows(NullPointerException.class, () -> seq.nextValuePublisher(counted, null));
    assertThrows(NullPointerException.class, () -> seq.nextValuesPublisher(null, 1));
    assertThrows(NullPointerException.class, () -> seq.nextValuesPublisher(counted, 1, null));
    assertThrows(NullPointerException.class, () -> seq.lastValuePublisher(null));
    // Nothing happens until subscription.
    seq.nextValuePublisher(counted);
    seq.lastValuePublisher(counted);
    assertTrue(once(seq.nextValuesPublisher(counted, 0)).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> once(seq.nextValuesPublisher(counted, -1)));
    assertThrows(
        UnsupportedOperationException.class,
        () -> once(seq.resettingAt(10).nextValuesPublisher(counted, 2)));
    IllegalStateException blocking =
        assertThrows(IllegalStateException.class, () -> seq.nextValue(counted));
    assertTrue(blocking.getMessage().contains("nextValuePublisher"), blocking.getMessage());
    assertThrows(IllegalStateException.class, () -> seq.nextValues(counted, 2));
    IllegalStateException atCommit =
        assertThrows(
            IllegalStateException.class, () -> seq.nextValueBeforeCommit(counted, (c, n) -> {}));
    assertTrue(atCommit.getMessage().contains("R2DBC"), atCommit.getMessage());
    assertEquals(0, counting.created.get(), "no connection was asked for");
  }

  @Test
  void listenersHearTheSameEvents() throws Exception {
    GaplessSequence seq = sequence("events");
    List<SequenceEvent> heard = new CopyOnWriteArrayList<>();
    DSLContext listened = DSL.using(dsl.configuration().derive());
    SequenceListener.install(listened.configuration(), heard::add);
    Flux.from(
            listened.transactionPublisher(trx -> Mono.from(seq.nextValuesPublisher(trx.dsl(), 3))))
        .blockLast(TIMEOUT);
    HeldTransaction held = HeldTransaction.start(jdbc, seq::nextValue);
    try {
      assertThrows(
          SequenceLockedException.class,
          () ->
              Flux.from(
                      listened.transactionPublisher(
                          trx -> Mono.from(seq.nextValuePublisher(trx.dsl(), LockWait.NOWAIT))))
                  .blockLast(TIMEOUT));
    } finally {
      held.rollback();
    }
    assertEquals(2, heard.size(), heard::toString);
    assertEquals(SequenceEvent.Outcome.ISSUED, heard.get(0).outcome());
    assertEquals(3, heard.get(0).valuesRequested());
    assertEquals(SequenceEvent.Outcome.LOCKED, heard.get(1).outcome());
    assertFalse(heard.get(1).failure() == null);
  }

  /**
   * Spring's reactive transactions are not supported: Spring binds the transaction's connection in
   * Reactor's context, which the library's plain Reactive Streams subscribers do not carry, so the
   * call gets another connection of the pool, in auto-commit mode, and is refused.
   */
  @Test
  void springReactiveTransactionsAreRefused() {
    GaplessSequence seq = sequence("spring");
    TransactionalOperator transactional =
        TransactionalOperator.create(new R2dbcTransactionManager(pool));
    DSLContext spring = DSL.using(new TransactionAwareConnectionFactoryProxy(pool), dialect());
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                Mono.from(seq.nextValuePublisher(spring))
                    .as(transactional::transactional)
                    .block(TIMEOUT));
    assertTrue(refused.getMessage().contains("auto-commit"), refused.getMessage());
    assertNull(once(seq.lastValuePublisher(dsl)));
  }

  /** A rollback the test asks for, with the value the transaction took. */
  static final class Rollback extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long value;

    Rollback(long value) {
      super("rollback requested by the test: " + value, null, false, false);
      this.value = value;
    }
  }

  /** A factory that counts the connections asked of it. */
  static final class CountingFactory implements ConnectionFactory {
    final AtomicInteger created = new AtomicInteger();
    private final ConnectionFactory delegate;

    CountingFactory(ConnectionFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Publisher<? extends io.r2dbc.spi.Connection> create() {
      created.incrementAndGet();
      return delegate.create();
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
      return delegate.getMetadata();
    }
  }
}
