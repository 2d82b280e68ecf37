package dev.sequences.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.jooq.CounterTableMissingException;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.jooq.TransactionRetry;
import dev.sequences.micrometer.MicrometerSequenceListener;
import dev.sequences.micrometer.SequenceTags;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The library's exceptions, messages and metrics on the {@code DSLContext} Spring Boot
 * auto-configures (its transaction provider, its exception translator, which turns jOOQ's errors
 * into Spring's, and its connection provider), on one database: the same as on a plain context.
 */
@SpringBootTest(classes = {InvoiceApplication.class, BootErrorsContract.Metered.class})
abstract class BootErrorsContract {

  private static final long BLOCKED_MILLIS = 700;
  private static final long MAX_WAIT_SECONDS = 60;
  private static final TransactionRetry RETRY =
      TransactionRetry.attempts(3).backoff(Duration.ofMillis(5), Duration.ofMillis(50));

  @Autowired DSLContext dsl;
  @Autowired MeterRegistry registry;

  private final ExecutorService threads = Executors.newCachedThreadPool();

  /**
   * The metrics as an application gets them: the starter installs its listener on Boot's jOOQ
   * configuration by itself, recording in the registry Boot's actuator auto-configures, tagged by
   * the application's {@code SequenceTags} bean.
   */
  @Configuration(proxyBeanMethods = false)
  static class Metered {
    @Bean
    SequenceTags sequenceTags() {
      return SequenceTags.name();
    }
  }

  @BeforeEach
  void forget() {
    dsl.transaction(
        cfg -> {
          for (String name :
              List.of(
                  "boot-errors-nowait",
                  "boot-errors-a",
                  "boot-errors-b",
                  "boot-errors-first-use")) {
            GaplessSequence.named(name).delete(cfg.dsl());
          }
        });
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  /**
   * NOWAIT on a held sequence: SequenceLockedException with the database's advice (PostgreSQL's
   * "roll it back"), heard as locked, and not run again by TransactionRetry (on MariaDB,
   * Connector/J reports the lock wait with SQL state 40001).
   */
  @Test
  void nowaitOnAHeldSequenceIsSequenceLockedAndNotRunAgain() throws Exception {
    GaplessSequence seq = GaplessSequence.named("boot-errors-nowait");
    Held holder = new Held(seq);
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    try {
      SequenceLockedException e =
          assertThrows(
              SequenceLockedException.class,
              () -> dsl.transaction(cfg -> seq.nextValue(cfg.dsl(), LockWait.NOWAIT)));
      assertEquals(
          "sequence 'boot-errors-nowait' is held by another transaction and could not be taken"
              + " within LockWait.NOWAIT; its counter is unchanged. "
              + (dsl.family() == SQLDialect.POSTGRES
                  ? "PostgreSQL has aborted the transaction: roll it back, then try again"
                  : "The transaction goes on: try again later"),
          e.getMessage());
      assertFalse(TransactionRetry.isRunAgain(e));
      assertThrows(
          SequenceLockedException.class,
          () ->
              RETRY.transaction(
                  dsl,
                  (trx, attempt) -> {
                    attempts.add(attempt);
                    seq.nextValue(trx, LockWait.NOWAIT);
                  }));
    } finally {
      holder.commit();
    }
    assertEquals(List.of(1), attempts);
    assertEquals(OptionalLong.of(1), seq.lastValue(dsl));
    assertEquals(2, calls("locked", seq.name()));
    assertEquals(1, calls("issued", seq.name()));
  }

  /** A counter table missing where the render mapping points: CounterTableMissingException. */
  @Test
  void missingCounterTableIsCounterTableMissing() {
    GaplessSequence seq = GaplessSequence.named("boot-errors-missing");
    Settings elsewhere =
        ((Settings) dsl.settings().clone())
            .withRenderMapping(
                new RenderMapping()
                    .withSchemata(
                        new MappedSchema()
                            .withInput("")
                            .withTables(
                                new MappedTable()
                                    .withInput("sequences_sequence")
                                    .withOutput("boot_errors_missing"))));
    DSLContext missing = DSL.using(dsl.configuration().derive(elsewhere));
    String table = DSL.using(dsl.dialect()).render(DSL.name("boot_errors_missing"));
    String message =
        "table "
            + table
            + ", needed by sequence 'boot-errors-missing', is missing: create it with"
            + " SequencesSchema.migrate(dataSource) (";
    CounterTableMissingException e =
        assertThrows(
            CounterTableMissingException.class,
            () -> missing.transaction(cfg -> seq.nextValue(cfg.dsl())));
    assertEquals(table, e.table());
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    CounterTableMissingException read =
        assertThrows(CounterTableMissingException.class, () -> seq.lastValue(missing));
    assertTrue(read.getMessage().startsWith(message), read.getMessage());
    assertEquals(1, calls("error", seq.name()));
  }

  /**
   * Two retried transactions take two sequences in opposite order: the deadlock's victim is told to
   * run the whole transaction again, heard as run_again, and TransactionRetry runs it again (rows
   * made first: the deadlock is on later use).
   */
  @Test
  void deadlockVictimIsToldToRunTheWholeTransactionAgain() throws Exception {
    GaplessSequence a = GaplessSequence.named("boot-errors-a");
    GaplessSequence b = GaplessSequence.named("boot-errors-b");
    dsl.transaction(
        cfg -> {
          a.nextValue(cfg.dsl());
          b.nextValue(cfg.dsl());
        });
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    List<Future<String>> transactions = new ArrayList<>();
    for (GaplessSequence[] order :
        List.of(new GaplessSequence[] {a, b}, new GaplessSequence[] {b, a})) {
      transactions.add(
          threads.submit(
              () ->
                  RETRY.transactionResult(
                      dsl,
                      (trx, attempt) -> {
                        long first = order[0].nextValue(trx);
                        if (attempt == 1) {
                          bothHoldOne.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
                        }
                        try {
                          return "attempt "
                              + attempt
                              + ": "
                              + first
                              + ","
                              + order[1].nextValue(trx);
                        } catch (RuntimeException e) {
                          failures.add(e);
                          throw e;
                        }
                      })));
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> transaction : transactions) {
      outcomes.add(transaction.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }
    assertEquals(1, failures.size(), failures.toString());
    RuntimeException victim = failures.get(0);
    assertEquals(DataAccessException.class, victim.getClass(), victim.toString());
    assertTrue(
        victim
            .getMessage()
            .matches(
                "sequence 'boot-errors-[ab]': the database cannot go on with this transaction \\(.*"
                    + "\\); no value was issued\\. Run the whole transaction again \\(roll it back"
                    + " first, where the database has not\\)"),
        victim.getMessage());
    assertTrue(TransactionRetry.isRunAgain(victim));
    assertEquals(List.of("attempt 1: 2,2", "attempt 2: 3,3"), outcomes.stream().sorted().toList());
    assertEquals(1, calls("run_again", a.name()) + calls("run_again", b.name()));
    assertEquals(7, calls("issued", a.name()) + calls("issued", b.name()));
  }

  /**
   * T2, retried at SERIALIZABLE, races T1's first use of a sequence. Where the database cannot show
   * T2 the row T1 committed (PostgreSQL; H2, where the library reads the duplicate key H2 reports,
   * which Boot's translator turns into Spring's exception), T2 is told to run again and its second
   * attempt takes 2; InnoDB's locking write reads the latest row, so MariaDB's first attempt does.
   */
  @Test
  void firstUseRaceAtSerializableRunsAgainOrTakesTheNextValue() throws Exception {
    GaplessSequence seq = GaplessSequence.named("boot-errors-first-use");
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    Held t1 = new Held(seq);
    Future<Long> t2;
    try {
      t2 =
          threads.submit(
              () ->
                  RETRY.transactionResult(
                      dsl,
                      (trx, attempt) -> {
                        attempts.add(attempt);
                        trx.connection(
                            c -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
                        try {
                          return seq.nextValue(trx);
                        } catch (RuntimeException e) {
                          failures.add(e);
                          throw e;
                        }
                      }));
      assertThrows(
          TimeoutException.class,
          () -> t2.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS),
          "T2 did not wait for T1");
    } finally {
      t1.commit();
    }
    assertEquals(2, t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    // Boot picks jOOQ's MYSQL dialect for MariaDB through Connector/J (the product name it
    // reports).
    boolean runAgain = dsl.family() != SQLDialect.MARIADB && dsl.family() != SQLDialect.MYSQL;
    assertEquals(runAgain ? List.of(1, 2) : List.of(1), attempts, failures.toString());
    for (RuntimeException failure : failures) {
      assertEquals(DataAccessException.class, failure.getClass(), failure.toString());
      assertTrue(
          failure
              .getMessage()
              .matches(
                  "sequence 'boot-errors-first-use': the database cannot go on with this"
                      + " transaction \\(.*\\); no value was issued\\. Run the whole transaction"
                      + " again \\(roll it back first, where the database has not\\)"),
          failure.getMessage());
    }
    assertEquals(runAgain ? 1 : 0, calls("run_again", seq.name()));
    assertEquals(2, calls("issued", seq.name()));
  }

  private long calls(String outcome, String sequence) {
    return registry
        .get(MicrometerSequenceListener.TIMER)
        .tags(MicrometerSequenceListener.OUTCOME_TAG, outcome, SequenceTags.TAG, sequence)
        .timer()
        .count();
  }

  /** A transaction of Boot's context that takes a value of a sequence and holds it. */
  private final class Held {
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final Future<?> ended;

    Held(GaplessSequence seq) throws Exception {
      CompletableFuture<Long> taken = new CompletableFuture<>();
      ended =
          threads.submit(
              () ->
                  dsl.transaction(
                      cfg -> {
                        try {
                          taken.complete(seq.nextValue(cfg.dsl()));
                        } catch (RuntimeException e) {
                          taken.completeExceptionally(e);
                          throw e;
                        }
                        release.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
                      }));
      assertEquals(1, taken.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }

    void commit() throws Exception {
      release.complete(null);
      ended.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }
}
