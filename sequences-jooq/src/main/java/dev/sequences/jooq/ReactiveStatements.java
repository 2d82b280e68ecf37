package dev.sequences.jooq;

import io.r2dbc.spi.R2dbcException;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.NoDataFoundException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The statements of a call on R2DBC, as stages: {@link CounterTable}'s jOOQ queries run through
 * jOOQ's publishers and completed into {@link CompletableFuture}s, for the {@link SequenceDialect}s
 * whose {@code incrementReactive} chains them and for {@link ReactiveCalls}.
 */
final class ReactiveStatements {

  private ReactiveStatements() {}

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

  /** The upsert that returns the new value, after {@code prefix}; or the overflow's update. */
  static CompletableFuture<Long> upsertReturning(
      DSLContext ctx, CounterTable table, Increment increment, String prefix) {
    if (increment.firstUseOverflows()) {
      return updateExisting(ctx, table, increment, prefix);
    }
    ResultQuery<?> upsert = table.upsertReturningLast(ctx, increment);
    return value(prefix.isEmpty() ? upsert : ctx.resultQuery(prefix + "{0}", upsert), Long.class);
  }

  /** {@link CounterTable#updateExisting}, as two statements in a row. */
  static CompletableFuture<Long> updateExisting(
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
  static CompletableFuture<Long> upsertReadingInsertId(
      DSLContext ctx, CounterTable table, Increment increment) {
    if (increment.firstUseOverflows()) {
      return updateExisting(ctx, table, increment, "");
    }
    return first(table.upsertIntoInsertIdTree(ctx, increment))
        .thenCompose(updated -> value(CounterTable.readLastInsertId(ctx), Long.class));
  }

  /** {@link SessionLockTimeout#restoringAfter}, in stages. */
  static CompletableFuture<Long> restoringAfter(
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
  static <T> CompletableFuture<T> value(ResultQuery<?> query, Class<T> type) {
    return first(query)
        .thenApply(
            row -> {
              if (row == null) {
                throw new NoDataFoundException("no row from " + query.getSQL());
              }
              return ((Record) row).get(0, type);
            });
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

  static Throwable unwrap(Throwable failure) {
    Throwable e = failure;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
