package dev.sequences.jooq;

import org.jooq.exception.DataAccessException;

/**
 * The counter table (or, for a number series, its ledger beside it) does not exist where the
 * context's render mapping points: create it with {@code SequencesSchema.migrate}. Nothing was
 * issued or changed. The database's error stays available as the cause, with its SQL state ({@link
 * #sqlState()}).
 */
public class CounterTableMissingException extends DataAccessException {

  private static final long serialVersionUID = 1L;

  /** The missing counter table, as the context renders it. */
  private final String table;

  /**
   * Creates the exception.
   *
   * @param table the missing table as the context renders it
   * @param message what happened and what to do
   * @param cause the database's error
   */
  public CounterTableMissingException(String table, String message, Throwable cause) {
    super(message, cause);
    this.table = table;
  }

  /**
   * The missing table: the counter table, or a number series' ledger.
   *
   * @return the table as the context renders it (schema-qualified where mapped so)
   */
  public String table() {
    return table;
  }
}
