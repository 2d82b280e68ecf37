package dev.sequences.examples;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.math.BigDecimal;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Invoice numbers in a reactive service (jOOQ on R2DBC, PostgreSQL): what a WebFlux handler
 * returns. {@code ReactiveInvoices HOST PORT DATABASE USER} with the password in $PGPASSWORD.
 */
public class ReactiveInvoices {

  static final GaplessSequence INVOICES = GaplessSequence.named("invoices");

  static final Table<?> INVOICE = table(name("invoice"));
  static final Field<Long> NUMBER = field(name("number"), Long.class);
  static final Field<BigDecimal> TOTAL = field(name("total"), BigDecimal.class);

  private final DSLContext dsl;

  ReactiveInvoices(ConnectionFactory pool) {
    this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
  }

  /**
   * Saves one invoice under the next number, in one R2DBC transaction; emits the number once the
   * transaction has committed. jOOQ's transaction emits its result before it commits: single()
   * waits for the commit, where Mono.from would hand the number out at once.
   */
  Mono<Long> issue(BigDecimal total) {
    return Flux.from(
            dsl.transactionPublisher(
                trx ->
                    Mono.from(INVOICES.nextValuePublisher(trx.dsl())) // joins this transaction
                        .flatMap(
                            number ->
                                total.signum() < 0
                                    ? Mono.error(
                                        new IllegalArgumentException(
                                            "a negative total; number "
                                                + number
                                                + " is given back"))
                                    : Mono.from(
                                            trx.dsl()
                                                .insertInto(INVOICE)
                                                .set(NUMBER, number)
                                                .set(TOTAL, total))
                                        .thenReturn(number))))
        .single();
  }

  /** What a GET handler would return: the last number, or nothing before the first invoice. */
  Mono<Long> lastNumber() {
    return Mono.from(INVOICES.lastValuePublisher(dsl));
  }

  public static void main(String[] args) {
    run(args[0], Integer.parseInt(args[1]), args[2], args[3], System.getenv("PGPASSWORD"));
  }

  static void run(String host, int port, String database, String user, String password) {
    // The schema goes through JDBC at start-up, as R2DBC applications run Flyway.
    PGSimpleDataSource jdbc = new PGSimpleDataSource();
    jdbc.setURL("jdbc:postgresql://" + host + ":" + port + "/" + database);
    jdbc.setUser(user);
    jdbc.setPassword(password);
    SequencesSchema.migrate(jdbc);
    DSL.using(jdbc, SQLDialect.POSTGRES)
        .createTableIfNotExists(INVOICE)
        .column(NUMBER)
        .column(TOTAL)
        .execute();

    ConnectionPool pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(
                    ConnectionFactories.get(
                        "r2dbc:postgresql://"
                            + user
                            + ":"
                            + password
                            + "@"
                            + host
                            + ":"
                            + port
                            + "/"
                            + database))
                .maxSize(4)
                .build());
    ReactiveInvoices invoices = new ReactiveInvoices(pool);
    Flux.concat(
            invoices.issue(new BigDecimal("120.00")).map(n -> "invoice " + n),
            invoices
                .issue(new BigDecimal("-1.00"))
                .map(n -> "invoice " + n)
                .onErrorResume(
                    IllegalArgumentException.class,
                    refused -> Mono.just("rolled back: " + refused.getMessage())),
            invoices.issue(new BigDecimal("75.50")).map(n -> "invoice " + n),
            invoices.lastNumber().map(n -> "last value: " + n))
        .doOnNext(System.out::println)
        .then(pool.disposeLater())
        .block(); // a WebFlux handler returns the Mono instead
  }
}
