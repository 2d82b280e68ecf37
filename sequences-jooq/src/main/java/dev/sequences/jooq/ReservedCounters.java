package dev.sequences.jooq;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Internal;
import org.jooq.Name;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * <b>Internal to this project; not an API.</b> The one way in to counters whose names start with
 * {@link #PREFIX}, for the {@code sequences-series} module, whose number series keep their counters
 * under such names and record every number they issue in a ledger. An application never needs this
 * class: it may change or disappear in any release, without notice.
 *
 * <p>{@link GaplessSequence#named} refuses reserved names, so that no application, CLI command or
 * operator call increments a series' counter behind its ledger by mistake. Java has no access level
 * between package-private and public across two modules (this project does not use JPMS, and a
 * qualified export would bind applications to it), so the series module comes through this public
 * class, marked {@link Internal} as jOOQ marks its own bridges, instead of a second copy of the
 * counter table's statements.
 *
 * <p>Every method runs on a context the caller obtained from {@link #inTransaction} or {@link
 * #reading}: bound to one connection, with the library's rendering (quoted names, bound values) and
 * the caller's render mapping.
 */
@Internal
@SuppressWarnings("doclint:missing") // internal: its page says so, its methods say why in prose
public final class ReservedCounters {

  /** The prefix of every counter name that belongs to a number series. */
  public static final String PREFIX = "series:";

  private ReservedCounters() {}

  /**
   * The counter called {@code name}, starting at {@code initialValue}, never resetting and never in
   * auto-commit mode.
   *
   * @throws IllegalArgumentException if {@code name} does not start with {@link #PREFIX} or is not
   *     a valid counter name (1 to 100 code points of well-formed text, without NUL)
   */
  public static GaplessSequence sequence(String name, long initialValue) {
    Names.checkText(name);
    if (!name.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          Names.describe(name) + " is not a reserved name: it does not start with " + PREFIX);
    }
    return GaplessSequence.reserved(name, initialValue);
  }

  /**
   * Runs {@code work} on the connection {@code ctx} gives, after the checks {@link
   * GaplessSequence#nextValue} makes before any SQL (a transaction the library recognises, not in
   * auto-commit mode), on a context bound to that connection with the library's rendering.
   * Statements {@code work} runs through {@code counter} on that context join the same transaction.
   *
   * @throws IllegalStateException as {@link GaplessSequence#nextValue} does, before any SQL
   * @throws UnsupportedOperationException if {@code ctx}'s dialect is not supported
   */
  public static <T> T inTransaction(
      DSLContext ctx, GaplessSequence counter, Function<DSLContext, T> work) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(counter, "counter");
    SupportedDatabase.requireDialect(ctx.dialect());
    return ctx.connectionResult(
        connection -> {
          return work.apply(
              TransactionBinding.bind(counter, ctx, connection, connection.getAutoCommit()));
        });
  }

  /**
   * As {@link #inTransaction}, for {@code work} that issues one value of {@code counter} and may
   * still refuse after it took it: the call is reported to {@code ctx}'s {@link SequenceListener}s
   * once, as one call of {@code counter}, with its real outcome. The event of the value's own
   * {@code nextValue} when the call succeeds; else an event whose outcome is that of the exception
   * the call throws (a refusal before or after the value: {@link SequenceEvent.Outcome#ERROR}).
   */
  public static <T> T issuing(
      DSLContext ctx, GaplessSequence counter, Function<DSLContext, T> work) {
    Objects.requireNonNull(ctx, "ctx");
    InstalledListeners listeners = InstalledListeners.on(ctx.configuration());
    if (listeners == null) {
      return inTransaction(ctx, counter, work);
    }
    long started = System.nanoTime();
    SequenceEvent[] heard = {null};
    // The value's own event is held back until the call's outcome is known.
    Configuration holding = ctx.configuration().derive();
    holding.data(InstalledListeners.KEY, InstalledListeners.of(event -> heard[0] = event));
    T result;
    try {
      result = inTransaction(DSL.using(holding), counter, work);
    } catch (RuntimeException e) {
      SequenceEvent taken = heard[0];
      listeners.report(
          taken != null && taken.failure() == e
              ? taken
              : new SequenceEvent(
                  counter.name(),
                  1,
                  outcomeOf(e),
                  taken == null ? System.nanoTime() - started : taken.elapsedNanos(),
                  e));
      throw e;
    }
    if (heard[0] != null) {
      listeners.report(heard[0]);
    }
    return result;
  }

  /** The outcome of a call that threw {@code e}, as the library classifies its own exceptions. */
  private static SequenceEvent.Outcome outcomeOf(RuntimeException e) {
    if (e instanceof SequenceLockedException) {
      return SequenceEvent.Outcome.LOCKED;
    }
    if (e instanceof DataAccessException dae && dae.sqlState().startsWith("40")) {
      return SequenceEvent.Outcome.RUN_AGAIN;
    }
    return SequenceEvent.Outcome.ERROR;
  }

  /**
   * Runs {@code work}, which only reads, on one connection of {@code ctx} with the library's
   * rendering, in whatever transaction or auto-commit mode that connection is.
   *
   * @throws UnsupportedOperationException if {@code ctx}'s dialect is not supported
   */
  public static <T> T reading(DSLContext ctx, Function<DSLContext, T> work) {
    Objects.requireNonNull(ctx, "ctx");
    SupportedDatabase.requireDialect(ctx.dialect());
    return ctx.connectionResult(
        connection -> work.apply(TransactionBinding.boundTo(ctx, connection)));
  }

  /**
   * The counter's last value, read under its lock (which the transaction keeps until it ends);
   * empty if there is no counter. As {@link SequenceCounters#set} reads it.
   */
  public static OptionalLong lockAndRead(DSLContext bound, String name) {
    return onCounter(bound, name, own -> table(own).lockAndRead(own, name));
  }

  /** The counter's last value as {@code bound} sees it now, without a lock; empty if none. */
  public static OptionalLong last(DSLContext bound, String name) {
    return onCounter(bound, name, own -> table(own).last(own, name));
  }

  /** Creates the counter at {@code last}; the caller found none under {@link #lockAndRead}. */
  public static void create(DSLContext bound, String name, long last) {
    onCounter(
        bound,
        name,
        own -> {
          table(own).create(own, name, last);
          return null;
        });
  }

  /** Sets the existing counter, locked by this transaction, to {@code last}. */
  public static void update(DSLContext bound, String name, long last) {
    onCounter(
        bound,
        name,
        own -> {
          table(own).update(own, name, last);
          return null;
        });
  }

  /**
   * The counter's last value as a scalar subquery, {@code (select last from <counter table> where
   * name = ?)}, for a statement on another table that must read both in one snapshot; rendered with
   * {@code ctx}'s render mapping.
   */
  public static Field<Long> lastValueOf(DSLContext ctx, String name) {
    return table(ctx).lastValueOf(ctx, name);
  }

  /**
   * Moves the counter back from {@code issued}, the value this transaction just took, to {@code
   * issued - 1}: for a call that took a value under the counter's lock and then refused to use it.
   * The counter is then as it was before the call, and stays locked until the transaction ends.
   *
   * @throws IllegalStateException if the counter is not at {@code issued}
   */
  public static void giveBack(DSLContext bound, String name, long issued) {
    onCounter(
        bound,
        name,
        own -> {
          table(own).giveBack(own, name, issued);
          return null;
        });
  }

  /**
   * The counter table's qualified name as {@code ctx}'s render mapping places it (schema, if the
   * mapping or the generated table gives one, and table name): the tables that belong to it are
   * named after it, in the same schema.
   */
  public static Name counterTable(DSLContext ctx) {
    return CounterTable.mappedName(ctx);
  }

  /**
   * {@code name} as a bind value to compare exactly with a column that holds counter names, as the
   * counter table's own statements bind it (on H2 a case-sensitive expression, whatever {@code
   * IGNORECASE} says).
   */
  public static Field<String> nameValue(DSLContext ctx, String name) {
    return table(ctx).nameValue(name);
  }

  /**
   * The exception a caller sees for {@code e}, thrown by a statement on {@code table} (rendered as
   * a message names it) for the counter {@code name}, as the library translates its own: a lock not
   * had in time, a transaction to run again (SQL state of class 40), a missing table ({@link
   * CounterTableMissingException} naming {@code table}); anything else unchanged.
   */
  public static RuntimeException translate(
      RuntimeException e, DSLContext bound, String name, String table) {
    return ErrorTranslation.translate(
        e, bound, SupportedDatabase.sequenceDialectOrNull(bound.dialect()), name, null, table);
  }

  private static <T> T onCounter(DSLContext bound, String name, Function<DSLContext, T> statement) {
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(name, "name");
    DSLContext own = LibraryRendering.applied(bound);
    try {
      return statement.apply(own);
    } catch (RuntimeException e) {
      throw ErrorTranslation.translate(
          e, own, SupportedDatabase.sequenceDialectOrNull(bound.dialect()), name, null);
    }
  }

  private static CounterTable table(DSLContext ctx) {
    return SupportedDatabase.counterTableOf(ctx.dialect());
  }
}
