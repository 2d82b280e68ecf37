package dev.sequences.it.contract;

import static dev.sequences.jooq.LockWait.NOWAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.HeldTransaction;
import dev.sequences.it.fixtures.StatementCounter;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceEvent;
import dev.sequences.jooq.SequenceLockedException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Bounded waits: NOWAIT and timeouts, the session's lock timeout left as it was, the statements
 * each call sends.
 */
abstract class WaitsContract extends ContractFixture {

  WaitsContract(DatabaseDescription db) {
    super(db);
  }

  @Test
  void nowaitFailsAtOnceOnFirstUseAndChangesNothing() throws Exception {
    nowait(false);
  }

  @Test
  void nowaitFailsAtOnceOnLaterUseAndChangesNothing() throws Exception {
    nowait(true);
  }

  private void nowait(boolean existing) throws Exception {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("nowait");
    if (existing) {
      insertRow("nowait", 10);
    }
    HeldTransaction holder = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    long started = System.nanoTime();
    SequenceLockedException e =
        assertThrows(
            SequenceLockedException.class, () -> inTransaction(ctx -> seq.nextValue(ctx, NOWAIT)));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals("nowait", e.sequenceName());
    assertTrue(e.getMessage().contains("'nowait'"), e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                db.failedStatementAbortsTransaction()
                    ? "PostgreSQL has aborted the transaction: roll it back, then try again"
                    : "The transaction goes on: try again later"),
        e.getMessage());
    assertNotEquals(null, e.sqlState());
    // "At once": MySQL (not MariaDB) cannot wait less than one second.
    assertTrue(millis < 3000, "NOWAIT took " + millis + " ms");
    assertThrows(
        SequenceLockedException.class, () -> inTransaction(ctx -> seq.nextValues(ctx, 3, NOWAIT)));
    holder.commit();
    long start = existing ? 11 : 1;
    assertEquals(OptionalLong.of(start), seq.lastValue(dsl));
    assertEquals(start + 1, next(seq));
  }

  /**
   * A listener hears each call once, with the outcome its caller saw: issued, then locked for a
   * NOWAIT on a held sequence (a bounded wait refused where the database offers none: error).
   */
  @Test
  void listenersHearIssuedAndLockedCalls() throws Exception {
    GaplessSequence seq = GaplessSequence.named("heard");
    List<SequenceEvent> events = new CopyOnWriteArrayList<>();
    DSLContext heard = heardBy(events);
    assertEquals(1L, (long) heard.transactionResult(cfg -> seq.nextValues(cfg.dsl(), 2).first()));
    HeldTransaction holder = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    try {
      Class<? extends RuntimeException> refusal =
          db.boundsLockWaits()
              ? SequenceLockedException.class
              : UnsupportedOperationException.class;
      assertThrows(refusal, () -> heard.transaction(cfg -> seq.nextValue(cfg.dsl(), NOWAIT)));
    } finally {
      holder.commit();
    }
    assertEquals(
        List.of(
            SequenceEvent.Outcome.ISSUED,
            db.boundsLockWaits() ? SequenceEvent.Outcome.LOCKED : SequenceEvent.Outcome.ERROR),
        outcomes(events),
        events.toString());
    assertEquals(List.of(2, 0), events.stream().map(SequenceEvent::valuesIssued).toList());
    assertTrue(events.stream().allMatch(e -> e.sequenceName().equals("heard")), events.toString());
  }

  @Test
  void timeoutWaitsAboutItsLimitThenFails() throws Exception {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("timeout");
    HeldTransaction holder = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    long started = System.nanoTime();
    assertThrows(
        SequenceLockedException.class,
        () -> inTransaction(ctx -> seq.nextValue(ctx, LockWait.timeout(Duration.ofMillis(1500)))));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    // Whole-second databases round 1.5 s up to 2 s; generous bounds either side.
    assertTrue(millis >= 1000 && millis < 10_000, "timeout(1.5 s) took " + millis + " ms");
    holder.commit();
    assertEquals(2, next(seq));
  }

  @Test
  void timeoutSucceedsWhenTheHolderEndsInTime() throws Exception {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("timeout-ok");
    HeldTransaction holder = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    Future<Long> waiter =
        Threads.POOL.submit(
            () ->
                inTransaction(ctx -> seq.nextValue(ctx, LockWait.timeout(Duration.ofSeconds(30)))));
    assertBlocked(waiter);
    holder.commit();
    assertEquals(2, waiter.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
  }

  /**
   * After a SequenceLockedException the caller's transaction goes on, except on PostgreSQL, where
   * any failed statement aborts the transaction until it is rolled back.
   */
  @Test
  void transactionAfterSequenceLockedException() throws Exception {
    Assumptions.assumeTrue(
        db.concurrentWriters(),
        "the holder keeps the only write lock: no other sequence can be taken meanwhile");
    assumeBoundedWaits();
    GaplessSequence held = GaplessSequence.named("locked-held");
    GaplessSequence other = GaplessSequence.named("locked-other");
    HeldTransaction holder = HeldTransaction.start(dsl, ctx -> held.nextValue(ctx));
    try {
      if (db.failedStatementAbortsTransaction()) {
        DataAccessException e =
            assertThrows(
                DataAccessException.class,
                () ->
                    dsl.transaction(
                        cfg -> {
                          assertThrows(
                              SequenceLockedException.class,
                              () -> held.nextValue(cfg.dsl(), NOWAIT));
                          other.nextValue(cfg.dsl());
                        }));
        assertEquals("25P02", e.sqlState(), e.getMessage());
        assertEquals(OptionalLong.empty(), other.lastValue(dsl));
      } else {
        long value =
            inTransaction(
                ctx -> {
                  assertThrows(SequenceLockedException.class, () -> held.nextValue(ctx, NOWAIT));
                  return other.nextValue(ctx);
                });
        assertEquals(1, value);
        assertEquals(OptionalLong.of(1), other.lastValue(dsl));
      }
    } finally {
      holder.commit();
    }
    assertEquals(OptionalLong.of(1), held.lastValue(dsl));
  }

  @Test
  void boundedWaitsDoNotCommitTheCallersTransaction() {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("no-premature-commit");
    assertThrows(
        IllegalStateException.class,
        () ->
            dsl.transaction(
                cfg -> {
                  assertEquals(1, seq.nextValue(cfg.dsl(), NOWAIT));
                  assertEquals(
                      2, seq.nextValue(cfg.dsl(), LockWait.timeout(Duration.ofSeconds(2))));
                  throw new IllegalStateException("the invoice could not be saved");
                }));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  @Test
  void boundedWaitsLeaveTheSessionLockTimeoutAsItWas() throws Exception {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("lock-timeout").allowingAutoCommit();
    LockWait bounded = LockWait.timeout(Duration.ofMillis(1500));
    try (Connection connection = applicationDataSource().getConnection()) {
      DSLContext own = DSL.using(connection, db.dialect(), settings());
      String before = own.resultQuery(db.lockTimeoutQuery()).fetchOne(0, String.class);
      own.transaction(
          cfg -> {
            seq.nextValue(cfg.dsl(), bounded);
            seq.nextValue(cfg.dsl(), NOWAIT);
            assertEquals(
                before, cfg.dsl().resultQuery(db.lockTimeoutQuery()).fetchOne(0, String.class));
          });
      assertEquals(before, own.resultQuery(db.lockTimeoutQuery()).fetchOne(0, String.class));
      seq.nextValue(own, bounded);
      assertEquals(before, own.resultQuery(db.lockTimeoutQuery()).fetchOne(0, String.class));

      HeldTransaction holder = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
      assertThrows(SequenceLockedException.class, () -> seq.nextValue(own, NOWAIT));
      assertEquals(before, own.resultQuery(db.lockTimeoutQuery()).fetchOne(0, String.class));
      holder.commit();
    }
    assertEquals(OptionalLong.of(4), seq.lastValue(dsl));
  }

  @Test
  void boundedWaitsAreRefusedBeforeAnySqlWhereNotOffered() {
    Assumptions.assumeFalse(db.boundsLockWaits(), "this database bounds lock waits");
    StatementCounter counter = new StatementCounter();
    DSLContext counted = DSL.using(dsl.configuration().derive(counter));
    GaplessSequence seq = GaplessSequence.named("unbounded");
    for (LockWait wait : List.of(NOWAIT, LockWait.timeout(Duration.ofSeconds(2)))) {
      UnsupportedOperationException e =
          assertThrows(
              UnsupportedOperationException.class,
              () -> counted.transaction(cfg -> seq.nextValue(cfg.dsl(), wait)));
      assertTrue(e.getMessage().contains("'unbounded'"), e.getMessage());
      assertTrue(e.getMessage().contains(wait.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("LockWait.WAIT"), e.getMessage());
    }
    assertEquals(0, counter.count());
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  @Test
  void waitsLongerThanTheDatabaseCanBoundAreRefusedBeforeAnySql() {
    assumeBoundedWaits();
    GaplessSequence seq = GaplessSequence.named("long-wait");
    StatementCounter counter = new StatementCounter();
    DSLContext countedDsl = counted(dsl, counter);
    Duration longest = db.longestLockWait();
    for (Duration tooLong :
        List.of(longest.plus(db.lockWaitUnit()), Duration.ofSeconds(Long.MAX_VALUE))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  countedDsl.transaction(
                      cfg -> seq.nextValue(cfg.dsl(), LockWait.timeout(tooLong))));
      assertTrue(
          e.getMessage().startsWith("sequence 'long-wait': LockWait.timeout("), e.getMessage());
      assertTrue(e.getMessage().contains("nothing was issued"), e.getMessage());
    }
    assertEquals(0, counter.count());
    assertEquals(1L, (long) inTransaction(ctx -> seq.nextValue(ctx, LockWait.timeout(longest))));
  }

  /**
   * A bounded wait's session setting that cannot be restored after the value was issued: the caller
   * learns which value its transaction holds, and rolling back gives it back.
   */
  @Test
  void failedRestoreAfterTheIncrementNamesTheIssuedValue() {
    assumeBoundedWaits();
    int statements = db.boundedStatements();
    Assumptions.assumeTrue(statements > 1, "a bounded wait here leaves no setting to restore");
    GaplessSequence seq = GaplessSequence.named("restore");
    int[] executed = {0};
    ExecuteListener failTheRestore =
        new ExecuteListener() {
          @Override
          public void executeStart(ExecuteContext ctx) {
            if (++executed[0] == statements) {
              throw new DataAccessException("the restore failed on purpose");
            }
          }
        };
    DSLContext failing = DSL.using(dsl.configuration().derive(failTheRestore));
    DataAccessException e =
        assertThrows(
            DataAccessException.class,
            () ->
                failing.transaction(
                    cfg -> seq.nextValue(cfg.dsl(), LockWait.timeout(Duration.ofSeconds(2)))));
    assertEquals(
        "sequence 'restore' issued value 1 in this transaction, but the session's lock timeout"
            + " could not be restored afterwards (the restore failed on purpose). Roll the"
            + " transaction back, which gives the values back, and do not reuse the connection's"
            + " session as it is",
        e.getMessage());
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
  }

  @Test
  void statementsPerCallAreThoseOfTheDialectTable() {
    StatementCounter counter = new StatementCounter();
    DSLContext counted = DSL.using(dsl.configuration().derive(counter));
    GaplessSequence seq = GaplessSequence.named("round-trips");
    LockWait bounded = LockWait.timeout(Duration.ofSeconds(5));
    List<Integer> counts = new ArrayList<>();
    for (Function<DSLContext, Object> call :
        List.<Function<DSLContext, Object>>of(
            ctx -> seq.nextValue(ctx),
            ctx -> seq.nextValue(ctx),
            ctx -> seq.nextValues(ctx, 50),
            ctx -> seq.nextValue(ctx, boundedIfOffered(bounded)))) {
      counted.transaction(
          cfg -> {
            counter.reset();
            call.apply(cfg.dsl());
            counts.add(counter.count());
          });
    }
    assertEquals(
        List.of(
            db.statements(),
            db.statements(),
            db.statements(),
            db.boundsLockWaits() ? db.boundedStatements() : db.statements()),
        counts);
    assertEquals(OptionalLong.of(53), seq.lastValue(dsl));
  }
}
