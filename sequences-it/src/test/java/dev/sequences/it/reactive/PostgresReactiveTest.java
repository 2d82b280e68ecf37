package dev.sequences.it.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /**
   * A commit that fails (a deferred unique constraint, checked at the commit) reaches {@code
   * Flux.from(transactionPublisher).single()}, and the value is given back; {@code Mono.from} of
   * the same transaction has already emitted the value and completes without the failure: what
   * {@code nextValuePublisher}'s Javadoc warns of.
   */
  @Test
  void aFailingCommitReachesSingleButNotMonoFrom() {
    GaplessSequence seq = sequence("commit-fails");
    jdbc.execute("drop table if exists r2dbc_deferred");
    jdbc.execute(
        "create table r2dbc_deferred (id int,"
            + " constraint r2dbc_deferred_once unique (id) deferrable initially deferred)");
    assertEquals(1L, (long) this.<Long>inTransaction((trx, unused) -> seq.nextValuePublisher(trx)));
    org.jooq.Publisher<Long> failsAtCommit =
        dsl.transactionPublisher(
            trx ->
                Mono.from(seq.nextValuePublisher(trx.dsl()))
                    .flatMap(
                        n ->
                            Mono.from(trx.dsl().query("insert into r2dbc_deferred values (1), (1)"))
                                .thenReturn(n)));
    RuntimeException failed =
        assertThrows(
            RuntimeException.class,
            () -> Flux.from(failsAtCommit).single().block(Duration.ofSeconds(60)));
    assertTrue(
        String.valueOf(failed.getMessage()).contains("r2dbc_deferred_once"), failed::toString);
    assertEquals(1L, seq.lastValue(jdbc).getAsLong());
    // Mono.from hands out 2, which the failing commit gives back: the caller never hears of it.
    assertEquals(2L, Mono.from(failsAtCommit).block(Duration.ofSeconds(60)));
    assertEquals(1L, seq.lastValue(jdbc).getAsLong());
    jdbc.execute("drop table r2dbc_deferred");
  }
}
