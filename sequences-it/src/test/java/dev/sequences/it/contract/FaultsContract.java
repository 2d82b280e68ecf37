package dev.sequences.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.DatabaseDescription;
import dev.sequences.it.fixtures.DatabaseDescription.ServerSessions;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Many transactions at once, with and without faults (killed sessions, a server restart): no gap,
 * no duplicate; and a harness that can fail.
 */
abstract class FaultsContract extends ContractFixture {

  FaultsContract(DatabaseDescription db) {
    super(db);
  }

  @Test
  void concurrentTransactionsCommitExactlyInitialToK() throws Exception {
    StressHarness harness =
        new StressHarness(
            dsl,
            INVOICE_TABLE,
            List.of("stress-a", "stress-b", "stress-c"),
            1000,
            db.boundsLockWaits());
    StressHarness.Report report = harness.run(6, 50);
    System.out.printf("stress %s: %s%n", db, report);
    assertEquals(300, report.transactions());
    assertTrue(report.rolledBack() > 0 && report.thrownAfterInsert() > 0, report.toString());
    report.assertNoGapNoDuplicate(db.failuresUnderStress());
  }

  /**
   * What a killed session or a restarted server may fail a transaction with: a connection failure
   * (class 08), the server's shutdown or termination of the session (57P0x on PostgreSQL), and a
   * transaction the database rolled back (class 40).
   */
  private static final Set<String> FAILURES_UNDER_FAULTS = Set.of("08", "57P0", "40");

  /**
   * The harness can fail: an issuer that reads the counter without a lock and writes it afterwards
   * hands numbers out twice under concurrency, and the harness reports those duplicates.
   */
  @Test
  void stressHarnessCatchesAnIssuerThatReadsWithoutALock() throws Exception {
    Assumptions.assumeTrue(
        db.concurrentWriters(), "one transaction writes at a time: the broken issuer cannot race");
    List<String> names = List.of("broken-a", "broken-b");
    for (String name : names) {
      insertRow(name, 0);
    }
    String table = admin.render(counters);
    String last = admin.render(LAST);
    String byName = " where " + admin.render(NAME) + " = ?";
    StressHarness.Issuer readWithoutLock =
        (ctx, name, initialValue, count, wait) -> {
          long current =
              ctx.resultQuery("select " + last + " from " + table + byName, name)
                  .fetchOne(0, Long.class);
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ctx.execute("update " + table + " set " + last + " = ?" + byName, current + count, name);
          return LongStream.rangeClosed(current + 1, current + count).boxed().toList();
        };
    StressHarness harness = new StressHarness(dsl, INVOICE_TABLE, names, 1, false, readWithoutLock);
    StressHarness.Report report = harness.run(6, 30);
    System.out.printf("broken issuer %s: %s%n", db, report);
    assertTrue(report.duplicates() > 0, report.toString());
    assertThrows(
        AssertionError.class, () -> report.assertNoGapNoDuplicate(db.failuresUnderStress()));
  }

  /** Random sessions of the application are killed while the stress harness runs. */
  @Test
  void killedConnectionsLoseNothing() throws Exception {
    ServerSessions sessions = db.sessions();
    Assumptions.assumeTrue(sessions != null, "an embedded database has no connection to kill");
    StressHarness harness =
        new StressHarness(
            dsl, INVOICE_TABLE, List.of("killed-a", "killed-b"), 1, db.boundsLockWaits());
    AtomicInteger kills = new AtomicInteger();
    StressHarness.Report report =
        harness.run(
            6,
            50,
            progress -> {
              // At least 20 kills, and on until three transactions were broken: a kill can also
              // hit a session between two transactions, which breaks nothing.
              ThreadLocalRandom random = ThreadLocalRandom.current();
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
              // One connection for the look-up and the kill: a new one per statement (where the
              // application's data source is no pool) takes longer than a transaction lasts.
              try (Connection connection = applicationDataSource().getConnection()) {
                DSLContext killer = DSL.using(connection, db.dialect());
                while ((kills.get() < 20 || progress.failedByDatabase().get() < 3)
                    && System.nanoTime() < deadline) {
                  Thread.sleep(10 + random.nextInt(40));
                  List<Long> others = killer.resultQuery(sessions.others()).fetch(0, Long.class);
                  if (!others.isEmpty()) {
                    try {
                      killer.execute(sessions.kill(), others.get(random.nextInt(others.size())));
                      kills.incrementAndGet();
                    } catch (DataAccessException goneAlready) {
                      // the session ended between the two statements
                    }
                  }
                }
              }
            });
    System.out.printf("kills %s: %d sessions killed; %s%n", db, kills.get(), report);
    assertTrue(report.failedByDatabase() > 0, "no kill broke a transaction: " + report);
    report.assertNoGapNoDuplicate(FAILURES_UNDER_FAULTS);
  }

  /** The server restarts once while the stress harness runs. */
  @Test
  void serverRestartLosesNothing() throws Exception {
    String restart = db.server().restartCommand();
    Assumptions.assumeTrue(
        restart != null,
        "set SEQUENCES_TEST_" + db.server() + "_RESTART to a command that restarts the server");
    StressHarness harness =
        new StressHarness(
            dsl, INVOICE_TABLE, List.of("restart-a", "restart-b"), 1, db.boundsLockWaits());
    StressHarness.Report report =
        harness.run(
            4,
            100,
            progress -> {
              AtomicInteger ended = progress.ended();
              while (ended.get() < 100) {
                Thread.sleep(10);
              }
              Process process = new ProcessBuilder("bash", "-c", restart).inheritIO().start();
              assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the restart did not finish");
              assertEquals(0, process.exitValue(), "the restart command failed");
              int afterRestart = ended.get();
              while (ended.get() < afterRestart + 100) {
                Thread.sleep(10);
              }
            });
    System.out.printf("restart %s: 1 server restart; %s%n", db, report);
    assertTrue(report.failedByDatabase() > 0, "the restart broke no transaction: " + report);
    report.assertNoGapNoDuplicate(FAILURES_UNDER_FAULTS);
  }
}
