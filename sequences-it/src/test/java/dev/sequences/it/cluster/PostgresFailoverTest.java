package dev.sequences.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.schema.SequencesSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL failover (issue #17, part 3): four writers number invoices on a primary with a
 * streaming standby ({@code .ci/pg-failover}); after {@value #BEFORE_KILL} acknowledged numbers the
 * primary's postmaster is killed with {@code kill -9} and the standby promoted; the writers
 * reconnect through a multi-host URL ({@code targetServerType=primary}) and number {@value
 * #AFTER_PROMOTION} more invoices. Then, on the new primary: every number whose commit a writer saw
 * succeed holds that writer's invoice, no number was acknowledged twice, the numbers are exactly
 * {@code 1..K}, the counter's last is K and the next value is K+1.
 *
 * <p>Holds with a synchronous standby ({@code .ci/pg-failover start sync}, what {@code .ci/run}
 * runs). With an asynchronous one ({@code start async}) it can fail: acknowledged numbers vanish
 * and are issued again. {@code .ci/pg-failover-measure async 10} runs it 10 times and prints the
 * figures.
 *
 * <p>Environment ({@code .ci/pg-failover env} prints it): {@code SEQUENCES_TEST_PG_FAILOVER_URL}
 * (the multi-host URL), {@code _USER}, {@code _PASSWORD}, {@code _SCRIPT} (the script, for {@code
 * kill-primary}, {@code promote} and, between runs, {@code start}), {@code _MODE} ({@code sync} or
 * {@code async}: what the test expects {@code pg_stat_replication} to show), {@code _STANDBY_PORT}
 * (where the new primary must answer) and {@code _RUNS} (how many runs, default 1; each after the
 * first starts a fresh pair). Skipped when the URL is not set, failed if {@code
 * SEQUENCES_TEST_REQUIRED} lists {@code pg-failover}.
 */
class PostgresFailoverTest {

  static final String KEY = "pg-failover";
  static final String PREFIX = "SEQUENCES_TEST_PG_FAILOVER_";

  /** Acknowledged numbers before the primary is killed. */
  static final int BEFORE_KILL = 1000;

  /** Acknowledged numbers after the promotion, before the writers stop. */
  static final int AFTER_PROMOTION = 500;

  static final int WRITERS = 4;

  /** The bound of one run, whatever hangs; a run takes about 15 seconds here. */
  static final Duration RUN_LIMIT = Duration.ofMinutes(4);

  /** The bound of every wait of a run. */
  static final long WAIT_SECONDS = 60;

  static final String SEQUENCE = "invoice";
  static final String INVOICE_TABLE = "sequences_failover_invoice";

  @Test
  void acknowledgedNumbersSurviveFailover() throws Exception {
    String url = env("URL");
    if (url.isBlank()) {
      String howToEnable =
          "start a pair with .ci/pg-failover start sync and export what .ci/pg-failover env prints";
      if (required()) {
        fail(
            "SEQUENCES_TEST_REQUIRED lists "
                + KEY
                + ", but "
                + PREFIX
                + "URL is not set: "
                + howToEnable);
      }
      System.err.println("SKIPPED PostgreSQL failover test: " + howToEnable);
      Assumptions.abort("skipped: " + howToEnable);
    }
    String mode = env("MODE").isBlank() ? "sync" : env("MODE");
    int runs = env("RUNS").isBlank() ? 1 : Integer.parseInt(env("RUNS"));
    List<Run> results = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      if (i > 1) {
        script("start", mode);
      }
      Run run = assertTimeoutPreemptively(RUN_LIMIT, () -> new Run(url, mode).execute());
      System.out.printf("pg failover run %d/%d: %s%n", i, runs, run);
      results.add(run);
    }
    if (runs > 1) {
      System.out.printf(
          "pg failover summary (%s standby, %d runs): acknowledged numbers lost per run %s,"
              + " numbers issued twice per run %s, runs with a problem %d%n",
          mode,
          runs,
          results.stream().map(r -> r.lost.size()).toList(),
          results.stream().map(r -> r.issuedTwice.size()).toList(),
          results.stream().filter(r -> !r.problems.isEmpty()).count());
    }
    for (Run run : results) {
      assertEquals(List.of(), run.problems, run.toString());
    }
  }

  /** One run: writers, kill, promotion, more writers, and the check on the new primary. */
  private static final class Run {
    final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    final String mode;
    final GaplessSequence sequence = GaplessSequence.named(SEQUENCE);

    /** Number → the invoices a writer saw committed with it (two: a number issued twice). */
    final Map<Long, List<String>> acknowledged = new ConcurrentHashMap<>();

    /** Invoice → number, of the commits whose outcome the writer could not know (class 08). */
    final Map<String, Long> unknown = new ConcurrentHashMap<>();

    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    final AtomicInteger acknowledgedAfterPromotion = new AtomicInteger();
    final CountDownLatch killNow = new CountDownLatch(BEFORE_KILL);
    final CountDownLatch enoughAfterPromotion = new CountDownLatch(AFTER_PROMOTION);
    final AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE_KILL);
    final AtomicBoolean stop = new AtomicBoolean();

    // What the check found.
    long k;
    long last;
    long next;
    int newPrimaryPort;
    final List<String> lost = new ArrayList<>();
    final List<Long> issuedTwice = new ArrayList<>();
    int unknownCommitted;
    final List<String> problems = new ArrayList<>();

    enum Phase {
      BEFORE_KILL,
      KILLED,
      PROMOTED
    }

    Run(String url, String mode) {
      this.mode = mode;
      dataSource.setURL(url);
      dataSource.setUser(env("USER"));
      dataSource.setPassword(env("PASSWORD"));
      // A dead primary refuses at once; a standby is tried next. Bounded everywhere.
      dataSource.setConnectTimeout(2);
      dataSource.setLoginTimeout(5);
      dataSource.setSocketTimeout(10);
      // Look at the standby again soon after it was found in recovery: it is promoted in seconds.
      dataSource.setHostRecheckSeconds(1);
    }

    Run execute() throws Exception {
      prepare();
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(Threads.POOL.submit(() -> write(writer)));
      }
      try {
        assertTrue(
            killNow.await(WAIT_SECONDS, TimeUnit.SECONDS),
            "the writers did not reach " + BEFORE_KILL + " acknowledged numbers");
        phase.set(Phase.KILLED);
        script("kill-primary");
        script("promote");
        phase.set(Phase.PROMOTED);
        assertTrue(
            enoughAfterPromotion.await(WAIT_SECONDS, TimeUnit.SECONDS),
            "the writers did not reach "
                + AFTER_PROMOTION
                + " acknowledged numbers after the promotion: "
                + failures);
      } finally {
        stop.set(true);
        for (Future<?> writer : writers) {
          writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
      }
      check();
      return this;
    }

    /** The schema on the primary, an empty invoice table, and the replication as the mode says. */
    void prepare() throws SQLException {
      try (Connection connection = dataSource.getConnection()) {
        DSLContext admin = DSL.using(connection, SQLDialect.POSTGRES);
        String state =
            admin
                .fetchOptional(
                    "select sync_state from pg_stat_replication where state = 'streaming'")
                .map(r -> r.get(0, String.class))
                .orElse("no standby streams");
        assertEquals(
            mode,
            state,
            "the primary's standby (pg_stat_replication.sync_state); start a fresh pair with"
                + " .ci/pg-failover start "
                + mode);
      }
      SequencesSchema.migrate(dataSource);
      try (Connection connection = dataSource.getConnection()) {
        DSLContext admin = DSL.using(connection, SQLDialect.POSTGRES);
        admin.execute(
            "create table if not exists "
                + INVOICE_TABLE
                + " (sequence_name varchar(100) not null, number bigint not null,"
                + " invoice varchar(40) not null unique, primary key (sequence_name, number))");
        admin.execute("delete from " + INVOICE_TABLE);
        admin.execute("delete from sequences_sequence");
      }
    }

    /** One writer: invoices until told to stop, reconnecting after failures. */
    Void write(int writer) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3 * WAIT_SECONDS);
      Connection connection = null;
      int attempt = 0;
      try {
        while (!stop.get() && System.nanoTime() < deadline) {
          if (connection == null) {
            try {
              connection = dataSource.getConnection();
            } catch (SQLException e) {
              count("connect " + e.getSQLState());
              Thread.sleep(50);
              continue;
            }
          }
          String invoice = writer + "-" + attempt++;
          long[] issued = {0};
          boolean[] bodyDone = {false};
          try {
            long number =
                DSL.using(connection, SQLDialect.POSTGRES)
                    .transactionResult(
                        cfg -> {
                          long value = sequence.nextValue(cfg.dsl());
                          issued[0] = value;
                          cfg.dsl()
                              .execute(
                                  "insert into "
                                      + INVOICE_TABLE
                                      + " (sequence_name, number, invoice) values (?, ?, ?)",
                                  SEQUENCE,
                                  value,
                                  invoice);
                          bodyDone[0] = true;
                          return value;
                        });
            acknowledge(number, invoice);
          } catch (RuntimeException e) {
            String state = sqlState(e);
            if (bodyDone[0] && (state.startsWith("08") || state.startsWith("57P0"))) {
              // The connection broke (08) or the server ended it (57P01..57P05) during COMMIT:
              // committed or not, the writer cannot know.
              unknown.put(invoice, issued[0]);
              count("unknown outcome " + state);
            } else {
              count((bodyDone[0] ? "commit failed " : "failed before commit ") + state);
            }
            close(connection);
            connection = null;
          }
        }
      } finally {
        close(connection);
      }
      return null;
    }

    void acknowledge(long number, String invoice) {
      acknowledged.computeIfAbsent(number, n -> new CopyOnWriteArrayList<>()).add(invoice);
      if (phase.get() == Phase.PROMOTED) {
        acknowledgedAfterPromotion.incrementAndGet();
        enoughAfterPromotion.countDown();
      } else {
        killNow.countDown();
      }
    }

    void count(String failure) {
      failures.computeIfAbsent(failure, f -> new AtomicInteger()).incrementAndGet();
    }

    /** What the new primary holds, against what the writers saw. */
    void check() throws SQLException {
      Map<Long, String> rows = new TreeMap<>();
      try (Connection connection = dataSource.getConnection()) {
        DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
        newPrimaryPort = dsl.fetchSingle("select inet_server_port()").get(0, Integer.class);
        for (Record2<Long, String> row :
            dsl.resultQuery(
                    "select number, invoice from " + INVOICE_TABLE + " where sequence_name = ?",
                    SEQUENCE)
                .coerce(
                    DSL.field(DSL.name("number"), Long.class),
                    DSL.field(DSL.name("invoice"), String.class))) {
          rows.put(row.value1(), row.value2());
        }
        k = rows.size();
        last =
            dsl.fetchOptional("select last from sequences_sequence where name = ?", SEQUENCE)
                .map(r -> r.get(0, Long.class))
                .orElse(-1L);
        next =
            dsl.transactionResult(
                cfg -> {
                  long value = sequence.nextValue(cfg.dsl());
                  cfg.dsl()
                      .execute(
                          "insert into "
                              + INVOICE_TABLE
                              + " (sequence_name, number, invoice) values (?, ?, 'after-check')",
                          SEQUENCE,
                          value);
                  return value;
                });
      }
      acknowledged.forEach(
          (number, invoices) -> {
            if (invoices.size() > 1) {
              issuedTwice.add(number);
            }
            for (String invoice : invoices) {
              if (!invoice.equals(rows.get(number))) {
                lost.add(number + " (" + invoice + ")");
              }
            }
          });
      issuedTwice.sort(null);
      lost.sort(null);
      unknownCommitted =
          (int)
              unknown.entrySet().stream()
                  .filter(e -> e.getKey().equals(rows.get(e.getValue())))
                  .count();
      Map<String, Long> invoiceNumbers =
          acknowledged.entrySet().stream()
              .flatMap(e -> e.getValue().stream().map(i -> Map.entry(i, e.getKey())))
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      List<String> unexplained =
          rows.entrySet().stream()
              .filter(
                  e ->
                      !Objects.equals(invoiceNumbers.get(e.getValue()), e.getKey())
                          && !Objects.equals(unknown.get(e.getValue()), e.getKey()))
              .map(e -> e.getKey() + " (" + e.getValue() + ")")
              .limit(10)
              .toList();

      String standbyPort = env("STANDBY_PORT");
      if (!standbyPort.isBlank() && newPrimaryPort != Integer.parseInt(standbyPort)) {
        problems.add("the new primary answers on port " + newPrimaryPort + ", not " + standbyPort);
      }
      if (acknowledgedAfterPromotion.get() < AFTER_PROMOTION) {
        problems.add(
            "only " + acknowledgedAfterPromotion + " numbers acknowledged after promotion");
      }
      if (failures.keySet().stream().noneMatch(f -> f.contains(" 08"))) {
        problems.add("the kill broke no writer's connection: " + failures);
      }
      if (!lost.isEmpty()) {
        problems.add(lost.size() + " acknowledged numbers lost: " + first(lost));
      }
      if (!issuedTwice.isEmpty()) {
        problems.add(issuedTwice.size() + " numbers issued twice: " + first(issuedTwice));
      }
      if (!rows.keySet().equals(LongStream.rangeClosed(1, k).boxed().collect(Collectors.toSet()))) {
        problems.add("the numbers are not exactly 1.." + k + ": " + first(rows.keySet()));
      }
      if (last != k) {
        problems.add("the counter's last is " + last + ", not K = " + k);
      }
      if (next != k + 1) {
        problems.add("the next value is " + next + ", not K + 1 = " + (k + 1));
      }
      if (!unexplained.isEmpty()) {
        problems.add("invoices on the new primary that no writer committed: " + unexplained);
      }
    }

    @Override
    public String toString() {
      int total = acknowledged.values().stream().mapToInt(List::size).sum();
      return String.format(
          Locale.ROOT,
          "%s standby, %d writers: K = %d on the new primary (port %d), counter last %d, next %d;"
              + " %d numbers acknowledged (%d after the promotion), %d outcomes unknown (%d of them"
              + " committed); acknowledged numbers lost: %d %s; numbers issued twice: %d %s;"
              + " failures %s; problems %s",
          mode,
          WRITERS,
          k,
          newPrimaryPort,
          last,
          next,
          total,
          acknowledgedAfterPromotion.get(),
          unknown.size(),
          unknownCommitted,
          lost.size(),
          first(lost),
          issuedTwice.size(),
          first(issuedTwice),
          new TreeMap<>(failures),
          problems);
    }
  }

  /** A list that writers of one number can add to at once. */
  private static final class CopyOnWriteList
      extends java.util.concurrent.CopyOnWriteArrayList<String> {
    private static final long serialVersionUID = 1L;
  }

  private static String first(Collection<?> values) {
    return values.stream()
        .limit(10)
        .map(String::valueOf)
        .collect(Collectors.joining(", ", "[", values.size() > 10 ? ", ...]" : "]"));
  }

  /** The SQL state of the first SQLException in {@code e}'s causes, or "none". */
  static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "none (" + e.getClass().getSimpleName() + ")";
  }

  static void close(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // a broken connection: nothing to give back
      }
    }
  }

  /** Runs {@code .ci/pg-failover <args>}, bounded. */
  static void script(String... args) throws Exception {
    String script = env("SCRIPT");
    assertTrue(!script.isBlank(), "set " + PREFIX + "SCRIPT to .ci/pg-failover");
    List<String> command = new ArrayList<>(List.of("bash", script));
    command.addAll(Arrays.asList(args));
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in " + WAIT_SECONDS + " s");
    }
    assertEquals(0, process.exitValue(), String.join(" ", command) + " failed");
  }

  static String env(String name) {
    String value = System.getenv(PREFIX + name);
    return value == null ? "" : value.trim();
  }

  static boolean required() {
    return Arrays.stream(System.getenv().getOrDefault("SEQUENCES_TEST_REQUIRED", "").split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT))
        .anyMatch(KEY::equals);
  }
}
