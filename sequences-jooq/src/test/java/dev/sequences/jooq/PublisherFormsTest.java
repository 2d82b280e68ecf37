package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The publisher forms without an R2DBC driver: what is decided before any connection is asked for,
 * the Reactive Streams rules of the one-call publisher, and the JDBC fallback on H2. The R2DBC
 * drivers are exercised in sequences-it ({@code dev.sequences.it.reactive}).
 */
class PublisherFormsTest {

  /** A factory that only counts: every test here must leave it at zero. */
  static final class NoConnections implements ConnectionFactory {
    final AtomicInteger asked = new AtomicInteger();

    @Override
    public Publisher<? extends Connection> create() {
      asked.incrementAndGet();
      throw new AssertionError("no connection may be asked for");
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
      return () -> "none";
    }
  }

  /** What a subscriber saw, with a first request of {@code request}. */
  static final class Recorder<T> implements Subscriber<T> {
    final List<Object> signals = new ArrayList<>();
    private final long request;
    Subscription subscription;

    Recorder(long request) {
      this.request = request;
    }

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      signals.add("subscribed");
      if (request != 0) {
        s.request(request);
      }
    }

    @Override
    public void onNext(T item) {
      signals.add(item);
    }

    @Override
    public void onError(Throwable t) {
      signals.add(t);
    }

    @Override
    public void onComplete() {
      signals.add("complete");
    }
  }

  static <T> List<Object> signals(Publisher<T> publisher) {
    Recorder<T> recorder = new Recorder<>(1);
    publisher.subscribe(recorder);
    return recorder.signals;
  }

  @Test
  void refusalsComeBeforeAnyConnection() {
    NoConnections factory = new NoConnections();
    DSLContext r2dbc = DSL.using(factory, SQLDialect.POSTGRES);
    GaplessSequence seq = GaplessSequence.named("invoices");
    assertThrows(NullPointerException.class, () -> seq.nextValuePublisher(null));
    assertThrows(NullPointerException.class, () -> seq.nextValuePublisher(r2dbc, null));
    assertThrows(NullPointerException.class, () -> seq.nextValuesPublisher(null, 2));
    assertThrows(NullPointerException.class, () -> seq.nextValuesPublisher(r2dbc, 2, null));
    assertThrows(NullPointerException.class, () -> seq.lastValuePublisher(null));

    List<Object> empty = signals(seq.nextValuesPublisher(r2dbc, 0));
    assertEquals(3, empty.size(), empty::toString);
    assertTrue(((ValueRange) empty.get(1)).isEmpty());
    assertInstanceOf(
        IllegalArgumentException.class, signals(seq.nextValuesPublisher(r2dbc, -1)).get(1));
    assertInstanceOf(
        UnsupportedOperationException.class,
        signals(seq.resettingAt(5).nextValuesPublisher(r2dbc, 2)).get(1));
    assertInstanceOf(
        UnsupportedOperationException.class,
        signals(seq.nextValuePublisher(DSL.using(factory, SQLDialect.SQLITE))).get(1));
    IllegalStateException blocking =
        assertThrows(IllegalStateException.class, () -> seq.nextValue(r2dbc));
    assertTrue(blocking.getMessage().contains("nextValuePublisher"), blocking.getMessage());
    assertThrows(IllegalStateException.class, () -> seq.nextValues(r2dbc, 3));
    IllegalStateException atCommit =
        assertThrows(
            IllegalStateException.class, () -> seq.nextValueBeforeCommit(r2dbc, (c, n) -> {}));
    assertTrue(atCommit.getMessage().contains("R2DBC"), atCommit.getMessage());
    assertEquals(0, factory.asked.get());
  }

  @Test
  void nothingRunsBeforeARequestAndABadRequestIsAnError() {
    NoConnections factory = new NoConnections();
    DSLContext r2dbc = DSL.using(factory, SQLDialect.POSTGRES);
    Recorder<Long> waiting = new Recorder<>(0);
    GaplessSequence.named("invoices").nextValuePublisher(r2dbc).subscribe(waiting);
    assertEquals(List.of("subscribed"), waiting.signals);
    waiting.subscription.request(0);
    assertInstanceOf(IllegalArgumentException.class, waiting.signals.get(1));
    waiting.subscription.request(1);
    assertEquals(2, waiting.signals.size());
    assertEquals(0, factory.asked.get());
  }

  @Test
  void onAJdbcContextTheBlockingCallRunsWhenRequested() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:publisher-forms;DB_CLOSE_DELAY=-1");
    DSLContext dsl = DSL.using(dataSource, SQLDialect.H2);
    dsl.execute(
        "create table if not exists \"sequences_sequence\""
            + " (\"name\" varchar(100) primary key, \"last\" bigint not null)");
    GaplessSequence seq = GaplessSequence.named("jdbc");
    assertEquals(List.of("subscribed", "complete"), signals(seq.lastValuePublisher(dsl)));
    List<Object> taken = dsl.transactionResult(trx -> signals(seq.nextValuePublisher(trx.dsl())));
    assertEquals(List.of("subscribed", 1L, "complete"), taken);
    assertInstanceOf(IllegalStateException.class, signals(seq.nextValuePublisher(dsl)).get(1));
    List<Object> range =
        dsl.transactionResult(trx -> signals(seq.nextValuesPublisher(trx.dsl(), 3)));
    assertEquals(4, ((ValueRange) range.get(1)).last());
    assertEquals(List.of("subscribed", 4L, "complete"), signals(seq.lastValuePublisher(dsl)));
  }
}
