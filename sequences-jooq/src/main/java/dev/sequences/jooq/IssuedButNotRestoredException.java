package dev.sequences.jooq;

import org.jooq.exception.DataAccessException;

/**
 * Values were issued in the caller's transaction, but the session setting that bounded the wait
 * could not be restored afterwards. Not public: callers see a {@link DataAccessException} whose
 * message says which values the transaction holds and to roll it back.
 */
final class IssuedButNotRestoredException extends DataAccessException {

  private static final long serialVersionUID = 1L;

  IssuedButNotRestoredException(Increment increment, long last, RuntimeException cause) {
    super(
        Names.describe(increment.name())
            + " issued "
            + (increment.count() == 1
                ? "value " + last
                : "values " + (last - increment.count() + 1) + ".." + last)
            + (increment.autoCommit()
                ? ", committed at once (auto-commit mode),"
                : " in this transaction,")
            + " but the session's lock timeout could not be restored afterwards ("
            + cause.getMessage()
            + "). Roll the transaction back, which gives the values back, and do not reuse the"
            + " connection's session as it is",
        cause);
  }
}
