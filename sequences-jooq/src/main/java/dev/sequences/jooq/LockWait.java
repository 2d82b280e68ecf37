package dev.sequences.jooq;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How long a call may wait for a sequence that another transaction holds.
 *
 * <p>{@link #WAIT} waits as long as the database lets a statement wait for a lock (unbounded on
 * PostgreSQL by default, {@code innodb_lock_wait_timeout} on MySQL and MariaDB, {@code
 * LOCK_TIMEOUT} on H2, {@code busy_timeout} on SQLite, unbounded on HSQLDB). {@link #NOWAIT} fails
 * at once with {@link SequenceLockedException}, also on the sequence's first use. {@link
 * #timeout(Duration)} waits at most about the given time; MySQL and MariaDB count lock waits in
 * whole seconds, so there the time is rounded up to the next second, and MySQL (not MariaDB) cannot
 * wait less than one second, so {@code NOWAIT} waits up to one second there. HSQLDB has no lock
 * timeout: there {@code NOWAIT} and timeouts are refused with an {@link
 * UnsupportedOperationException} before any SQL.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LockWait {

  /** Wait until the sequence is free, bounded only by the database's own lock-wait limit. */
  public static final LockWait WAIT = new LockWait(null);

  /** Do not wait: fail with {@link SequenceLockedException} if the sequence is held. */
  public static final LockWait NOWAIT = new LockWait(Duration.ZERO);

  private final @Nullable Duration limit;

  private LockWait(@Nullable Duration limit) {
    this.limit = limit;
  }

  /**
   * Waits at most about {@code limit} for the sequence.
   *
   * @param limit zero or more; {@link Duration#ZERO} is {@link #NOWAIT}
   * @return the wait; {@link #NOWAIT} for a zero limit
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static LockWait timeout(Duration limit) {
    Objects.requireNonNull(limit, "limit");
    if (limit.isNegative()) {
      throw new IllegalArgumentException("a lock wait cannot be negative: " + limit);
    }
    return limit.isZero() ? NOWAIT : new LockWait(limit);
  }

  /** {@return the longest wait, or empty for {@link #WAIT}} */
  public Optional<Duration> limit() {
    return Optional.ofNullable(limit);
  }

  /** The limit in milliseconds, rounded up; at least 1. Only for a bounded wait. */
  long millisRoundedUp() {
    Duration limit = bounded();
    long millis = limit.toMillis();
    return Math.max(1, limit.minusMillis(millis).isZero() ? millis : millis + 1);
  }

  /** The limit in seconds, rounded up; 0 for {@link #NOWAIT}. Only for a bounded wait. */
  long secondsRoundedUp() {
    Duration limit = bounded();
    long seconds = limit.getSeconds();
    return limit.getNano() == 0 ? seconds : seconds + 1;
  }

  /** The limit of a bounded wait: callers check {@link #isBounded()} first. */
  private Duration bounded() {
    return Objects.requireNonNull(limit, "LockWait.WAIT has no limit");
  }

  boolean isBounded() {
    return limit != null;
  }

  /** True if this wait is bounded and longer than {@code longest}. */
  boolean isLongerThan(Duration longest) {
    return limit != null && limit.compareTo(longest) > 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LockWait that && Objects.equals(limit, that.limit);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(limit);
  }

  @Override
  public String toString() {
    if (limit == null) {
      return "LockWait.WAIT";
    }
    return limit.isZero() ? "LockWait.NOWAIT" : "LockWait.timeout(" + limit + ")";
  }
}
