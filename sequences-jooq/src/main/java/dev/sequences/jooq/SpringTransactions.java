package dev.sequences.jooq;

import java.sql.Connection;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Whether a connection belongs to the current Spring-managed transaction. Spring is an optional
 * dependency: {@link TransactionBinding} loads this class only when Spring's transaction support is
 * on the classpath. Costs a thread-local lookup and a walk over the thread's bound resources, no
 * round trip.
 */
final class SpringTransactions {

  private SpringTransactions() {}

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
