package dev.sequences.jooq;

import org.jooq.exception.DataAccessException;

/**
 * A sequence could not be taken because another transaction holds it, and the call's {@link
 * LockWait} (or the database's own lock-wait limit) ran out.
 *
 * <p>When this is thrown, the sequence's counter is unchanged. The database's error stays available
 * as the cause, with its SQL state ({@link #sqlState()}). On PostgreSQL, as after any failed
 * statement, the transaction can no longer be used: roll it back (or roll back to a savepoint)
 * before trying again. On MariaDB (and MySQL dialect) and H2 the transaction stays usable.
 */
public class SequenceLockedException extends DataAccessException {

  private static final long serialVersionUID = 1L;

  /** The name of the sequence that could not be taken. */
  private final String sequenceName;

  /**
   * Creates the exception.
   *
   * @param sequenceName the sequence that could not be taken
   * @param message what happened and what to do
   * @param cause the database's error
   */
  public SequenceLockedException(String sequenceName, String message, Throwable cause) {
    super(message, cause);
    this.sequenceName = sequenceName;
  }

  /** {@return the name of the sequence that could not be taken} */
  public String sequenceName() {
    return sequenceName;
  }
}
