package dev.sequences.jooq;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DetachedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a database's error during a call into the exception the caller sees: the same type (a
 * {@link DataAccessException}, or one of its subclasses {@link SequenceLockedException} and {@link
 * CounterTableMissingException}) with a message that names the sequence and says what to do. The
 * error is read from the {@link SQLException} in the cause chain, whatever wraps it: jOOQ's
 * exception, or the one a configuration's {@code ExecuteListener} put in its place (Spring Boot's
 * exception translator throws Spring's). What an error means is the dialect's to say ({@link
 * SequenceDialect#classify}); an error it does not classify goes out unchanged. Each translation is
 * logged at DEBUG (logger {@code dev.sequences.jooq.ErrorTranslation}); nothing is logged on
 * success.
 */
final class ErrorTranslation {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorTranslation.class);

  private ErrorTranslation() {}

  /** What a call was allowed to wait, and how long it ran before it failed. */
  record Wait(LockWait lockWait, long ranNanos) {}

  /** The exception a failed call throws, and what it means for the call's listeners. */
  record Translated(RuntimeException exception, SequenceEvent.Outcome outcome) {}

  /**
   * The exception for {@code e} (any exception, translated only where an {@link SQLException}
   * carries a database error it means something for), thrown by a call on sequence {@code name}
   * that ran on {@code ctx}.
   *
   * @param dialect null for a dialect the library does not support (the error goes out unchanged)
   * @param name the sequence; null for a statement on every counter (the list)
   * @param wait null for calls that do not take the lock ({@code lastValue}, {@code delete})
   */
  static RuntimeException translate(
      RuntimeException e,
      DSLContext ctx,
      @Nullable SequenceDialect dialect,
      @Nullable String name,
      @Nullable Wait wait) {
    return translated(e, ctx, dialect, name, wait, null).exception();
  }

  /**
   * {@link #translate(RuntimeException, DSLContext, SequenceDialect, String, Wait)} for a statement
   * on {@code table} (as {@code ctx} renders it), the table a missing-table message names; null for
   * the counter table.
   */
  static RuntimeException translate(
      RuntimeException e,
      DSLContext ctx,
      @Nullable SequenceDialect dialect,
      @Nullable String name,
      @Nullable Wait wait,
      @Nullable String table) {
    return translated(e, ctx, dialect, name, wait, table).exception();
  }

  /**
   * As {@link #translate}, with the call's {@linkplain SequenceEvent.Outcome outcome}: from the
   * dialect's {@link SequenceDialect.Failure} where it classified the error, else {@code ERROR}.
   * Logs the translation at DEBUG (the sequence, the database's SQL state and error code, the
   * classification and the exception it became); this runs on failures only.
   */
  static Translated translated(
      RuntimeException e,
      DSLContext ctx,
      @Nullable SequenceDialect dialect,
      @Nullable String name,
      @Nullable Wait wait,
      @Nullable String table) {
    if (e instanceof SequenceLockedException) {
      return new Translated(e, SequenceEvent.Outcome.LOCKED);
    }
    if (e instanceof CounterTableMissingException) {
      return new Translated(e, SequenceEvent.Outcome.ERROR);
    }
    if (e instanceof IssuedButNotRestoredException) {
      LOG.debug(
          "{}: values issued, but the session's lock timeout not restored; {} left as it is",
          name == null ? "the list of sequences" : Names.describe(name),
          e.getClass().getSimpleName());
      return new Translated(e, SequenceEvent.Outcome.ERROR);
    }
    String sequence = name == null ? "the list of sequences" : Names.describe(name);
    if (e instanceof DetachedException) {
      DetachedException detached =
          new DetachedException(
              sequence
                  + ": the DSLContext has no JDBC connection ("
                  + e.getMessage()
                  + "). Pass the context of a transaction, or one built with a DataSource or"
                  + " Connection");
      detached.initCause(e);
      LOG.debug("{}: no JDBC connection, translated into DetachedException", sequence);
      return new Translated(detached, SequenceEvent.Outcome.ERROR);
    }
    SQLException cause = sqlExceptionIn(e);
    if (cause == null || dialect == null) {
      LOG.debug(
          "{}: {} left as it is ({})",
          sequence,
          e.getClass().getSimpleName(),
          cause == null ? "no SQLException inside" : "unsupported dialect");
      return new Translated(e, SequenceEvent.Outcome.ERROR);
    }
    LockWait lockWait = wait == null ? LockWait.WAIT : wait.lockWait();
    Duration ran = Duration.ofNanos(wait == null ? 0 : wait.ranNanos());
    SequenceDialect.Failure failure = dialect.classify(cause, ctx, lockWait, ran);
    RuntimeException translated =
        switch (failure) {
          case LOCKED, LOCKED_AND_ROLLED_BACK ->
              new SequenceLockedException(
                  // The list reads without a lock: a lock failure always has a name.
                  Objects.requireNonNullElse(name, sequence),
                  sequence
                      + " is held by another transaction and could not be taken within "
                      + lockWait
                      + "; its counter is unchanged. "
                      + dialect.adviceWhenLocked(failure),
                  e);
          case RUN_AGAIN -> runAgain(sequence, cause, e);
          case OUT_OF_RANGE ->
              new DataAccessException(
                  sequence + " cannot issue a value past Long.MAX_VALUE; its counter is unchanged",
                  e);
          case MISSING_TABLE ->
              new CounterTableMissingException(
                  table == null ? CounterTable.render(ctx) : table,
                  "table "
                      + (table == null ? CounterTable.render(ctx) : table)
                      + ", needed by "
                      + sequence
                      + ", is missing: create it with SequencesSchema.migrate(dataSource) ("
                      + cause.getMessage()
                      + ")",
                  e);
          case OTHER -> e;
        };
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{}: database error (SQL state {}, error code {}) classified as {}: {}",
          sequence,
          cause.getSQLState(),
          cause.getErrorCode(),
          failure,
          translated == e
              ? e.getClass().getSimpleName() + " left as it is"
              : "translated into "
                  + translated.getClass().getSimpleName()
                  + sqlStateSuffix(translated));
    }
    return new Translated(translated, outcomeOf(failure));
  }

  /** What a classified failure means for the call's listeners. */
  static SequenceEvent.Outcome outcomeOf(SequenceDialect.Failure failure) {
    return switch (failure) {
      case LOCKED, LOCKED_AND_ROLLED_BACK -> SequenceEvent.Outcome.LOCKED;
      case RUN_AGAIN -> SequenceEvent.Outcome.RUN_AGAIN;
      case OUT_OF_RANGE, MISSING_TABLE, OTHER -> SequenceEvent.Outcome.ERROR;
    };
  }

  private static String sqlStateSuffix(RuntimeException translated) {
    return translated instanceof DataAccessException dae && sqlExceptionIn(dae) != null
        ? " (SQL state " + dae.sqlState() + ")"
        : "";
  }

  /**
   * The transaction cannot go on: a deadlock, a serialization failure, or a snapshot that cannot
   * write. The exception's SQL state is the database's if it is of class 40, else 40001, so that
   * retry logic that looks for class 40 recognises it.
   */
  private static DataAccessException runAgain(
      String sequence, SQLException cause, RuntimeException e) {
    String state = cause.getSQLState() == null ? "" : cause.getSQLState();
    String message =
        sequence
            + ": the database cannot go on with this transaction (a deadlock, a serialization"
            + " failure, or a write that conflicts with what the transaction read before; "
            + (state.isEmpty() ? "error code " + cause.getErrorCode() : "SQL state " + state)
            + "); no value was issued. Run the whole transaction again (roll it back first, where"
            + " the database has not)";
    if (state.startsWith("40")) {
      return new DataAccessException(message, e);
    }
    SQLTransactionRollbackException rerun =
        new SQLTransactionRollbackException(cause.getMessage(), "40001", cause);
    return new DataAccessException(message, rerun);
  }

  static @Nullable SQLException sqlExceptionIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
