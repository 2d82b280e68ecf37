package dev.sequences.jooq;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.jspecify.annotations.Nullable;

/**
 * What an operator does with the counters besides issuing values: list them, set one, delete one.
 * The {@code sequences} CLI is built on this class. Values are issued only by {@link
 * GaplessSequence}.
 *
 * <p>Statements run on the context given, with the library's own name rendering and the context's
 * render mapping (another schema or table), as {@link GaplessSequence}'s do.
 */
public final class SequenceCounters {

  /**
   * A counter: the sequence's name and the last value it issued.
   *
   * @param name the sequence's name
   * @param last the last value issued (committed, as the reading transaction sees it)
   */
  public record Counter(String name, long last) {}

  /** {@link #set} refused to move a counter backwards; nothing was changed. */
  public static final class BackwardsRefusedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    BackwardsRefusedException(String message) {
      super(message);
    }
  }

  private SequenceCounters() {}

  /**
   * Every counter whose name starts with {@code prefix}, or every counter for null, sorted by name
   * (Java's {@code String} order). A plain read: another transaction may change a counter at once.
   *
   * @param ctx the context to read with; any connection, auto-commit included
   * @param prefix the start of the names to list, or null for every counter
   * @return the counters, sorted by name; empty if there is none
   */
  public static List<Counter> list(DSLContext ctx, @Nullable String prefix) {
    Objects.requireNonNull(ctx, "ctx");
    DSLContext own = LibraryRendering.applied(ctx);
    try {
      return CounterTable.list(own, prefix);
    } catch (RuntimeException e) {
      throw ErrorTranslation.translate(
          e, own, SupportedDatabase.sequenceDialectOrNull(ctx.dialect()), null, null);
    }
  }

  /**
   * Sets the last value of sequence {@code name} to {@code value} in {@code ctx}'s transaction, so
   * that the next value issued is {@code value + 1}; creates the counter if there is none. The
   * counter is read under its lock and written in the same transaction, so no value can be issued
   * in between. If another transaction creates the counter meanwhile (its first use), the set waits
   * for it and applies to the counter it created. Moving a counter backwards issues numbers {@code
   * value + 1 .. last} again: refused unless {@code allowBackwards}.
   *
   * @param ctx the context whose transaction the change belongs to (as for {@link
   *     GaplessSequence#nextValue(DSLContext)})
   * @param name the sequence's name
   * @param value the new last value: the next value issued is {@code value + 1}
   * @param allowBackwards whether {@code value} may be below the counter's last value
   * @return the counter's last value before, empty if it was created
   * @throws IllegalArgumentException if {@code name} is not a valid sequence name
   * @throws IllegalStateException if {@code ctx} is not in a transaction the library recognises
   *     (see {@link GaplessSequence}), or if another transaction created the counter meanwhile and
   *     this transaction's snapshot (REPEATABLE READ, SERIALIZABLE) cannot see it; nothing was
   *     changed
   * @throws BackwardsRefusedException if the move is backwards and not allowed, with a message that
   *     names the numbers that would be issued again; nothing was changed
   */
  public static OptionalLong set(DSLContext ctx, String name, long value, boolean allowBackwards) {
    return inTransaction(
        ctx,
        name,
        (own, connection) -> {
          OptionalLong current = table(own).lockAndRead(own, name);
          if (current.isEmpty()) {
            if (created(own, connection, name, value)) {
              return current;
            }
            current = table(own).lockAndRead(own, name);
            if (current.isEmpty()) {
              throw new IllegalStateException(
                  Names.describe(name)
                      + " was created by another transaction meanwhile, after this transaction's"
                      + " snapshot: nothing was changed; set it again");
            }
          }
          long last = current.getAsLong();
          if (value < last && !allowBackwards) {
            throw new BackwardsRefusedException(
                "refusing to move "
                    + Names.describe(name)
                    + " back from "
                    + last
                    + " to "
                    + value
                    + ": numbers "
                    + (value + 1)
                    + ".."
                    + last
                    + " would be issued again (duplicates)");
          }
          table(own).update(own, name, value);
          return current;
        });
  }

  /**
   * Deletes the counter of sequence {@code name} in {@code ctx}'s transaction, after reading it
   * under its lock: the value returned is the last value of the row deleted, which no other
   * transaction can change in between. The next use starts again at the initial value.
   *
   * @param ctx the context whose transaction the deletion belongs to (as for {@link
   *     GaplessSequence#nextValue(DSLContext)})
   * @param name the sequence's name
   * @return the deleted counter's last value, empty if there was no counter
   * @throws IllegalArgumentException if {@code name} is not a valid sequence name
   * @throws IllegalStateException if {@code ctx} is not in a transaction the library recognises
   *     (see {@link GaplessSequence}); nothing was changed
   */
  public static OptionalLong delete(DSLContext ctx, String name) {
    return inTransaction(
        ctx,
        name,
        (own, connection) -> {
          OptionalLong last = table(own).lockAndRead(own, name);
          if (last.isPresent()) {
            table(own).delete(own, name);
          }
          return last;
        });
  }

  /** Work on the counter table through a context bound to the call's connection. */
  private interface OnConnection<T> {
    T run(DSLContext own, Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on {@code ctx}'s connection with the library's rendering, after checking that
   * the connection is in a transaction the library recognises; its database errors translated as
   * {@code nextValue}'s are.
   */
  private static <T> T inTransaction(DSLContext ctx, String name, OnConnection<T> work) {
    Objects.requireNonNull(ctx, "ctx");
    GaplessSequence sequence = GaplessSequence.named(name);
    return ctx.connectionResult(
        connection -> {
          DSLContext own =
              TransactionBinding.bind(sequence, ctx, connection, connection.getAutoCommit());
          try {
            return work.run(own, connection);
          } catch (RuntimeException e) {
            throw ErrorTranslation.translate(
                e, own, SupportedDatabase.sequenceDialectOrNull(ctx.dialect()), name, null);
          }
        });
  }

  /**
   * Creates the counter at {@code value}; false, with nothing changed, if another transaction
   * created it after {@link CounterTable#lockAndRead} found none (where no lock covers a missing
   * row, the insert waits for that transaction and then fails on the key).
   */
  private static boolean created(DSLContext own, Connection connection, String name, long value)
      throws SQLException {
    // A savepoint: on PostgreSQL a failed statement would otherwise end the whole transaction.
    Savepoint beforeInsert = connection.setSavepoint();
    try {
      table(own).create(own, name, value);
    } catch (DataAccessException e) {
      if (e.sqlStateClass() != SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION) {
        throw e;
      }
      connection.rollback(beforeInsert);
      return false;
    }
    connection.releaseSavepoint(beforeInsert);
    return true;
  }

  private static CounterTable table(DSLContext ctx) {
    return SupportedDatabase.counterTableOf(ctx.dialect());
  }
}
