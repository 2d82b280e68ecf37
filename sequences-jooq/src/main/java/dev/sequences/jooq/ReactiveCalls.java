package dev.sequences.jooq;

import io.r2dbc.spi.Connection;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The publisher forms of {@link GaplessSequence}'s calls on an R2DBC context: the same statements
 * as the blocking path ({@link CounterTable}'s jOOQ queries, which jOOQ runs on R2DBC), chained
 * without blocking a thread: the family's {@link ReactiveSequenceDialect} chains them with {@link
 * ReactiveStatements}, and the call's result goes out through {@link #single}'s publisher. Plain
 * Reactive Streams: no Reactor, no {@code block()}.
 *
 * <p>One call acquires one connection from the context's {@code ConnectionFactory} (inside jOOQ's
 * {@code transactionPublisher}, the transaction's own connection, whose {@code close()} does
 * nothing), reads {@code Connection.isAutoCommit()}, runs every statement of the call on that
 * connection, and closes it.
 */
final class ReactiveCalls {

  private ReactiveCalls() {}

  /**
   * A publisher of one call: nothing runs until a subscriber requests; then {@code call} runs once
   * and its result goes out as one element (none if it is null) and completion, or as an error.
   */
  static <T> org.jooq.Publisher<T> single(Supplier<? extends CompletionStage<T>> call) {
    return new org.jooq.Publisher<>() {
      @Override
      public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscriber.onSubscribe(new OneCall<>(subscriber, call));
      }
    };
  }

  /** The subscription of {@link #single}: one call, started at the first request. */
  private static final class OneCall<T> implements Subscription {

    private final Subscriber<? super T> subscriber;
    private final Supplier<? extends CompletionStage<T>> call;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean done = new AtomicBoolean();

    OneCall(Subscriber<? super T> subscriber, Supplier<? extends CompletionStage<T>> call) {
      this.subscriber = subscriber;
      this.call = call;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        if (done.compareAndSet(false, true)) {
          subscriber.onError(
              new IllegalArgumentException("Reactive Streams rule 3.9: request(" + n + ")"));
        }
        return;
      }
      if (!started.compareAndSet(false, true) || done.get()) {
        return;
      }
      CompletionStage<T> result;
      try {
        result = call.get();
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
      result.whenComplete(
          (value, failure) -> {
            if (!done.compareAndSet(false, true)) {
              return; // cancelled: the call ran to its end (its connection closed), unseen
            }
            if (failure != null) {
              subscriber.onError(ReactiveStatements.unwrap(failure));
              return;
            }
            if (value != null) {
              subscriber.onNext(value);
            }
            subscriber.onComplete();
          });
    }

    @Override
    public void cancel() {
      done.set(true);
    }
  }

  /**
   * Issues {@code count} values of {@code sequence} on {@code ctx}'s R2DBC connection; completes
   * with the counter's new value. Arguments were checked by the caller; the auto-commit refusal and
   * every database failure arrive as the stage's failure, translated as on the blocking path, and
   * the call is reported to the configuration's listeners.
   */
  static CompletionStage<Long> increment(
      GaplessSequence sequence,
      DSLContext ctx,
      SupportedDatabase database,
      int count,
      LockWait wait) {
    Configuration configuration = ctx.configuration();
    InstalledListeners listeners = InstalledListeners.on(configuration);
    long started = System.nanoTime();
    String name = sequence.name();
    if (!(database.sequenceDialect() instanceof ReactiveSequenceDialect dialect)) {
      // Before any connection is asked for; not a call's outcome, as the blocking call's argument
      // checks are not.
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException(
              Names.describe(name)
                  + ": the publisher forms run on PostgreSQL, MariaDB, MySQL and H2 over R2DBC; "
                  + database
                  + " has no R2DBC support here. Use nextValue on a JDBC context"));
    }
    return ReactiveStatements.first(configuration.connectionFactory().create())
        .thenCompose(
            connection -> {
              Connection on = Objects.requireNonNull(connection, "no connection");
              CompletableFuture<Long> call;
              // Whatever fails before the statements' stages exist, the connection is closed.
              try {
                boolean autoCommit = on.isAutoCommit();
                call =
                    autoCommit && !sequence.allowsAutoCommit()
                        ? CompletableFuture.failedFuture(
                            TransactionBinding.autoCommitRefused(sequence))
                        : dialect.incrementReactive(
                            onConnection(ctx, on),
                            database.counterTable(),
                            new Increment(
                                name,
                                count,
                                sequence.initialValue(),
                                sequence.resetValue(),
                                wait,
                                autoCommit));
              } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
              }
              return closingAfter(on, call);
            })
        .handle(
            (last, failure) -> {
              long ran = System.nanoTime() - started;
              if (failure == null) {
                if (listeners != null) {
                  listeners.report(
                      new SequenceEvent(name, count, SequenceEvent.Outcome.ISSUED, ran, null));
                }
                return last;
              }
              ErrorTranslation.Translated translated =
                  ErrorTranslation.translated(
                      ReactiveStatements.withSqlException(failure),
                      detached(ctx),
                      database.sequenceDialect(),
                      name,
                      new ErrorTranslation.Wait(wait, ran),
                      null);
              if (listeners != null) {
                listeners.report(
                    new SequenceEvent(
                        name, count, translated.outcome(), ran, translated.exception()));
              }
              throw translated.exception();
            });
  }

  /**
   * The last value of {@code sequence} as {@code ctx} shows it; completes with null if there is no
   * counter. Any connection, auto-commit included: one query through the context's factory.
   */
  static CompletionStage<@Nullable Long> last(GaplessSequence sequence, DSLContext ctx) {
    DSLContext own = LibraryRendering.applied(ctx);
    return ReactiveStatements.first(
            SupportedDatabase.counterTableOf(ctx.dialect()).lastQuery(own, sequence.name()))
        .handle(
            (row, failure) -> {
              if (failure != null) {
                throw ErrorTranslation.translate(
                    ReactiveStatements.withSqlException(failure),
                    detached(ctx),
                    SupportedDatabase.sequenceDialectOrNull(ctx.dialect()),
                    sequence.name(),
                    null);
              }
              return row == null ? null : row.value1();
            });
  }

  /** {@code call}, then the connection closed, whatever the call's outcome. */
  private static CompletableFuture<Long> closingAfter(
      Connection connection, CompletableFuture<Long> call) {
    return call.handle(
            (last, failure) ->
                ReactiveStatements.first(connection.close())
                    .handle(
                        (closed, closeFailure) -> {
                          if (failure != null) {
                            RuntimeException e = ReactiveStatements.withSqlException(failure);
                            if (closeFailure != null) {
                              e.addSuppressed(ReactiveStatements.unwrap(closeFailure));
                            }
                            throw e;
                          }
                          if (closeFailure != null) {
                            throw ReactiveStatements.withSqlException(closeFailure);
                          }
                          return last;
                        }))
        .thenCompose(stage -> stage);
  }

  /**
   * {@code ctx} on {@code connection} alone, with the library's rendering: jOOQ's context over one
   * R2DBC connection, which it never closes (the call does, at its end).
   */
  private static DSLContext onConnection(DSLContext ctx, Connection connection) {
    Configuration configuration = ctx.configuration();
    Configuration derived =
        configuration.derive(
            DSL.using(connection, configuration.dialect()).configuration().connectionFactory());
    if (LibraryRendering.differs(configuration.settings())) {
      derived.set(LibraryRendering.of(configuration.settings()));
    }
    return DSL.using(derived);
  }

  /**
   * A context with {@code ctx}'s dialect and rendering and no connection, on which errors are
   * classified: a classification that would query the database (InnoDB's {@code
   * innodb_rollback_on_timeout}) must not block, so there it finds no connection and says no.
   */
  private static DSLContext detached(DSLContext ctx) {
    return DSL.using(ctx.dialect(), LibraryRendering.of(ctx.configuration().settings()));
  }
}
