package dev.sequences.jooq;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Whether a connection belongs to the current Spring-managed transaction. Spring is an optional
 * dependency: {@link TransactionBinding} loads this class only when Spring's transaction support is
 * on the classpath. Costs a thread-local lookup and a walk over the thread's bound resources, no
 * round trip.
 */
final class SpringTransactions {

  private SpringTransactions() {}

  /** The key of the current Spring transaction's pending requests among its resources. */
  private static final Object REQUESTS = new Object();

  /**
   * Adds {@code request} to those the current Spring transaction issues just before it commits (one
   * transaction synchronization per transaction, in the fixed order); false if no synchronization
   * is active on this thread.
   */
  @SuppressWarnings("unchecked")
  static boolean beforeCommit(BeforeCommitNumbering.Request request) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return false;
    }
    List<BeforeCommitNumbering.Request> requests =
        (List<BeforeCommitNumbering.Request>)
            TransactionSynchronizationManager.getResource(REQUESTS);
    if (requests == null) {
      List<BeforeCommitNumbering.Request> pending = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(REQUESTS, pending);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              BeforeCommitNumbering.issueAll(pending);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(REQUESTS);
            }
          });
      requests = pending;
    }
    requests.add(request);
    return true;
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
}
