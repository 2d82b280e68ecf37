package dev.sequences.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import reactor.core.publisher.Flux;

/**
 * One reactive transaction against the blocking one, on PostgreSQL (issue 27): one thread, one
 * transaction after another, each taking one value of ONE sequence and committing; the blocking
 * side is {@code dsl.transactionResult(cfg -> seq.nextValue(cfg.dsl()))} on HikariCP and PgJDBC,
 * the reactive side {@code dsl.transactionPublisher(trx -> seq.nextValuePublisher( trx.dsl()))} on
 * r2dbc-pool and r2dbc-postgresql, awaited before the next one starts. The two alternate in rounds
 * of {@code seconds} each after a warm-up; it prints each round's throughputs and the median ratio
 * with its min–max. Run from {@code sequences-bench} with the {@code SEQUENCES_TEST_POSTGRES_*}
 * variables set:
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.sequences.bench.ReactiveTransaction [rounds=5] [seconds=3]
 * </pre>
 */
public final class ReactiveTransaction {

  private static final GaplessSequence ONE = GaplessSequence.named("bench-reactive");

  private ReactiveTransaction() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String url = System.getenv("SEQUENCES_TEST_POSTGRES_URL");
    String user = System.getenv("SEQUENCES_TEST_POSTGRES_USER");
    String password = System.getenv("SEQUENCES_TEST_POSTGRES_PASSWORD");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(2); // the migration holds a lock on a second connection
    URI uri = URI.create(url.substring("jdbc:".length()));
    ConnectionPool r2dbc =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(
                    ConnectionFactories.get(
                        ConnectionFactoryOptions.builder()
                            .option(ConnectionFactoryOptions.DRIVER, "postgresql")
                            .option(ConnectionFactoryOptions.HOST, uri.getHost())
                            .option(ConnectionFactoryOptions.PORT, uri.getPort())
                            .option(ConnectionFactoryOptions.DATABASE, uri.getPath().substring(1))
                            .option(ConnectionFactoryOptions.USER, user)
                            .option(ConnectionFactoryOptions.PASSWORD, password)
                            .build()))
                .initialSize(1)
                .maxSize(1)
                .build());
    try (HikariDataSource pool = new HikariDataSource(config)) {
      SequencesSchema.migrate(pool);
      DSLContext jdbc = DSL.using(pool, SQLDialect.POSTGRES);
      DSLContext reactive = DSL.using(r2dbc, SQLDialect.POSTGRES);
      LongSupplier blocking = () -> jdbc.transactionResult(cfg -> ONE.nextValue(cfg.dsl()));
      LongSupplier publisher =
          () ->
              // single(): the value after the commit (jOOQ emits it before committing).
              Flux.from(reactive.transactionPublisher(trx -> ONE.nextValuePublisher(trx.dsl())))
                  .single()
                  .block(Duration.ofSeconds(30));
      // The same upsert as plain SQL in the same R2DBC transaction: what jOOQ on R2DBC costs
      // without the library.
      LongSupplier plain =
          () ->
              Flux.from(
                      reactive.transactionPublisher(
                          trx ->
                              trx.dsl()
                                  .resultQuery(
                                      "insert into sequences_sequence (name, last) values (?, 1)"
                                          + " on conflict (name) do update"
                                          + " set last = sequences_sequence.last + 1"
                                          + " returning last",
                                      "bench-reactive-plain")))
                  .single()
                  .map(r -> r.get(0, Long.class))
                  .block(Duration.ofSeconds(30));
      for (int warmUp = 0; warmUp < 3; warmUp++) {
        run(blocking, 2);
        run(publisher, 2);
        run(plain, 2);
      }
      List<Double> ratios = new ArrayList<>();
      List<Double> overPlain = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double b = run(blocking, seconds);
        double r = run(publisher, seconds);
        double p = run(plain, seconds);
        ratios.add(r / b);
        overPlain.add(r / p);
        System.out.printf(
            Locale.ROOT,
            "round %d: blocking %.0f tx/s, reactive %.0f tx/s, reactive/blocking %.2f;"
                + " plain jOOQ upsert on R2DBC %.0f tx/s, reactive/plain %.2f%n",
            round,
            b,
            r,
            r / b,
            p,
            r / p);
      }
      summary("reactive/blocking", ratios);
      summary("reactive/plain", overPlain);
    } finally {
      r2dbc.disposeLater().block(Duration.ofSeconds(30));
    }
  }

  private static void summary(String what, List<Double> ratios) {
    ratios.sort(null);
    System.out.printf(
        Locale.ROOT,
        "%s: median %.2f (min %.2f, max %.2f) over %d rounds%n",
        what,
        ratios.get(ratios.size() / 2),
        ratios.get(0),
        ratios.get(ratios.size() - 1),
        ratios.size());
  }

  /** Transactions per second of {@code transaction}, one after another, for {@code seconds}. */
  private static double run(LongSupplier transaction, int seconds) {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long started = System.nanoTime();
    int done = 0;
    while (System.nanoTime() < end) {
      transaction.getAsLong();
      done++;
    }
    return done / ((System.nanoTime() - started) / 1e9);
  }
}
