package dev.sequences.jooq;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * H2 2.x: one statement per call, an upsert whose new value is read through H2's data change delta
 * table ({@code SELECT ... FROM FINAL TABLE (MERGE INTO ...)}), as jOOQ renders {@code ON CONFLICT
 * DO UPDATE ... RETURNING} for H2; a second one when the call raced another transaction's first use
 * of the sequence. A bounded wait sets the session's {@code LOCK_TIMEOUT} (milliseconds) and
 * restores it after.
 */
final class H2SequenceDialect implements SequenceDialect, ReactiveSequenceDialect {

  static final H2SequenceDialect INSTANCE = new H2SequenceDialect();

  /** H2's LOCK_TIMEOUT_1. */
  private static final int LOCK_TIMEOUT = 50200;

  /** H2's DUPLICATE_KEY_1. */
  private static final int DUPLICATE_KEY = 23505;

  /** H2's TABLE_OR_VIEW_NOT_FOUND_1, _WITH_CANDIDATES_2 and _DATABASE_EMPTY_1. */
  private static final int TABLE_NOT_FOUND = 42102;

  private static final int TABLE_NOT_FOUND_WITH_CANDIDATES = 42103;

  private static final int TABLE_NOT_FOUND_DATABASE_EMPTY = 42104;

  /** Reads the session's lock timeout, in milliseconds. */
  static final String READ_LOCK_TIMEOUT = "select lock_timeout()";

  /** Sets the session's lock timeout to the milliseconds after it. */
  static final String SET_LOCK_TIMEOUT = "set lock_timeout ";

  private H2SequenceDialect() {}

  @Override
  public long increment(DSLContext ctx, CounterTable table, Increment increment) {
    return SessionLockTimeout.aroundMillis(
        ctx, increment, READ_LOCK_TIMEOUT, SET_LOCK_TIMEOUT, () -> upsert(ctx, table, increment));
  }

  private static long upsert(DSLContext ctx, CounterTable table, Increment increment) {
    try {
      return table.returningLast(ctx, increment);
    } catch (RuntimeException createdByAnotherTransaction) {
      // MERGE missed another transaction's uncommitted first use; its row is visible now, except
      // in a REPEATABLE READ or SERIALIZABLE snapshot, where the second try fails too (run again).
      if (duplicateKeyIn(createdByAnotherTransaction) == null) {
        throw createdByAnotherTransaction;
      }
      try {
        return table.returningLast(ctx, increment);
      } catch (RuntimeException stillInvisible) {
        SQLException duplicate = duplicateKeyIn(stillInvisible);
        if (duplicate == null) {
          throw stillInvisible;
        }
        throw new DataAccessException(
            "the counter was created by a concurrent transaction that this transaction cannot see",
            new SQLTransactionRollbackException(stillInvisible.getMessage(), "40001", duplicate));
      }
    }
  }

  /**
   * H2's duplicate key error in {@code e}'s cause chain, whatever wraps it (jOOQ, or an
   * ExecuteListener's own exception such as Spring's); null if there is none.
   */
  static @Nullable SQLException duplicateKeyIn(RuntimeException e) {
    SQLException sql = ErrorTranslation.sqlExceptionIn(e);
    return sql != null && sql.getErrorCode() == DUPLICATE_KEY ? sql : null;
  }

  @Override
  public boolean isLockNotAvailable(SQLException e) {
    return e.getErrorCode() == LOCK_TIMEOUT;
  }

  /**
   * On H2 the name is {@code CONCAT(?, '')}. jOOQ casts binds there, and under H2's {@code
   * IGNORECASE=TRUE} {@code CAST(? AS VARCHAR)} is a {@code VARCHAR_IGNORECASE}, which compares
   * case-insensitively even with a case-sensitive column: {@code invoices} would find the row of
   * {@code Invoices}. A cast to {@code VARCHAR_CASESENSITIVE} is not enough: H2 parses a derived
   * table (jOOQ's MERGE reads the name from one) again from its text, where that type has become
   * {@code CHARACTER VARYING}. CONCAT always returns a case-sensitive VARCHAR, and H2 still looks
   * the name up in the primary key.
   */
  @Override
  public Field<String> nameValue(String name) {
    return DSL.field("concat(?, '')", SQLDataType.VARCHAR, name);
  }

  /** H2's "table not found" errors: plain, with candidates, and in an empty database. */
  @Override
  public boolean isMissingTable(SQLException e) {
    return e.getErrorCode() == TABLE_NOT_FOUND
        || e.getErrorCode() == TABLE_NOT_FOUND_WITH_CANDIDATES
        || e.getErrorCode() == TABLE_NOT_FOUND_DATABASE_EMPTY;
  }

  @Override
  public CompletableFuture<Long> incrementReactive(
      DSLContext ctx, CounterTable table, Increment increment) {
    if (!increment.lockWait().isBounded()) {
      return upsertReactive(ctx, table, increment);
    }
    return ReactiveStatements.value(ctx.resultQuery(READ_LOCK_TIMEOUT), String.class)
        .thenCompose(
            previous ->
                ReactiveStatements.first(
                        ctx.query(SET_LOCK_TIMEOUT + increment.lockWait().millisRoundedUp()))
                    .thenCompose(
                        set ->
                            ReactiveStatements.restoringAfter(
                                increment,
                                () -> upsertReactive(ctx, table, increment),
                                () ->
                                    ReactiveStatements.first(
                                        ctx.query(SET_LOCK_TIMEOUT + Long.parseLong(previous))))));
  }

  /**
   * The upsert on R2DBC, once more if it missed another transaction's uncommitted first use, as
   * {@link #increment} does.
   */
  private static CompletableFuture<Long> upsertReactive(
      DSLContext ctx, CounterTable table, Increment increment) {
    return ReactiveStatements.upsertReturning(ctx, table, increment, "")
        .exceptionallyCompose(
            first -> {
              RuntimeException created = ReactiveStatements.withSqlException(first);
              if (duplicateKeyIn(created) == null) {
                return CompletableFuture.failedFuture(created);
              }
              return ReactiveStatements.upsertReturning(ctx, table, increment, "")
                  .exceptionallyCompose(
                      again -> {
                        RuntimeException invisible = ReactiveStatements.withSqlException(again);
                        SQLException duplicate = duplicateKeyIn(invisible);
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
}
