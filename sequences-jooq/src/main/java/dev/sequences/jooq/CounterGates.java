package dev.sequences.jooq;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Admits one transaction of this JVM at a time to a counter's row when requests are issued at
 * commit ({@link BeforeCommitNumbering}); the others wait here, in the order they came, instead of
 * at the row lock. On PostgreSQL every transaction waiting at a row lock is woken at each commit,
 * so the throughput of a hot sequence falls as waiters pile up there; through the gate at most one
 * transaction of this JVM waits at the row.
 *
 * <p>A transaction holds a gate only while its statement runs: it goes in, takes the row lock (or
 * waits for it, the one waiter), and leaves; the row lock stays until its commit. So a gate is
 * never held while its holder waits for anything but that row. A wait for a gate is bounded ({@link
 * #LONGEST_WAIT_MILLIS}): past it the request goes to the row without the gate, where the database
 * sees any deadlock (a transaction that took the row with {@code nextValue} earlier and waits for a
 * gate whose holder waits for that row). A request made while the requests are issued only tries
 * its gate.
 *
 * <p>A gate is keyed on the database (its JDBC URL), the counter table as rendered and the name; it
 * exists while a transaction uses it.
 */
final class CounterGates {

  /** The longest wait for a gate before a request goes to the row without it. */
  static final long LONGEST_WAIT_MILLIS = 1_000;

  private static final ConcurrentHashMap<Key, Gate> GATES = new ConcurrentHashMap<>();

  private CounterGates() {}

  /** A counter: its database's JDBC URL, its table as rendered, its name. */
  record Key(String database, String table, String name) {}

  private static final class Gate {
    final ReentrantLock lock = new ReentrantLock(true);

    /**
     * Transactions holding or waiting for the gate; it is forgotten at 0 (under the map's lock).
     */
    int users;
  }

  /**
   * Runs {@code issue} through the gate of {@code key}: with the gate held if it is had within
   * {@link #LONGEST_WAIT_MILLIS} (at once if {@code tryOnly}), else without it.
   */
  static long through(Key key, boolean tryOnly, LongSupplier issue) {
    Gate gate =
        GATES.compute(
            key,
            (k, existing) -> {
              Gate entered = existing == null ? new Gate() : existing;
              entered.users++;
              return entered;
            });
    boolean held = false;
    try {
      held =
          tryOnly
              ? gate.lock.tryLock()
              : gate.lock.tryLock(LONGEST_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      return issue.getAsLong();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          Names.describe(key.name())
              + ": interrupted while waiting to issue its value at commit; nothing was issued",
          e);
    } finally {
      if (held) {
        gate.lock.unlock();
      }
      GATES.computeIfPresent(key, (k, entered) -> --entered.users == 0 ? null : entered);
    }
  }

  /** The gates in use now, for tests. */
  static int inUse() {
    return GATES.size();
  }

  /** How many wait for the gate of {@code key} now, for tests. */
  static int waiting(Key key) {
    Gate gate = GATES.get(key);
    return gate == null ? 0 : gate.lock.getQueueLength();
  }

  /** Whether this thread holds the gate of {@code key}, for tests. */
  static boolean isHeldHere(Key key) {
    Gate gate = GATES.get(key);
    return gate != null && gate.lock.isHeldByCurrentThread();
  }
}
