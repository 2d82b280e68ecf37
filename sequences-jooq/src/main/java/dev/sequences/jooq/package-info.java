/**
 * Gapless sequences issued inside the caller's jOOQ transaction. The public types, and nothing else
 * in the library is API:
 *
 * <ul>
 *   <li>{@link dev.sequences.jooq.GaplessSequence}: a named sequence and its calls.
 *   <li>{@link dev.sequences.jooq.LockWait}: how long a call waits for a held sequence.
 *   <li>{@link dev.sequences.jooq.ValueRange}: consecutive values issued by one call.
 *   <li>{@link dev.sequences.jooq.SequenceLockedException}: a wait that ran out.
 *   <li>{@link dev.sequences.jooq.CounterTableMissingException}: the counter table is not there.
 *   <li>{@link dev.sequences.jooq.BeforeCommitNumbering}: the jOOQ hook of numbering at commit.
 *   <li>{@link dev.sequences.jooq.ContainerManagedTransactions}: declares JTA-managed
 *       configurations.
 *   <li>{@link dev.sequences.jooq.SequenceCounters}: the counters for operators (list, set).
 *   <li>{@link dev.sequences.jooq.SupportedDatabase}: the databases supported, recognised once.
 *   <li>{@link dev.sequences.jooq.TransactionRetry}: runs a whole transaction again after a
 *       serialization failure, a deadlock or a Galera certification conflict.
 *   <li>{@link dev.sequences.jooq.SequenceListener}: the hook for metrics, told each call's {@link
 *       dev.sequences.jooq.SequenceEvent}.
 *   <li>{@link dev.sequences.jooq.SequenceEvent}: what one call did and how it ended.
 *   <li>{@link dev.sequences.jooq.ReservedCounters}: {@link org.jooq.Internal internal}, public
 *       only for the sequences-series module; not an API.
 * </ul>
 *
 * <h2>What is guaranteed</h2>
 *
 * <ul>
 *   <li><b>In the caller's transaction.</b> A value is issued through the {@code DSLContext} passed
 *       to the call, on its connection, in its transaction. The library never begins, commits or
 *       rolls back a transaction (except {@code TransactionRetry}, which begins each attempt's). If
 *       the transaction rolls back (also to a savepoint), the value is given back and the next
 *       caller receives it; once it commits, no other transaction receives it (a looping sequence
 *       aside, see below).
 *   <li><b>Serialized by a row lock.</b> Concurrent transactions that take the same sequence are
 *       serialized by the lock on its counter row, on first use too: the second waits until the
 *       first commits (it then receives the next value) or rolls back (it then receives the same
 *       value). Transactions on different sequences do not wait for each other, except on SQLite
 *       and HSQLDB, where one transaction writes the table at a time.
 *   <li><b>No gap, no duplicate.</b> The committed values of a sequence are its initial value and
 *       the values after it, none missing and none twice, also under concurrency and when sessions
 *       are killed or the server restarts mid-transaction (a transaction that fails gives its
 *       values back like any rollback), provided that values are issued only by {@code
 *       GaplessSequence} (or django-sequences on the same table) in transactions that are committed
 *       or rolled back, and that the counter is changed by nothing else: not edited by hand, not
 *       moved backwards with {@link dev.sequences.jooq.SequenceCounters#set}, not deleted with
 *       {@link dev.sequences.jooq.GaplessSequence#delete}.
 *   <li><b>Only where a value belongs to a transaction.</b> A value is issued only in a jOOQ
 *       transaction (also with {@code ThreadLocalTransactionProvider}), on a {@code Connection} the
 *       caller manages, in a Spring-managed transaction, or on a configuration declared with {@link
 *       dev.sequences.jooq.ContainerManagedTransactions}. Anywhere else, such as a pooled
 *       connection out of auto-commit mode outside any transaction, the call throws {@link
 *       java.lang.IllegalStateException} before any SQL.
 *   <li><b>Checked before any SQL.</b> Arguments are checked before any statement runs. Names
 *       compare exactly on every database and are bound, never concatenated into SQL. No value
 *       passes {@link java.lang.Long#MAX_VALUE} or wraps around.
 * </ul>
 *
 * <h2>What is not guaranteed</h2>
 *
 * <ul>
 *   <li><b>No reservation across transactions.</b> A value belongs to the transaction that took it
 *       until that transaction ends; only its commit makes it final. {@link
 *       dev.sequences.jooq.GaplessSequence#lastValue} is a plain read: another transaction may
 *       issue the next value at once.
 *   <li><b>Looping sequences repeat.</b> A sequence made with {@link
 *       dev.sequences.jooq.GaplessSequence#resettingAt} issues its values again after each reset,
 *       by design.
 *   <li><b>Auto-commit only when asked for.</b> On a connection in auto-commit mode a value is
 *       issued only by a sequence made with {@link
 *       dev.sequences.jooq.GaplessSequence#allowingAutoCommit()}, and it is committed at once: if
 *       the work that uses it fails, that number is missing.
 *   <li><b>Waits are bounded per database.</b> {@link dev.sequences.jooq.LockWait#WAIT} waits as
 *       long as the database lets a statement wait for a lock (unbounded on PostgreSQL by default
 *       and on HSQLDB, {@code innodb_lock_wait_timeout} on MySQL and MariaDB, {@code LOCK_TIMEOUT}
 *       on H2, {@code busy_timeout} on SQLite). Bounded waits are counted in whole seconds, rounded
 *       up, on MySQL and MariaDB (MySQL's {@code NOWAIT} waits up to one second), and refused on
 *       HSQLDB, which cannot bound a lock wait.
 *   <li><b>Some transactions must run again.</b> A deadlock or serialization failure (SQL state
 *       class 40, for instance at REPEATABLE READ or SERIALIZABLE on PostgreSQL) rolls the
 *       transaction back or leaves it unusable; the caller runs it again. Take several sequences in
 *       one fixed order, or two transactions can deadlock. Keep transactions that hold a sequence
 *       short: every other transaction that wants it waits.
 * </ul>
 *
 * <p>The guarantees guide (docs/guarantees.md) details each guarantee with the test that proves it
 * on every supported database.
 *
 * <p>Null-marked: no parameter, return value or field here is null unless it is declared {@link
 * org.jspecify.annotations.Nullable @Nullable}; NullAway checks this at build time.
 */
@NullMarked
package dev.sequences.jooq;

import org.jspecify.annotations.NullMarked;
