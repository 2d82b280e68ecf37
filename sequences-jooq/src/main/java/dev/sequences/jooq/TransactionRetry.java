package dev.sequences.jooq;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.TransactionListenerProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultTransactionListenerProvider;
import org.jspecify.annotations.Nullable;

/**
 * Runs a unit of work as a whole transaction, and runs it again, a bounded number of times, when
 * the database says the transaction cannot go on but may succeed when run again: a serialization
 * failure (SQL state {@code 40001}), a deadlock (PostgreSQL's {@code 40P01}, MySQL's and MariaDB's
 * error 1213), or a Galera certification conflict (MariaDB Galera reports it as error 1213, SQL
 * state {@code 40001}, on the statement that runs when the conflict is found or on {@code COMMIT}).
 * The library's own "run the transaction again" errors (a {@link DataAccessException} whose SQL
 * state is {@code 40001}) are recognised too.
 *
 * <pre>{@code
 * TransactionRetry retry = TransactionRetry.attempts(5);
 * long number = retry.transactionResult(dsl, (trx, attempt) -> {
 *   long n = INVOICES.nextValue(trx);
 *   trx.insertInto(INVOICE).set(INVOICE.NUMBER, n).execute();
 *   return n;
 * });
 * }</pre>
 *
 * <p><b>What is guaranteed.</b>
 *
 * <ul>
 *   <li>Each attempt is one {@code ctx.transactionResult(...)}: the lambda is the whole
 *       transaction, begun before it runs and committed after it returns (rolled back when it
 *       throws). A value the lambda takes from a {@link GaplessSequence} is given back with a
 *       failed attempt and taken afresh by the next one, together with the work that uses it: never
 *       keep a number from an earlier attempt.
 *   <li>Only the errors above are retried. Never a connection failure (SQL state class {@code 08}),
 *       in particular not one during {@code COMMIT}: the transaction may or may not have committed,
 *       and only the caller can find out which. Never a {@link SequenceLockedException} (the lock
 *       wait the caller chose ran out: its decision), and never anything else, checked exceptions
 *       and {@link Error}s included.
 *   <li>Never after the commit: when the commit succeeded and what follows it fails (a jOOQ {@code
 *       TransactionListener}'s {@code commitEnd}, an outbox relay, say), that failure is thrown
 *       unchanged, whatever its cause, and the work does not run again.
 *   <li>At most {@code maxAttempts} attempts. When the last one fails, or a failure is not one to
 *       retry, that failure is thrown unchanged (the same object, so the same type), with the
 *       earlier attempts' failures added as {@linkplain Throwable#getSuppressed() suppressed}.
 *   <li>Between attempts the thread sleeps a random time ("full jitter") between zero and {@code
 *       min(max, first × 2^(n-1))} after the n-th failed attempt. If the thread is interrupted
 *       while it sleeps, the retry stops: the interrupt flag is set again and the last failure is
 *       thrown, with the {@link InterruptedException} among its suppressed.
 *   <li>The attempt number (1 for the first) is passed to the lambda.
 * </ul>
 *
 * <p><b>What is not.</b> Anything the lambda does outside the database (a message sent, a file
 * written, a counter in memory) happens once per attempt: keep it out of the lambda, or make it
 * idempotent. {@code ctx} must not be inside a transaction already: there {@code transactionResult}
 * makes a savepoint, and running a savepoint again cannot repair a transaction the database has
 * failed. Statements of an earlier, failed attempt are not repeated by this class; the lambda
 * repeats them.
 *
 * <p><b>With Spring.</b> Where Spring manages the transaction, retry around the whole transaction
 * the same way, for example with Spring Framework's {@code RetryTemplate} around {@code
 * TransactionTemplate.execute(...)}, retrying what {@link #isRunAgain} accepts, and only when the
 * attempt did not commit: Spring hands a failure of an {@code afterCommit} synchronization to the
 * caller after the commit, so note the commit in a synchronization's {@code afterCompletion} (the
 * docs/spring.md shows how). Never retry inside a {@code @Transactional} method: the transaction
 * the database failed cannot be continued.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TransactionRetry {

  /** The default sleep after the first failed attempt, at most. */
  private static final Duration DEFAULT_FIRST = Duration.ofMillis(10);

  /** The default longest sleep between two attempts. */
  private static final Duration DEFAULT_MAX = Duration.ofSeconds(1);

  /** MySQL's and MariaDB's ER_LOCK_DEADLOCK (also Galera's certification conflict). */
  private static final int LOCK_DEADLOCK = 1213;

  private final int maxAttempts;
  private final Duration first;
  private final Duration max;

  private TransactionRetry(int maxAttempts, Duration first, Duration max) {
    this.maxAttempts = maxAttempts;
    this.first = first;
    this.max = max;
  }

  /**
   * A retry of at most {@code maxAttempts} attempts (the first included), with the default backoff:
   * at most 10 ms after the first failed attempt, doubling, at most 1 s.
   *
   * @param maxAttempts how many times the work may run, at least 1 (1: never run again)
   * @return the retry
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1
   */
  public static TransactionRetry attempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "maxAttempts must be at least 1 (the first attempt), not " + maxAttempts);
    }
    return new TransactionRetry(maxAttempts, DEFAULT_FIRST, DEFAULT_MAX);
  }

  /**
   * This retry with another backoff: after the n-th failed attempt the thread sleeps a random time
   * between zero and {@code min(max, first × 2^(n-1))}. {@code Duration.ZERO} for both never
   * sleeps.
   *
   * @param first the longest sleep after the first failed attempt, not negative
   * @param max the longest sleep after any attempt, not below {@code first}
   * @return a copy with this backoff
   * @throws IllegalArgumentException if {@code first} is negative or {@code max} below it
   */
  public TransactionRetry backoff(Duration first, Duration max) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 <= first <= max, not first " + first + " and max " + max);
    }
    return new TransactionRetry(maxAttempts, first, max);
  }

  /** {@return how many times the work may run, the first time included} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Runs {@code work} in a transaction of {@code ctx}, and again in a new transaction after a
   * failure that {@link #isRunAgain} accepts, at most {@link #maxAttempts()} times in all.
   *
   * @param ctx a context that is not inside a transaction (each attempt begins one)
   * @param work the whole transaction; receives the transaction's context and the attempt number
   * @param <T> what the work returns
   * @return what the successful attempt's work returned, after its commit
   * @throws RuntimeException the failure of the last attempt, unchanged, with the earlier attempts'
   *     failures suppressed; a checked exception of the work arrives wrapped in a {@link
   *     DataAccessException}, as jOOQ's {@code transactionResult} wraps it
   */
  public <T> T transactionResult(DSLContext ctx, Work<T> work) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(work, "work");
    List<RuntimeException> earlier = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      int current = attempt;
      CommitWatch commit = new CommitWatch();
      try {
        return commit
            .watching(ctx)
            .transactionResult(
                trx -> {
                  T result = work.run(trx.dsl(), current);
                  commit.workReturned = true;
                  return result;
                });
      } catch (RuntimeException failure) {
        if (attempt >= maxAttempts || commit.committed() || !isRunAgain(failure)) {
          throw withEarlier(failure, earlier);
        }
        earlier.add(failure);
        try {
          Thread.sleep(sleepAfter(attempt, ThreadLocalRandom.current().nextDouble()));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          earlier.remove(earlier.size() - 1);
          failure.addSuppressed(interrupted);
          throw withEarlier(failure, earlier);
        }
      }
    }
  }

  /**
   * As {@link #transactionResult}, for work that returns nothing.
   *
   * @param ctx a context that is not inside a transaction (each attempt begins one)
   * @param work the whole transaction; receives the transaction's context and the attempt number
   * @throws RuntimeException the failure of the last attempt, unchanged, with the earlier attempts'
   *     failures suppressed
   */
  public void transaction(DSLContext ctx, VoidWork work) {
    Objects.requireNonNull(work, "work");
    transactionResult(
        ctx,
        (trx, attempt) -> {
          work.run(trx, attempt);
          return Boolean.TRUE;
        });
  }

  /**
   * Whether {@code failure} means "run the whole transaction again": somewhere in its chain of
   * causes (a jOOQ {@link DataAccessException}'s cause included) there is an {@link SQLException}
   * with SQL state {@code 40001} or {@code 40P01}, or with MySQL's/MariaDB's error code 1213, and
   * nothing in the chain is a {@link SequenceLockedException}, an {@link SQLException} of SQL state
   * class {@code 08} (a connection failure, whose outcome is unknown), or a lock wait that ran out
   * (MySQL's/MariaDB's error 1205 or 3572; MySQL Connector/J reports 1205 with SQL state {@code
   * 40001}). The chain is read whatever wraps the database's error: jOOQ's exception, Spring's
   * (Spring Boot's jOOQ exception translator), or the library's own.
   *
   * @param failure what a transaction threw; null gives false
   * @return true if running the transaction again may succeed
   */
  public static boolean isRunAgain(@Nullable Throwable failure) {
    boolean runAgain = false;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SequenceLockedException) {
        return false;
      }
      // A driver may chain further errors of the same failure with setNextException.
      for (SQLException e = t instanceof SQLException sql ? sql : null;
          e != null && (e == t || seen.add(e));
          e = e.getNextException()) {
        String state = e.getSQLState();
        if ((state != null && state.startsWith("08")) || InnoDbSequenceDialect.isLockWait(e)) {
          return false;
        }
        if ("40001".equals(state) || "40P01".equals(state) || e.getErrorCode() == LOCK_DEADLOCK) {
          runAgain = true;
        }
      }
    }
    return runAgain;
  }

  /**
   * The sleep after failed attempt {@code attempt} (1-based), for a uniform random {@code fraction}
   * in [0, 1): that fraction of {@code min(max, first × 2^(attempt-1))}.
   */
  Duration sleepAfter(int attempt, double fraction) {
    return Duration.ofNanos((long) (ceilingAfter(attempt).toNanos() * fraction));
  }

  /** The longest sleep after failed attempt {@code attempt} (1-based). */
  Duration ceilingAfter(int attempt) {
    int doublings = Math.min(attempt - 1, 62);
    long firstNanos = first.toNanos();
    long maxNanos = max.toNanos();
    if (firstNanos == 0) {
      return Duration.ZERO;
    }
    long ceiling =
        firstNanos > (maxNanos >> doublings)
            ? maxNanos
            : Math.min(maxNanos, firstNanos << doublings);
    return Duration.ofNanos(ceiling);
  }

  private static RuntimeException withEarlier(
      RuntimeException failure, List<RuntimeException> earlier) {
    for (RuntimeException e : earlier) {
      if (e != failure) {
        failure.addSuppressed(e);
      }
    }
    return failure;
  }

  /**
   * Tells whether an attempt's transaction committed when it failed: its work returned and jOOQ did
   * not start a rollback, so the failure came after the commit (a listener's {@code commitEnd}).
   */
  private static final class CommitWatch implements TransactionListener {

    private boolean workReturned;
    private boolean rolledBack;

    /** {@code ctx} with this watch among its transaction listeners. */
    DSLContext watching(DSLContext ctx) {
      TransactionListenerProvider[] others = ctx.configuration().transactionListenerProviders();
      TransactionListenerProvider[] all = new TransactionListenerProvider[others.length + 2];
      // At both ends: it hears rollbackStart before any other listener can throw, in either order.
      all[0] = new DefaultTransactionListenerProvider(this);
      System.arraycopy(others, 0, all, 1, others.length);
      all[all.length - 1] = all[0];
      return DSL.using(ctx.configuration().derive(all));
    }

    boolean committed() {
      return workReturned && !rolledBack;
    }

    @Override
    public void rollbackStart(TransactionContext ctx) {
      if (workReturned) {
        rolledBack = true;
      }
    }
  }

  @Override
  public String toString() {
    return "TransactionRetry[maxAttempts=" + maxAttempts + ", backoff " + first + ".." + max + "]";
  }

  /**
   * A unit of work that is a whole transaction and returns a result.
   *
   * @param <T> what it returns
   */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the transaction's work.
     *
     * @param trx the context of this attempt's transaction: use it for every statement
     * @param attempt the attempt number, 1 for the first
     * @return the result, handed to the caller after the commit
     * @throws Exception any failure, which rolls the attempt's transaction back
     */
    T run(DSLContext trx, int attempt) throws Exception;
  }

  /** A unit of work that is a whole transaction and returns nothing. */
  @FunctionalInterface
  public interface VoidWork {
    /**
     * Does the transaction's work.
     *
     * @param trx the context of this attempt's transaction: use it for every statement
     * @param attempt the attempt number, 1 for the first
     * @throws Exception any failure, which rolls the attempt's transaction back
     */
    void run(DSLContext trx, int attempt) throws Exception;
  }
}
