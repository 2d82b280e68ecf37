package dev.sequences.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequences.it.fixtures.TestDatabase;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.TransactionRetry;
import dev.sequences.schema.SequencesSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Throughput on the Galera cluster of {@code .ci/galera}: one sequence and one sequence per thread,
 * with every thread on node 1 and with the threads spread over the three nodes, and the share of
 * transactions that {@link TransactionRetry} ran more than once. Not part of the build's tests (its
 * name does not end in Test); run it with
 *
 * <pre>
 * .ci/galera start && eval "$(.ci/galera env)"
 * SEQUENCES_GALERA_BENCH_SECONDS=10 ./mvnw -B -ntp -pl sequences-it -am verify \
 *   -Dtest=GaleraThroughputBench -Dsurefire.failIfNoSpecifiedTests=false
 * .ci/galera stop
 * </pre>
 */
@EnabledIfEnvironmentVariable(named = "SEQUENCES_GALERA_BENCH_SECONDS", matches = "[0-9]+")
class GaleraThroughputBench {

  private static final int THREADS = 6;
  private static final String TABLE = "sequences_it_galera_invoice";

  @Test
  void throughput() throws Exception {
    int seconds = Integer.parseInt(System.getenv("SEQUENCES_GALERA_BENCH_SECONDS"));
    List<TestDatabase.Server> servers = TestDatabase.GALERA.nodes();
    assertEquals(3, servers.size(), "SEQUENCES_TEST_GALERA_URLS must list three nodes");
    SequencesSchema.migrate(TestDatabase.GALERA.dataSource(servers.get(0)));
    List<HikariDataSource> pools = new ArrayList<>();
    List<DSLContext> nodes = new ArrayList<>();
    for (TestDatabase.Server server : servers) {
      HikariConfig config = new HikariConfig();
      config.setDataSource(TestDatabase.GALERA.dataSource(server));
      config.setMaximumPoolSize(THREADS);
      HikariDataSource pool = new HikariDataSource(config);
      pools.add(pool);
      nodes.add(DSL.using(pool, SQLDialect.MARIADB));
    }
    try {
      nodes
          .get(0)
          .execute(
              "create table if not exists "
                  + TABLE
                  + " (sequence_name varchar(100) not null, number bigint not null, node int not"
                  + " null, primary key (sequence_name, number)) engine = InnoDB");
      List<String> lines = new ArrayList<>();
      for (boolean distinct : List.of(false, true)) {
        for (boolean spread : List.of(false, true)) {
          lines.add(scenario(nodes, distinct, spread, seconds));
        }
      }
      System.out.println("GALERA THROUGHPUT (" + THREADS + " threads, " + seconds + " s each)");
      lines.forEach(System.out::println);
    } finally {
      pools.forEach(HikariDataSource::close);
    }
  }

  private static String scenario(List<DSLContext> nodes, boolean distinct, boolean spread, int s)
      throws Exception {
    nodes.get(0).execute("delete from " + TABLE);
    nodes.get(0).execute("delete from sequences_sequence where name like 'bench-%'");
    TransactionRetry retry =
        TransactionRetry.attempts(100).backoff(Duration.ofMillis(1), Duration.ofMillis(50));
    AtomicLong committed = new AtomicLong();
    AtomicLong retried = new AtomicLong();
    AtomicLong attempts = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int node = spread ? t % nodes.size() : 0;
      GaplessSequence seq = GaplessSequence.named(distinct ? "bench-" + t : "bench-one");
      DSLContext dsl = nodes.get(node);
      workers.add(
          Threads.POOL.submit(
              () -> {
                start.await(1, TimeUnit.MINUTES);
                long end = System.nanoTime() + Duration.ofSeconds(s).toNanos();
                while (System.nanoTime() < end) {
                  long[] used = new long[1];
                  try {
                    retry.transaction(
                        dsl,
                        (trx, attempt) -> {
                          used[0] = attempt;
                          long n = seq.nextValue(trx);
                          trx.execute(
                              "insert into " + TABLE + " values (?, ?, ?)", seq.name(), n, node);
                        });
                    committed.incrementAndGet();
                  } catch (RuntimeException e) {
                    failed.incrementAndGet();
                  }
                  attempts.addAndGet(used[0]);
                  if (used[0] > 1) {
                    retried.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    long started = System.nanoTime();
    for (Future<?> worker : workers) {
      worker.get(s + 120L, TimeUnit.SECONDS);
    }
    double rate = committed.get() / ((System.nanoTime() - started) / 1e9);
    long transactions = committed.get() + failed.get();
    return String.format(
        "%-22s %-26s %7.0f commits/s  %5.1f %% retried  %.2f attempts/transaction  %d failed",
        distinct ? "one sequence a thread" : "one sequence",
        spread ? "threads over 3 nodes" : "all threads on node 1",
        rate,
        transactions == 0 ? 0.0 : 100.0 * retried.get() / transactions,
        transactions == 0 ? 0.0 : (double) attempts.get() / transactions,
        failed.get());
  }
}
