package dev.sequences.it.environment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequences.it.fixtures.Threads;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Why the HSQLDB dialect documents LOCKS or MVLOCKS and not MVCC: six threads update three counter
 * rows with plain JDBC (no library), rolling back one transaction in five. Under MVCC a transaction
 * waiting for a row that another one rolled back was seen to wait forever; under LOCKS and MVLOCKS
 * never. Opt-in, because it takes a minute and shows a database's behaviour, not the library's:
 * {@code mvn -pl sequences-it verify -Dtest=HsqldbMvccStallTest -Dsequences.hsqldb.stall=true}.
 */
class HsqldbMvccStallTest {

  private static final int ROUNDS = 60;
  private static final int THREADS = 6;
  private static final int TRANSACTIONS_PER_THREAD = 50;
  private static final long STALL_MILLIS = 10_000;

  @ParameterizedTest
  @ValueSource(strings = {"mvcc", "mvlocks", "locks"})
  void stallsOnlyUnderMvcc(String model) throws Exception {
    Assumptions.assumeTrue(
        Boolean.getBoolean("sequences.hsqldb.stall"),
        "opt-in: set -Dsequences.hsqldb.stall=true to run it");
    // A new database for each round: a stalled round leaves its sessions behind.
    String base = "jdbc:hsqldb:mem:stall-" + model + "-";
    for (int round = 1; round <= ROUNDS; round++) {
      String url = base + round + ";hsqldb.tx=" + model;
      try (Connection admin = DriverManager.getConnection(url, "SA", "");
          Statement statement = admin.createStatement()) {
        statement.execute(
            "create table counter (name varchar(1) primary key, last bigint not null)");
        statement.execute("insert into counter values ('a', 0), ('b', 0), ('c', 0)");
        if (stalls(url)) {
          System.out.println("stall HSQLDB " + model + ": stalled in round " + round);
          assertTrue(model.equals("mvcc"), model + " stalled in round " + round);
          return;
        }
      }
    }
    System.out.println("stall HSQLDB " + model + ": no stall in " + ROUNDS + " rounds");
    assertFalse(model.equals("mvcc"), "MVCC did not stall in " + ROUNDS + " rounds this time");
  }

  /** One round; true if no transaction ended for {@link #STALL_MILLIS} before all were done. */
  private static boolean stalls(String url) throws Exception {
    AtomicInteger ended = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(Threads.POOL.submit(() -> work(url, ended)));
    }
    int seen = -1;
    long lastProgress = System.nanoTime();
    while (!workers.stream().allMatch(Future::isDone)) {
      Thread.sleep(200);
      if (ended.get() != seen) {
        seen = ended.get();
        lastProgress = System.nanoTime();
      } else if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastProgress) > STALL_MILLIS) {
        // The stalled sessions stay behind in this in-memory database, which no one uses again.
        return true;
      }
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    return false;
  }

  /** Transactions as a pool-less application runs them: a connection each, closed at the end. */
  private static Void work(String url, AtomicInteger ended) throws SQLException {
    for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      try (Connection connection = DriverManager.getConnection(url, "SA", "");
          PreparedStatement update =
              connection.prepareStatement("update counter set last = last + 1 where name = ?")) {
        connection.setAutoCommit(false);
        update.setString(1, String.valueOf((char) ('a' + random.nextInt(3))));
        update.executeUpdate();
        if (random.nextInt(5) == 0) {
          connection.rollback();
        } else {
          connection.commit();
        }
      }
      ended.incrementAndGet();
    }
    return null;
  }
}
