package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.testfixtures.CommitFails;
import dev.sequences.testfixtures.H2Counters;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class TransactionRetryTest {

  private static final TransactionRetry NO_SLEEP =
      TransactionRetry.attempts(3).backoff(Duration.ZERO, Duration.ZERO);

  private final DSLContext dsl = H2Counters.database("retry");

  /** A failure as a driver reports a serialization failure, wrapped as jOOQ wraps it. */
  static final class Induced extends DataAccessException {
    private static final long serialVersionUID = 1L;

    Induced(int attempt, String state, int code) {
      super("induced on attempt " + attempt, new SQLException("induced", state, code));
    }
  }

  @Test
  void recognisesWhatMeansRunAgainAndNothingElse() {
    assertTrue(TransactionRetry.isRunAgain(new SQLException("serialization", "40001")));
    assertTrue(TransactionRetry.isRunAgain(new SQLException("deadlock", "40P01")));
    assertTrue(TransactionRetry.isRunAgain(new SQLException("deadlock", "HY000", 1213)));
    assertTrue(TransactionRetry.isRunAgain(new Induced(1, "40001", 1213)));
    // The library's own translation of a run-again error.
    assertTrue(
        TransactionRetry.isRunAgain(
            new DataAccessException(
                "seq: run the whole transaction again",
                new SQLTransactionRollbackException("snapshot", "40001", new SQLException()))));
    // Deep in the chain, and as a driver's next exception.
    assertTrue(
        TransactionRetry.isRunAgain(
            new IllegalStateException(new RuntimeException(new Induced(1, "40P01", 0)))));
    SQLException batch = new SQLException("batch failed", "HY000");
    batch.setNextException(new SQLException("deadlock", "40P01"));
    assertTrue(TransactionRetry.isRunAgain(batch));

    assertFalse(TransactionRetry.isRunAgain(null));
    assertFalse(TransactionRetry.isRunAgain(new SQLException("connection lost", "08006")));
    assertFalse(TransactionRetry.isRunAgain(new SQLException("link failure", "08S01", 1213)));
    assertFalse(TransactionRetry.isRunAgain(new SQLException("integrity at commit", "40002")));
    assertFalse(TransactionRetry.isRunAgain(new SQLException("lock wait timeout", "HY000", 1205)));
    assertFalse(TransactionRetry.isRunAgain(new SQLException("duplicate", "23505")));
    assertFalse(TransactionRetry.isRunAgain(new IllegalStateException("application")));
    assertFalse(
        TransactionRetry.isRunAgain(
            new SequenceLockedException("seq", "held", new SQLException("deadlock", "40001"))));
    // A connection failure anywhere in the chain wins: the outcome of the commit is unknown.
    SQLException lost = new SQLException("connection lost", "08006");
    lost.setNextException(new SQLException("deadlock", "40001"));
    assertFalse(TransactionRetry.isRunAgain(lost));
  }

  /**
   * MySQL Connector/J reports InnoDB's lock wait timeout (1205) with SQL state 40001: a lock wait,
   * never run again, also wrapped by another translator (Spring's CannotAcquireLockException);
   * InnoDB's deadlock (1213) with the same SQL state is.
   */
  @Test
  void aLockWaitIsNotRunAgainWhateverItsSqlState() {
    SQLException lockWait =
        new SQLException("Lock wait timeout exceeded; try restarting transaction", "40001", 1205);
    assertFalse(TransactionRetry.isRunAgain(lockWait));
    assertFalse(TransactionRetry.isRunAgain(new RuntimeException("translated", lockWait)));
    assertFalse(TransactionRetry.isRunAgain(new SQLException("NOWAIT is set", "HY000", 3572)));
    SQLException deadlock = new SQLException("Deadlock found", "40001", 1213);
    assertTrue(TransactionRetry.isRunAgain(new RuntimeException("translated", deadlock)));
  }

  @Test
  void runsAgainUntilAnAttemptCommitsAndEachAttemptIsItsOwnTransaction() {
    GaplessSequence seq = GaplessSequence.named("retried");
    List<Integer> attempts = new ArrayList<>();
    long value =
        NO_SLEEP.transactionResult(
            dsl,
            (trx, attempt) -> {
              attempts.add(attempt);
              long n = seq.nextValue(trx);
              if (attempt < 3) {
                throw new Induced(attempt, "40001", 0);
              }
              return n;
            });
    assertEquals(List.of(1, 2, 3), attempts);
    // The failed attempts rolled back their values: the third took the first value again.
    assertEquals(1, value);
    assertEquals(OptionalLong.of(1), seq.lastValue(dsl));
  }

  @Test
  void exhaustionThrowsTheLastFailureUnchangedWithTheEarlierOnesSuppressed() {
    List<Induced> thrown = new ArrayList<>();
    Induced last =
        assertThrows(
            Induced.class,
            () ->
                NO_SLEEP.transaction(
                    dsl,
                    (trx, attempt) -> {
                      GaplessSequence.named("exhausted").nextValue(trx);
                      Induced failure = new Induced(attempt, "40P01", 0);
                      thrown.add(failure);
                      throw failure;
                    }));
    assertEquals(3, thrown.size());
    assertSame(thrown.get(2), last);
    assertArrayEquals(new Throwable[] {thrown.get(0), thrown.get(1)}, last.getSuppressed());
    assertEquals(OptionalLong.empty(), GaplessSequence.named("exhausted").lastValue(dsl));
  }

  @Test
  void oneAttemptNeverRunsAgain() {
    List<Integer> attempts = new ArrayList<>();
    Induced failure =
        assertThrows(
            Induced.class,
            () ->
                TransactionRetry.attempts(1)
                    .transaction(
                        dsl,
                        (trx, attempt) -> {
                          attempts.add(attempt);
                          throw new Induced(attempt, "40001", 0);
                        }));
    assertEquals(List.of(1), attempts);
    assertEquals(0, failure.getSuppressed().length);
  }

  @Test
  void otherFailuresAndLockedSequencesAreNotRetried() {
    for (RuntimeException failure :
        List.of(
            new IllegalStateException("the application's"),
            new SequenceLockedException("seq", "held", new SQLException("timeout", "HY000", 1205)),
            new Induced(1, "23505", 0))) {
      List<Integer> attempts = new ArrayList<>();
      RuntimeException thrown =
          assertThrows(
              RuntimeException.class,
              () ->
                  NO_SLEEP.transaction(
                      dsl,
                      (trx, attempt) -> {
                        attempts.add(attempt);
                        throw failure;
                      }));
      assertSame(failure, thrown);
      assertEquals(List.of(1), attempts, failure.toString());
    }
  }

  @Test
  void aCheckedRunAgainErrorOfTheWorkIsRetried() {
    List<Integer> attempts = new ArrayList<>();
    int result =
        NO_SLEEP.transactionResult(
            dsl,
            (trx, attempt) -> {
              attempts.add(attempt);
              if (attempt == 1) {
                throw new SQLException("deadlock", "40001", 1213);
              }
              return attempt;
            });
    assertEquals(2, result);
    assertEquals(List.of(1, 2), attempts);
  }

  /**
   * A listener fails with a "run again" cause after the commit (in {@code commitEnd}): the
   * transaction committed, so it is not run again, and the failure is thrown unchanged. Before the
   * commit (in {@code commitStart}) the same failure rolls back and runs again. A savepoint the
   * work rolled back does not count as the transaction's rollback.
   */
  @Test
  void aFailureAfterTheCommitIsNeverRetried() {
    GaplessSequence seq = GaplessSequence.named("after-commit");
    Induced afterCommit = new Induced(1, "40001", 0);
    DSLContext relayed =
        DSL.using(
            dsl.configuration()
                .derive(
                    new TransactionListener() {
                      @Override
                      public void commitEnd(TransactionContext ctx) {
                        throw afterCommit;
                      }
                    }));
    List<Integer> attempts = new ArrayList<>();
    Induced thrown =
        assertThrows(
            Induced.class,
            () ->
                NO_SLEEP.transaction(
                    relayed,
                    (trx, attempt) -> {
                      attempts.add(attempt);
                      seq.nextValue(trx);
                      assertThrows(
                          IllegalStateException.class,
                          () ->
                              trx.transaction(
                                  nested -> {
                                    throw new IllegalStateException("savepoint rolled back");
                                  }));
                    }));
    assertSame(afterCommit, thrown);
    assertEquals(0, thrown.getSuppressed().length);
    assertEquals(List.of(1), attempts);
    assertEquals(OptionalLong.of(1), seq.lastValue(dsl));

    List<Integer> beforeCommit = new ArrayList<>();
    DSLContext failsBeforeCommit =
        DSL.using(
            dsl.configuration()
                .derive(
                    new TransactionListener() {
                      @Override
                      public void commitStart(TransactionContext ctx) {
                        if (beforeCommit.size() == 1) {
                          throw new Induced(1, "40001", 0);
                        }
                      }
                    }));
    assertEquals(
        2L,
        (long)
            NO_SLEEP.transactionResult(
                failsBeforeCommit,
                (trx, attempt) -> {
                  beforeCommit.add(attempt);
                  return seq.nextValue(trx);
                }));
    assertEquals(List.of(1, 2), beforeCommit);
  }

  /** A connection failure during COMMIT: the outcome is unknown, so the caller decides. */
  @Test
  void aConnectionFailureAtCommitIsNotRetried() {
    DSLContext failingCommit =
        DSL.using(CommitFails.on(H2Counters.dataSource("retry")), SQLDialect.H2);
    List<Integer> attempts = new ArrayList<>();
    DataAccessException thrown =
        assertThrows(
            DataAccessException.class,
            () ->
                NO_SLEEP.transaction(
                    failingCommit,
                    (trx, attempt) -> {
                      attempts.add(attempt);
                      GaplessSequence.named("commit-lost").nextValue(trx);
                    }));
    assertEquals(List.of(1), attempts);
    assertEquals("08006", thrown.sqlState(), thrown.toString());
    assertFalse(TransactionRetry.isRunAgain(thrown));
  }

  @Test
  void anInterruptDuringTheBackoffStopsTheRetry() {
    TransactionRetry patient =
        TransactionRetry.attempts(3).backoff(Duration.ofSeconds(30), Duration.ofSeconds(30));
    List<Integer> attempts = new ArrayList<>();
    long started = System.nanoTime();
    try {
      Induced thrown =
          assertThrows(
              Induced.class,
              () ->
                  patient.transaction(
                      dsl,
                      (trx, attempt) -> {
                        attempts.add(attempt);
                        Thread.currentThread().interrupt();
                        throw new Induced(attempt, "40001", 0);
                      }));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is set again");
      assertEquals(List.of(1), attempts);
      assertEquals(1, thrown.getSuppressed().length);
      assertInstanceOf(InterruptedException.class, thrown.getSuppressed()[0]);
      assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void backoffDoublesUpToItsMaximumWithFullJitter() {
    TransactionRetry retry =
        TransactionRetry.attempts(20).backoff(Duration.ofMillis(10), Duration.ofMillis(300));
    List<Long> ceilings = new ArrayList<>();
    for (int attempt = 1; attempt <= 7; attempt++) {
      ceilings.add(retry.ceilingAfter(attempt).toMillis());
    }
    assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 300L, 300L), ceilings);
    assertEquals(Duration.ofMillis(300), retry.ceilingAfter(1_000));
    assertEquals(Duration.ZERO, retry.sleepAfter(3, 0.0));
    assertEquals(Duration.ofMillis(20), retry.sleepAfter(3, 0.5));
    assertTrue(retry.sleepAfter(3, Math.nextDown(1.0)).compareTo(Duration.ofMillis(40)) < 0);
    assertEquals(Duration.ofMillis(10), TransactionRetry.attempts(2).ceilingAfter(1));
    assertEquals(Duration.ofSeconds(1), TransactionRetry.attempts(2).ceilingAfter(40));
    assertEquals(Duration.ZERO, NO_SLEEP.ceilingAfter(5));
  }

  @Test
  void refusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> TransactionRetry.attempts(0));
    TransactionRetry retry = TransactionRetry.attempts(2);
    assertThrows(
        IllegalArgumentException.class,
        () -> retry.backoff(Duration.ofMillis(-1), Duration.ofMillis(5)));
    assertThrows(
        IllegalArgumentException.class,
        () -> retry.backoff(Duration.ofMillis(10), Duration.ofMillis(5)));
    // backoff is a copy: the original keeps its attempts and default backoff.
    assertEquals(2, retry.backoff(Duration.ZERO, Duration.ZERO).maxAttempts());
    assertEquals(Duration.ofMillis(10), retry.ceilingAfter(1));
  }
}
