package dev.sequences.jooq;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.NoDataFoundException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The publisher forms of {@link GaplessSequence}'s calls on an R2DBC context: the same statements
 * as the blocking path ({@link CounterTable}'s jOOQ queries, which jOOQ runs on R2DBC), chained
 * without blocking a thread. Plain Reactive Streams: each statement is subscribed to by a {@link
 * #first} subscriber that completes a {@link CompletableFuture}, and the futures are composed; the
 * call's result goes out through {@link #single}'s publisher. No Reactor, no {@code block()}.
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
              subscriber.onError(unwrap(failure));
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
   * Subscribes to {@code publisher}, requests everything, and completes with its first element
   * (null if it had none) when it completes.
   */
  static <T> CompletableFuture<@Nullable T> first(Publisher<T> publisher) {
    CompletableFuture<@Nullable T> result = new CompletableFuture<>();
    try {
      publisher.subscribe(
          new Subscriber<T>() {
            private @Nullable T first;

            @Override
            public void onSubscribe(Subscription subscription) {
              subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
              if (first == null) {
                first = item;
              }
            }

            @Override
            public void onError(Throwable failure) {
              result.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
              result.complete(first);
            }
          });
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
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
    if (!EnumSet.of(
            SupportedDatabase.POSTGRESQL,
            SupportedDatabase.MARIADB,
            SupportedDatabase.MYSQL,
            SupportedDatabase.H2)
        .contains(database)) {
      // Before any connection is asked for; not a call's outcome, as the blocking call's argument
      // checks are not.
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException(
              Names.describe(name)
                  + ": the publisher forms run on PostgreSQL, MariaDB, MySQL and H2 over R2DBC; "
                  + database
                  + " has no R2DBC support here. Use nextValue on a JDBC context"));
    }
    return first(configuration.connectionFactory().create())
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
                        : run(
                            onConnection(ctx, on),
                            database,
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
                      withSqlException(failure),
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
    return first(SupportedDatabase.counterTableOf(ctx.dialect()).lastQuery(own, sequence.name()))
        .handle(
            (row, failure) -> {
              if (failure != null) {
                throw ErrorTranslation.translate(
                    withSqlException(failure),
                    detached(ctx),
                    SupportedDatabase.sequenceDialectOrNull(ctx.dialect()),
                    sequence.name(),
                    null);
              }
              return row == null ? null : row.value1();
            });
  }

  /** The call's statements, as the family's {@link SequenceDialect} issues them on JDBC. */
  private static CompletableFuture<Long> run(
      DSLContext ctx, SupportedDatabase database, Increment increment) {
    CounterTable table = database.counterTable();
    LockWait wait = increment.lockWait();
    return switch (database) {
      case POSTGRESQL -> {
        if (!wait.isBounded()) {
          yield upsertReturning(ctx, table, increment, "");
        }
        Field<Boolean> local = DSL.val(!increment.autoCommit());
        yield value(
                ctx.resultQuery(
                    PostgresSequenceDialect.SET_LOCK_TIMEOUT,
                    DSL.val(wait.millisRoundedUp() + "ms"),
                    local),
                String.class)
            .thenCompose(
                previous ->
                    restoringAfter(
                        increment,
                        () -> upsertReturning(ctx, table, increment, ""),
                        () ->
                            first(
                                ctx.resultQuery(
                                    PostgresSequenceDialect.RESTORE_LOCK_TIMEOUT,
                                    DSL.val(previous),
                                    local))));
      }
      case MARIADB ->
          upsertReturning(ctx, table, increment, MariaDbSequenceDialect.prefix(increment));
      case MYSQL -> {
        if (!wait.isBounded()) {
          yield upsertReadingInsertId(ctx, table, increment);
        }
        yield first(ctx.query(MySqlSequenceDialect.SET_LOCK_WAIT + wait.secondsRoundedUp()))
            .thenCompose(
                set ->
                    restoringAfter(
                        increment,
                        () -> upsertReadingInsertId(ctx, table, increment),
                        () -> first(ctx.query(MySqlSequenceDialect.RESTORE_LOCK_WAIT))));
      }
      case H2 -> {
        if (!wait.isBounded()) {
          yield h2Upsert(ctx, table, increment);
        }
        yield value(ctx.resultQuery(H2SequenceDialect.READ_LOCK_TIMEOUT), String.class)
            .thenCompose(
                previous ->
                    first(ctx.query(H2SequenceDialect.SET_LOCK_TIMEOUT + wait.millisRoundedUp()))
                        .thenCompose(
                            set ->
                                restoringAfter(
                                    increment,
                                    () -> h2Upsert(ctx, table, increment),
                                    () ->
                                        first(
                                            ctx.query(
                                                H2SequenceDialect.SET_LOCK_TIMEOUT
                                                    + Long.parseLong(previous))))));
      }
      default -> throw new AssertionError(database + " was refused before the connection");
    };
  }

  /** The upsert that returns the new value, after {@code prefix}; or the overflow's update. */
  private static CompletableFuture<Long> upsertReturning(
      DSLContext ctx, CounterTable table, Increment increment, String prefix) {
    if (increment.firstUseOverflows()) {
      return updateExisting(ctx, table, increment, prefix);
    }
    ResultQuery<?> upsert = table.upsertReturningLast(ctx, increment);
    return value(prefix.isEmpty() ? upsert : ctx.resultQuery(prefix + "{0}", upsert), Long.class);
  }

  /** {@link CounterTable#updateExisting}, as two statements in a row. */
  private static CompletableFuture<Long> updateExisting(
      DSLContext ctx, CounterTable table, Increment increment, String prefix) {
    return first(
            table.updateExistingQuery(
                ctx, increment, increment.lastAfter(CounterTable.last()), prefix))
        .thenCompose(
            updated -> {
              if (updated == null || updated == 0) {
                return CompletableFuture.failedFuture(CounterTable.firstUseOverflow(increment));
              }
              return value(table.lastQuery(ctx, increment.name()), Long.class);
            });
  }

  /** MySQL's upsert into {@code LAST_INSERT_ID(expr)} and its read, on the one connection. */
  private static CompletableFuture<Long> upsertReadingInsertId(
      DSLContext ctx, CounterTable table, Increment increment) {
    if (increment.firstUseOverflows()) {
      return updateExisting(ctx, table, increment, "");
    }
    return first(table.upsertIntoInsertIdTree(ctx, increment))
        .thenCompose(updated -> value(CounterTable.readLastInsertId(ctx), Long.class));
  }

  /**
   * H2's upsert, once more if it missed another transaction's uncommitted first use, as {@link
   * H2SequenceDialect} does.
   */
  private static CompletableFuture<Long> h2Upsert(
      DSLContext ctx, CounterTable table, Increment increment) {
    return upsertReturning(ctx, table, increment, "")
        .exceptionallyCompose(
            first -> {
              RuntimeException created = withSqlException(first);
              if (H2SequenceDialect.duplicateKeyIn(created) == null) {
                return CompletableFuture.failedFuture(created);
              }
              return upsertReturning(ctx, table, increment, "")
                  .exceptionallyCompose(
                      again -> {
                        RuntimeException invisible = withSqlException(again);
                        SQLException duplicate = H2SequenceDialect.duplicateKeyIn(invisible);
                        if (duplicate == null) {
                          return CompletableFuture.failedFuture(invisible);
                        }
                        return CompletableFuture.failedFuture(
                            new DataAccessException(
                                "the counter was created by a concurrent transaction that this"
                                    + " transaction cannot see",
                                new SQLTransactionRollbackException(
                                    invisible.getMessage(), "40001", duplicate)));
                      });
            });
  }

  /** {@link SessionLockTimeout#restoringAfter}, in stages. */
  private static CompletableFuture<Long> restoringAfter(
      Increment increment,
      Supplier<CompletableFuture<Long>> body,
      Supplier<CompletableFuture<?>> restore) {
    return body.get()
        .handle(
            (last, failure) -> {
              if (failure != null) {
                RuntimeException bodyFailure = withSqlException(failure);
                return restore
                    .get()
                    .handle(
                        (restored, restoreFailure) -> {
                          if (restoreFailure != null) {
                            bodyFailure.addSuppressed(unwrap(restoreFailure));
                          }
                          throw bodyFailure;
                        });
              }
              return restore
                  .get()
                  .handle(
                      (restored, restoreFailure) -> {
                        if (restoreFailure != null) {
                          throw new IssuedButNotRestoredException(
                              increment, last, withSqlException(restoreFailure));
                        }
                        return last;
                      });
            })
        .thenCompose(stage -> stage.thenApply(Long.class::cast));
  }

  /** The first column of the first row of {@code query}, which must return one. */
  private static <T> CompletableFuture<T> value(ResultQuery<?> query, Class<T> type) {
    return first(query)
        .thenApply(
            row -> {
              if (row == null) {
                throw new NoDataFoundException("no row from " + query.getSQL());
              }
              return ((Record) row).get(0, type);
            });
  }

  /** {@code call}, then the connection closed, whatever the call's outcome. */
  private static CompletableFuture<Long> closingAfter(
      Connection connection, CompletableFuture<Long> call) {
    return call.handle(
            (last, failure) ->
                first(connection.close())
                    .handle(
                        (closed, closeFailure) -> {
                          if (failure != null) {
                            RuntimeException e = withSqlException(failure);
                            if (closeFailure != null) {
                              e.addSuppressed(unwrap(closeFailure));
                            }
                            throw e;
                          }
                          if (closeFailure != null) {
                            throw withSqlException(closeFailure);
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

  /**
   * {@code failure} as a runtime exception whose cause chain has an {@link SQLException}, which
   * {@link ErrorTranslation} reads: an R2DBC driver's {@link R2dbcException} (its SQL state and
   * error code) becomes one, under a {@link DataAccessException} that keeps jOOQ's message.
   */
  static RuntimeException withSqlException(Throwable failure) {
    Throwable e = unwrap(failure);
    if (ErrorTranslation.sqlExceptionIn(e) == null) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof R2dbcException r2dbc) {
          SQLException sql =
              new SQLException(
                  r2dbc.getMessage(), r2dbc.getSqlState(), r2dbc.getErrorCode(), r2dbc);
          DataAccessException translated = new DataAccessException(e.getMessage(), sql);
          if (e != r2dbc) {
            translated.addSuppressed(e);
          }
          return translated;
        }
      }
    }
    return e instanceof RuntimeException runtime
        ? runtime
        : new DataAccessException(String.valueOf(e.getMessage()), e);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable e = failure;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
