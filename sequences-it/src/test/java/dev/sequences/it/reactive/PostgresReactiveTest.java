package dev.sequences.it.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequences.it.fixtures.TestDatabase;
import dev.sequences.jooq.GaplessSequence;
import java.time.Duration;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The publisher forms on r2dbc-postgresql. */
class PostgresReactiveTest extends ReactiveContract {

  @Override
  TestDatabase database() {
    return TestDatabase.POSTGRES;
  }

  @Override
  SQLDialect dialect() {
    return SQLDialect.POSTGRES;
  }

  @Override
  String driver() {
    return "postgresql";
  }

  /**
   * The server ends the transaction's connection after the value was taken: the transaction fails
   * and the value is given back; the pool hands out a live connection to the next one.
   */
  @Test
  void aKilledConnectionGivesTheValueBack() {
    GaplessSequence seq = sequence("killed");
    assertEquals(1L, (long) this.<Long>inTransaction((trx, unused) -> seq.nextValuePublisher(trx)));
    // What fails is the driver's (PostgresConnectionClosedException, from the statement or from
    // jOOQ's rollback on the closed connection): the point is the value given back.
    assertThrows(
        RuntimeException.class,
        () ->
            Flux.from(
                    dsl.transactionPublisher(
                        trx ->
                            Mono.from(seq.nextValuePublisher(trx.dsl()))
                                .flatMap(
                                    n ->
                                        Mono.from(
                                            trx.dsl()
                                                .select(
                                                    DSL.field("pg_backend_pid()", Integer.class))))
                                .map(pid -> pid.value1())
                                .doOnNext(pid -> jdbc.fetch("select pg_terminate_backend(?)", pid))
                                .flatMap(pid -> Mono.from(seq.nextValuePublisher(trx.dsl())))))
                .blockLast(Duration.ofSeconds(60)));
    assertEquals(1L, seq.lastValue(jdbc).getAsLong());
    assertEquals(2L, (long) this.<Long>inTransaction((trx, unused) -> seq.nextValuePublisher(trx)));
  }
}
