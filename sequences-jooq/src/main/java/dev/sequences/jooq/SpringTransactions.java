package dev.sequences.jooq;

import java.sql.Connection;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Whether a connection belongs to the current Spring-managed transaction, and numbering at commit
 * in one. Spring is an optional dependency: {@link TransactionBinding} loads this class only when
 * Spring's transaction support is on the classpath. Costs a thread-local lookup and a walk over the
 * thread's bound resources, no round trip.
 */
final class SpringTransactions {

  private SpringTransactions() {}

  /** The key of the current Spring transaction's pending requests among its resources. */
  private static final Object REQUESTS = new Object();

  /**
   * Adds {@code request} to those the current Spring transaction issues just before it commits;
   * false if no transaction synchronization is active on this thread.
   *
   * @throws IllegalStateException if synchronization is active but no transaction is ({@code
   *     SUPPORTS}, {@code NOT_SUPPORTED} or {@code NEVER} outside a transaction): there is no
   *     commit to number at
   */
  static boolean beforeCommit(BeforeCommitNumbering.Request request) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return false;
    }
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          Names.describe(request.sequence().name())
              + ": nextValueBeforeCommit needs a transaction to number at its commit, and this"
              + " Spring scope has none (SUPPORTS, NOT_SUPPORTED, NEVER); nothing was registered."
              + " Call it inside a transaction");
    }
    Numbering numbering = (Numbering) TransactionSynchronizationManager.getResource(REQUESTS);
    if (numbering != null && numbering.issued) {
      throw new IllegalStateException(
          Names.describe(request.sequence().name())
              + ": nextValueBeforeCommit was called while the transaction commits, after its"
              + " requests were issued (from another synchronization's beforeCommit,"
              + " beforeCompletion or afterCommit); nothing was registered. Make the request"
              + " before the commit starts");
    }
    if (numbering == null) {
      numbering = new Numbering();
      TransactionSynchronizationManager.bindResource(REQUESTS, numbering);
      TransactionSynchronizationManager.registerSynchronization(numbering);
    }
    numbering.pending.add(request);
    return true;
  }

  /**
   * One Spring transaction's requests. Unbound while the transaction is suspended ({@code
   * REQUIRES_NEW}, {@code NOT_SUPPORTED}), so that the inner transaction gets its own.
   */
  private static final class Numbering implements TransactionSynchronization {
    final BeforeCommitNumbering.Pending pending = new BeforeCommitNumbering.Pending();

    /** True once the requests were issued: a later one would never be (a silent drop). */
    boolean issued;

    @Override
    public void suspend() {
      TransactionSynchronizationManager.unbindResource(REQUESTS);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.bindResource(REQUESTS, this);
    }

    @Override
    public void savepoint(Object savepoint) {
      pending.begin(savepoint);
    }

    @Override
    public void savepointRollback(Object savepoint) {
      // A savepoint this synchronization did not see was made before its first request.
      if (!pending.rollBackTo(savepoint)) {
        pending.dropAll();
      }
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      try {
        pending.issueAll();
      } finally {
        issued = true;
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(REQUESTS);
    }
  }

  /**
   * True if a Spring transaction is active on this thread and {@code connection} (or, for the proxy
   * that {@code TransactionAwareDataSourceProxy} hands out, its target) is the connection that the
   * transaction manager ({@code DataSourceTransactionManager}, {@code JdbcTransactionManager})
   * bound to it, as {@code DataSourceUtils.getConnection} returns it.
   */
  @SuppressWarnings("ReferenceEquality") // the same connection object, not an equal one
  static boolean isBound(Connection connection) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      return false;
    }
    Connection target =
        connection instanceof ConnectionProxy proxy ? proxy.getTargetConnection() : connection;
    for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
      if (resource instanceof ConnectionHolder holder
          && holder.getConnectionHandle() != null
          && holder.getConnection() == target) {
        return true;
      }
    }
    return false;
  }

  /** True if a Spring transaction is active on this thread. */
  static boolean isTransactionActive() {
    return TransactionSynchronizationManager.isActualTransactionActive();
  }
}
