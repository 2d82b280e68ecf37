package dev.sequences.it.contract;

import static dev.sequences.jooq.SequenceEvent.Outcome.ISSUED;
import static dev.sequences.jooq.SequenceEvent.Outcome.RUN_AGAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.HeldTransaction;
import dev.sequences.it.fixtures.Isolation;
import dev.sequences.it.fixtures.Threads;
import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceCounters;
import dev.sequences.jooq.SequenceEvent;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.jooq.SupportedDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rollbacks give values back; concurrent transactions wait, in order, at every isolation level;
 * deadlocks and serialization failures say to run again.
 */
abstract class RacesAndIsolationContract extends ContractFixture {

  RacesAndIsolationContract(DatabaseDescription db) {
    super(db);
  }

  @Test
  void firstUseRollbackGivesTheValueBack() {
    GaplessSequence seq = GaplessSequence.named("rollback-first");
    assertThrows(
        IllegalStateException.class,
        () ->
            dsl.transaction(
                cfg -> {
                  assertEquals(1, seq.nextValue(cfg.dsl()));
                  throw new IllegalStateException("the invoice could not be saved");
                }));
    assertEquals(OptionalLong.empty(), seq.lastValue(dsl));
    assertEquals(1, next(seq));
  }

  @Test
  void laterUseRollbackGivesTheValueBack() {
    GaplessSequence seq = GaplessSequence.named("rollback-later");
    assertEquals(1, next(seq));
    assertThrows(
        IllegalStateException.class,
        () ->
            dsl.transaction(
                cfg -> {
                  assertEquals(2, seq.nextValue(cfg.dsl()));
                  assertEquals(
                      List.of(3L, 4L), seq.nextValues(cfg.dsl(), 2).stream().boxed().toList());
                  throw new IllegalStateException("the invoice could not be saved");
                }));
    assertEquals(OptionalLong.of(1), seq.lastValue(dsl));
    assertEquals(2, next(seq));
  }

  @Test
  void savepointRollbackGivesTheValueBack() {
    GaplessSequence seq = GaplessSequence.named("savepoint");
    List<Long> values =
        inTransaction(
            outer -> {
              List<Long> taken = new ArrayList<>();
              taken.add(seq.nextValue(outer));
              assertThrows(
                  IllegalStateException.class,
                  () ->
                      outer.transaction(
                          nested -> {
                            taken.add(seq.nextValue(nested.dsl()));
                            throw new IllegalStateException("the line item could not be saved");
                          }));
              taken.add(seq.nextValue(outer));
              outer.transaction(nested -> taken.add(seq.nextValue(nested.dsl())));
              return taken;
            });
    assertEquals(List.of(1L, 2L, 2L, 3L), values);
    assertEquals(OptionalLong.of(3), seq.lastValue(dsl));
  }

  @Test
  void firstUseRaceWithCommit() throws Exception {
    race(false, true, List.of("T1 took 1", "T1 ends", "T2 took 2"));
  }

  @Test
  void firstUseRaceWithRollback() throws Exception {
    race(false, false, List.of("T1 took 1", "T1 ends", "T2 took 1"));
  }

  @Test
  void laterUseRaceWithCommit() throws Exception {
    race(true, true, List.of("T1 took 11", "T1 ends", "T2 took 12"));
  }

  @Test
  void laterUseRaceWithRollback() throws Exception {
    race(true, false, List.of("T1 took 11", "T1 ends", "T2 took 11"));
  }

  /**
   * T1 takes a value and holds the sequence; T2 asks for one and must wait until T1 ends; the
   * events must come in exactly the expected order.
   */
  private void race(boolean existing, boolean commit, List<String> expected) throws Exception {
    GaplessSequence seq = GaplessSequence.named("race");
    if (existing) {
      insertRow("race", 10);
    }
    List<String> events = new CopyOnWriteArrayList<>();
    HeldTransaction t1 = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    events.add("T1 took " + t1.value());
    Future<Long> t2 =
        Threads.POOL.submit(
            () ->
                inTransaction(
                    ctx -> {
                      long value = seq.nextValue(ctx);
                      events.add("T2 took " + value);
                      return value;
                    }));
    assertBlocked(t2);
    events.add("T1 ends");
    if (commit) {
      t1.commit();
    } else {
      t1.rollback();
    }
    t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(expected, events);
  }

  /**
   * {@code SequenceCounters.set} of a new sequence while another transaction uses it for the first
   * time: set waits for that transaction; if it commits, set applies to the row it created (and
   * returns its last value); if it rolls back, set creates the row.
   */
  @ParameterizedTest(name = "first use commits: {0}")
  @CsvSource({"true, 1, 41", "false, , 41"})
  void setRacingTheFirstUseAppliesToTheRowOnceItExists(boolean commit, Long before, long after)
      throws Exception {
    GaplessSequence seq = GaplessSequence.named("set-first-use");
    HeldTransaction firstUse = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    Future<OptionalLong> set =
        Threads.POOL.submit(
            () -> inTransaction(ctx -> SequenceCounters.set(ctx, seq.name(), 41, false)));
    assertBlocked(set);
    if (commit) {
      firstUse.commit();
    } else {
      firstUse.rollback();
    }
    assertEquals(
        before == null ? OptionalLong.empty() : OptionalLong.of(before),
        set.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(OptionalLong.of(after), seq.lastValue(dsl));
  }

  /**
   * On PostgreSQL at REPEATABLE READ, the counter a concurrent first use created after set's
   * snapshot stays invisible to set: it refuses, saying so, and changes nothing.
   */
  @Test
  void setOfACounterCreatedAfterItsSnapshotRefuses() throws Exception {
    Assumptions.assumeTrue(
        db.server().product() == SupportedDatabase.POSTGRESQL
            && db.isolations().contains(Isolation.REPEATABLE_READ),
        "only PostgreSQL's REPEATABLE READ hides a row that a locking read waited for");
    GaplessSequence seq = GaplessSequence.named("set-after-snapshot");
    HeldTransaction firstUse = HeldTransaction.start(dsl, ctx -> seq.nextValue(ctx));
    Future<OptionalLong> set =
        Threads.POOL.submit(
            () ->
                inTransaction(
                    ctx -> {
                      Isolation.REPEATABLE_READ.set(ctx);
                      ctx.fetchCount(DSL.table(admin.render(counters)));
                      return SequenceCounters.set(ctx, seq.name(), 41, false);
                    }));
    assertBlocked(set);
    firstUse.commit();
    ExecutionException refused =
        assertThrows(ExecutionException.class, () -> set.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, refused.getCause());
    assertEquals(
        "sequence 'set-after-snapshot' was created by another transaction meanwhile, after this"
            + " transaction's snapshot: nothing was changed; set it again",
        refused.getCause().getMessage());
    assertEquals(OptionalLong.of(1), seq.lastValue(dsl));
  }

  /**
   * At each isolation level, on a sequence's first and later use, T2 waits for T1. If T1 rolls
   * back, T2 gets T1's value: no gap, also at READ UNCOMMITTED (the counter is written with locking
   * statements, which never read uncommitted rows). If T1 commits, T2 continues with the next value
   * (a locking write reads the latest row) or, where the description's {@code
   * runAgainAfterConcurrentCommit} and {@code runAgainAfterConcurrentFirstUse} say so, fails with
   * SQL state 40001 and a message that says to run it again.
   */
  @ParameterizedTest(name = "{0}, T1 commits: {1}, later use: {2}")
  @CsvSource({
    "READ_UNCOMMITTED, true, true", "READ_UNCOMMITTED, false, true",
    "READ_COMMITTED, true, true", "READ_COMMITTED, false, true",
    "REPEATABLE_READ, true, true", "REPEATABLE_READ, false, true",
    "SERIALIZABLE, true, true", "SERIALIZABLE, false, true",
    "READ_UNCOMMITTED, true, false", "READ_UNCOMMITTED, false, false",
    "READ_COMMITTED, true, false", "READ_COMMITTED, false, false",
    "REPEATABLE_READ, true, false", "REPEATABLE_READ, false, false",
    "SERIALIZABLE, true, false", "SERIALIZABLE, false, false"
  })
  void isolationLevelRace(Isolation isolation, boolean commit, boolean existing) throws Exception {
    Assumptions.assumeTrue(
        db.isolations().contains(isolation), isolation + " is not offered by " + db);
    GaplessSequence seq = GaplessSequence.named("isolation");
    long first = existing ? 11 : 1;
    if (existing) {
      insertRow("isolation", 10);
    }
    HeldTransaction t1 =
        HeldTransaction.start(
            dsl,
            ctx -> {
              isolation.set(ctx);
              return seq.nextValue(ctx);
            });
    assertEquals(first, t1.value());
    Future<Long> t2 =
        Threads.POOL.submit(
            () ->
                inTransaction(
                    ctx -> {
                      isolation.set(ctx);
                      return seq.nextValue(ctx);
                    }));
    assertBlocked(t2);
    if (!commit) {
      t1.rollback();
      assertEquals(first, t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
      return;
    }
    t1.commit();
    if (existing
        ? db.runAgainAfterConcurrentCommit().contains(isolation)
        : db.runAgainAfterConcurrentFirstUse().contains(isolation)) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
      DataAccessException cause = assertInstanceOf(DataAccessException.class, e.getCause());
      assertEquals("40001", cause.sqlState());
      assertTrue(
          cause.getMessage().contains("Run the whole transaction again"), cause.getMessage());
      assertEquals(first + 1, next(seq));
    } else {
      assertEquals(first + 1, t2.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }
  }

  /**
   * Two transactions at SERIALIZABLE each read, then take a number of one sequence: one commits the
   * next value, the other is told to run again (a serialization failure, a deadlock, or on SQLite a
   * snapshot too old to write), never "try again later".
   */
  @Test
  void readThenTakeAtSerializableRunsOneAgain() throws Exception {
    GaplessSequence seq = GaplessSequence.named("read-then-take");
    insertRow("read-then-take", 10);
    CyclicBarrier bothRead = new CyclicBarrier(2);
    List<Future<String>> transactions = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      transactions.add(
          Threads.POOL.submit(
              () -> {
                try {
                  return "committed "
                      + inTransaction(
                          ctx -> {
                            Isolation.SERIALIZABLE.set(ctx);
                            ctx.fetchCount(DSL.table(admin.render(counters)));
                            await(bothRead);
                            return seq.nextValue(ctx);
                          });
                } catch (SequenceLockedException e) {
                  return "locked: " + e.getMessage();
                } catch (DataAccessException e) {
                  return "failed " + e.sqlState() + ": " + e.getMessage();
                }
              }));
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> transaction : transactions) {
      outcomes.add(transaction.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }
    assertTrue(outcomes.contains("committed 11"), outcomes.toString());
    List<String> failed = outcomes.stream().filter(o -> !o.startsWith("committed")).toList();
    assertEquals(1, failed.size(), outcomes.toString());
    assertTrue(failed.get(0).startsWith("failed 40"), failed.get(0));
    assertTrue(failed.get(0).contains("Run the whole transaction again"), failed.get(0));
    assertEquals(OptionalLong.of(11), seq.lastValue(dsl));
  }

  /**
   * Two transactions take two sequences in opposite order: the database detects the deadlock and
   * fails one of them with a message that says to run it again; the other commits; nothing is lost.
   */
  @Test
  void oppositeOrderDeadlockFailsOneTransactionClearly() throws Exception {
    Assumptions.assumeTrue(
        db.concurrentWriters(), "one transaction writes at a time: no deadlock can form");
    GaplessSequence a = GaplessSequence.named("deadlock-a");
    GaplessSequence b = GaplessSequence.named("deadlock-b");
    insertRow("deadlock-a", 0);
    insertRow("deadlock-b", 0);
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    List<SequenceEvent> events = new CopyOnWriteArrayList<>();
    DSLContext heard = heardBy(events);
    List<Future<String>> transactions = new ArrayList<>();
    for (GaplessSequence[] order :
        List.of(new GaplessSequence[] {a, b}, new GaplessSequence[] {b, a})) {
      transactions.add(
          Threads.POOL.submit(
              () -> {
                try {
                  return heard.transactionResult(
                      cfg -> {
                        long first = order[0].nextValue(cfg.dsl());
                        await(bothHoldOne);
                        long second = order[1].nextValue(cfg.dsl());
                        return "committed " + first + "," + second;
                      });
                } catch (DataAccessException e) {
                  return "failed " + e.sqlState() + ": " + e.getMessage();
                }
              }));
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> transaction : transactions) {
      outcomes.add(transaction.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS));
    }
    List<String> failed = outcomes.stream().filter(o -> o.startsWith("failed")).toList();
    assertEquals(1, failed.size(), outcomes.toString());
    assertTrue(failed.get(0).startsWith("failed 40"), failed.get(0));
    assertTrue(failed.get(0).contains("Run the whole transaction again"), failed.get(0));
    assertTrue(outcomes.contains("committed 1,1"), outcomes.toString());
    assertEquals(OptionalLong.of(1), a.lastValue(dsl));
    assertEquals(OptionalLong.of(1), b.lastValue(dsl));
    // A listener heard the victim's call as "run again", the three others as issued.
    assertEquals(
        List.of(ISSUED, ISSUED, ISSUED, RUN_AGAIN),
        outcomes(events).stream().sorted().toList(),
        events.toString());
  }

  @Test
  void distinctSequencesNeverWaitOnEachOther() throws Exception {
    Assumptions.assumeTrue(
        db.concurrentWriters(), "one transaction writes at a time on this database");
    insertRow("existing-held", 1);
    insertRow("existing-free", 1);
    for (String held : List.of("m", "existing-held")) {
      HeldTransaction holder =
          HeldTransaction.start(dsl, ctx -> GaplessSequence.named(held).nextValue(ctx));
      // Names on both sides of the held one in key order, new and existing: a gap lock would block
      // them. A bounded wait turns a block into a failure instead of a hang, where it is offered.
      try {
        for (String other : List.of("l", "n", "ma", "mz", held + "0", "existing-free")) {
          LockWait wait = boundedIfOffered(LockWait.timeout(Duration.ofSeconds(5)));
          Future<Long> value =
              Threads.POOL.submit(
                  () -> inTransaction(ctx -> GaplessSequence.named(other).nextValue(ctx, wait)));
          assertTrue(value.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS) >= 1, other);
        }
      } finally {
        holder.rollback();
      }
    }
  }
}
