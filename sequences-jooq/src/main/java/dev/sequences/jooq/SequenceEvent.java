package dev.sequences.jooq;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link GaplessSequence#nextValue nextValue} or {@link GaplessSequence#nextValues
 * nextValues} call did, as a {@link SequenceListener} hears it: once per call, after the call
 * returned its values or failed, on the caller's thread.
 *
 * <p>{@code elapsedNanos} runs from the moment the call takes its connection from the context to
 * the moment the database answered or failed: it includes any time the call waited for another
 * transaction holding the sequence (no supported database reports that wait per statement without
 * another round trip, so it is not measured apart), and not the argument checks before it nor the
 * classification of a failure after it.
 *
 * @param sequenceName the sequence's name
 * @param valuesRequested how many values the call asked for: 1 for {@code nextValue}, {@code n} for
 *     {@code nextValues(ctx, n)} (never 0: a call for no values sends no SQL and reports nothing)
 * @param outcome what came of it
 * @param elapsedNanos how long the call ran, in nanoseconds (see above)
 * @param failure the exception the call threw to its caller, null if the outcome is {@link
 *     Outcome#ISSUED}
 */
public record SequenceEvent(
    String sequenceName,
    int valuesRequested,
    Outcome outcome,
    long elapsedNanos,
    @Nullable RuntimeException failure) {

  /** What came of a call, from what the library already tells its caller. */
  public enum Outcome {
    /** The values were issued in the caller's transaction. */
    ISSUED,
    /**
     * Another transaction held the sequence longer than the call's {@link LockWait} (or the
     * database's own lock-wait limit): the call threw {@link SequenceLockedException} and nothing
     * was issued. The elapsed time is mostly that wait.
     */
    LOCKED,
    /**
     * The transaction cannot go on (a deadlock, a serialization failure, a snapshot that cannot
     * write): the call threw a {@code DataAccessException} whose SQL state is of class {@code 40}
     * and nothing was issued. Run the whole transaction again.
     */
    RUN_AGAIN,
    /**
     * Anything else: the connection refused (auto-commit, no transaction the library recognises), a
     * bounded wait where the database offers none, a value past {@code Long.MAX_VALUE}, the counter
     * table missing, a lost connection, a session setting that could not be restored after the
     * values were issued (the caller is told to roll back), {@code nextValueBeforeCommit} without a
     * hook at the commit, a number series' refusal (outside a transaction, or a document date
     * earlier than the latest: the value taken is given back, nothing was issued), or any other
     * database error.
     */
    ERROR
  }

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code sequenceName} or {@code outcome} is null, or {@code
   *     failure} is null for an outcome other than {@link Outcome#ISSUED}
   * @throws IllegalArgumentException if {@code valuesRequested} is not positive, {@code
   *     elapsedNanos} is negative, or a failure is given with {@link Outcome#ISSUED}
   */
  public SequenceEvent {
    Objects.requireNonNull(sequenceName, "sequenceName");
    Objects.requireNonNull(outcome, "outcome");
    if (valuesRequested < 1) {
      throw new IllegalArgumentException("valuesRequested must be positive: " + valuesRequested);
    }
    if (elapsedNanos < 0) {
      throw new IllegalArgumentException("elapsedNanos cannot be negative: " + elapsedNanos);
    }
    if (outcome == Outcome.ISSUED) {
      if (failure != null) {
        throw new IllegalArgumentException("an issued call has no failure: " + failure);
      }
    } else {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * The values the call issued.
   *
   * @return {@link #valuesRequested} if the call issued them, else 0
   */
  public int valuesIssued() {
    return outcome == Outcome.ISSUED ? valuesRequested : 0;
  }

  /**
   * How long the call ran, in another unit.
   *
   * @param unit the unit wanted
   * @return {@link #elapsedNanos} in {@code unit}, truncated
   */
  public long elapsed(TimeUnit unit) {
    return unit.convert(elapsedNanos, TimeUnit.NANOSECONDS);
  }
}
