package dev.sequences.jooq;

import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * The SQL that increments a counter on one family of databases. Implementations are stateless.
 *
 * <p>{@link #increment} runs on a context bound to one connection, inside the caller's transaction
 * (or in auto-commit mode, when the caller allowed it), and must take the row lock with its first
 * statement.
 */
interface SequenceDialect {

  /**
   * Takes the values of {@code increment} and returns the counter's new value: the last value issued.
   */
  long increment(DSLContext ctx, Increment increment);

  /** True if {@code e} says a lock could not be had in time (a NOWAIT failure or a lock timeout). */
  boolean isLockNotAvailable(SQLException e);

  /** True if {@code e} says a BIGINT computation left the type's range. */
  default boolean isOutOfRange(SQLException e) {
    return "22003".equals(e.getSQLState());
  }

  /** True if {@code e} says the counter table does not exist. */
  default boolean isMissingTable(SQLException e) {
    return "42P01".equals(e.getSQLState()) || "42S02".equals(e.getSQLState());
  }

  /**
   * The implementation for {@code dialect}.
   *
   * @throws UnsupportedOperationException naming the dialect if it is not supported
   */
  static SequenceDialect of(SQLDialect dialect) {
    SequenceDialect found = ofOrNull(dialect);
    if (found == null) {
      throw new UnsupportedOperationException(
          "GaplessSequence does not support the jOOQ dialect "
              + dialect
              + "; supported dialects are POSTGRES, MARIADB, MYSQL, H2, HSQLDB and SQLITE");
    }
    return found;
  }

  /** The implementation for {@code dialect}, or null if it is not supported. */
  static SequenceDialect ofOrNull(SQLDialect dialect) {
    return switch (dialect.family()) {
      case POSTGRES -> PostgresSequenceDialect.INSTANCE;
      case MARIADB -> MariaDbSequenceDialect.INSTANCE;
      case MYSQL -> MySqlSequenceDialect.INSTANCE;
      case H2 -> H2SequenceDialect.INSTANCE;
      case HSQLDB -> HsqldbSequenceDialect.INSTANCE;
      case SQLITE -> SqliteSequenceDialect.INSTANCE;
      default -> null;
    };
  }
}
