package dev.sequences.schema;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that hands out one connection it does not own (the migration lock's) whenever that
 * one is not in use, and the connections of another data source otherwise. Closing the shared
 * connection only makes it available again; its owner closes it.
 */
final class SharedConnection implements DataSource {

  private final DataSource others;
  private final Connection shared;
  private boolean inUse;

  SharedConnection(DataSource others, Connection shared) {
    this.others = others;
    this.shared = shared;
  }

  @Override
  public Connection getConnection() throws SQLException {
    synchronized (this) {
      if (!inUse) {
        inUse = true;
        return handle();
      }
    }
    return others.getConnection();
  }

  /** The shared connection, whose {@code close} gives it back instead of closing it. */
  private Connection handle() {
    boolean[] closed = {false};
    return (Connection)
        Proxy.newProxyInstance(
            SharedConnection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close" -> {
                  synchronized (this) {
                    if (!closed[0]) {
                      closed[0] = true;
                      inUse = false;
                    }
                  }
                  return null;
                }
                case "isClosed" -> {
                  return closed[0] || shared.isClosed();
                }
                case "equals" -> {
                  return proxy == args[0];
                }
                case "hashCode" -> {
                  return System.identityHashCode(proxy);
                }
                default -> {
                  try {
                    return method.invoke(shared, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return others.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return others.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    others.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    others.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return others.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return others.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return others.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return others.isWrapperFor(iface);
  }
}
