package dev.sequences.testfixtures;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/** Connections whose commit fails as a lost connection does (SQL state 08006). */
public final class CommitFails {

  private CommitFails() {}

  /** Connections of {@code dataSource} whose commit fails as a lost connection does. */
  public static ConnectionProvider on(DataSource dataSource) {
    return new ConnectionProvider() {
      @Override
      public Connection acquire() {
        try {
          Connection real = dataSource.getConnection();
          return (Connection)
              Proxy.newProxyInstance(
                  CommitFails.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                      throw new SQLException("connection lost during commit", "08006");
                    }
                    try {
                      return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
        } catch (SQLException e) {
          throw new DataAccessException("cannot connect", e);
        }
      }

      @Override
      public void release(Connection connection) {
        try {
          connection.close();
        } catch (SQLException e) {
          throw new DataAccessException("cannot close", e);
        }
      }
    };
  }
}
