package dev.sequences.bench.interleaved;

import dev.sequences.bench.BenchDatabase;
import dev.sequences.jooq.GaplessSequence;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * The statement the library sends for one {@code nextValue} of a sequence, as it reaches the
 * connection: its text, its bind values with the setter used for each, and how it was executed.
 * Recorded once from the library's own call on a connection that notes what it is sent, so that
 * {@link #send} repeats exactly that, whatever the library's version renders.
 */
record LibraryStatement(String sql, List<Bind> binds, boolean executeQuery) {

  /** One bind value: {@code setLong} for a {@code Long}, {@code setString} for a {@code String}. */
  record Bind(int index, Object value) {}

  /**
   * Records what {@code sequence.nextValue} sends on {@code db}: three calls on one connection out
   * of auto-commit (the first may render through jOOQ), the last call's statements kept, the
   * transaction rolled back.
   *
   * @throws IllegalStateException if the call sent anything but one prepared statement with long
   *     and string binds
   */
  static LibraryStatement of(BenchDatabase db, GaplessSequence sequence) throws SQLException {
    try (Connection connection = db.pool.getConnection()) {
      connection.setAutoCommit(false);
      List<Recorder> sent = new ArrayList<>();
      Connection recording = recording(connection, sent);
      try {
        for (int call = 0; call < 3; call++) {
          sent.clear();
          sequence.nextValue(DSL.using(recording, db.dsl.dialect()));
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
      if (sent.size() != 1 || !sent.get(0).replayable()) {
        throw new IllegalStateException(
            "one nextValue sent " + sent + ", expected one prepared statement to repeat");
      }
      Recorder one = sent.get(0);
      return new LibraryStatement(one.sql, List.copyOf(one.binds), one.executeQuery);
    }
  }

  /** Sends the statement on {@code connection} and returns the value it gives back. */
  long send(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Bind bind : binds) {
        if (bind.value() instanceof Long value) {
          statement.setLong(bind.index(), value);
        } else {
          statement.setString(bind.index(), (String) bind.value());
        }
      }
      if (executeQuery) {
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          return rows.getLong(1);
        }
      }
      statement.execute();
      try (ResultSet rows = statement.getResultSet()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** One prepared statement as the library used it. */
  private static final class Recorder {
    final String sql;
    final List<Bind> binds = new ArrayList<>();

    /** What {@link #send} would not repeat: other setters, options, other statements. */
    final List<String> unlike = new ArrayList<>();

    Boolean executeQuery;

    Recorder(String sql) {
      this.sql = sql;
    }

    boolean replayable() {
      return unlike.isEmpty() && executeQuery != null;
    }

    @Override
    public String toString() {
      return sql + " " + binds + (executeQuery == null ? " (not executed)" : "") + " " + unlike;
    }
  }

  /** {@code connection}, noting in {@code sent} each statement prepared on it. */
  private static Connection recording(Connection connection, List<Recorder> sent) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object result = invoke(connection, method, args);
          if (method.getName().equals("prepareStatement")) {
            Recorder recorder = new Recorder((String) args[0]);
            if (args.length > 1) {
              recorder.unlike.add("prepareStatement with options");
            }
            sent.add(recorder);
            return recording((PreparedStatement) result, recorder);
          }
          if (method.getName().equals("prepareCall")
              || method.getName().equals("createStatement")) {
            Recorder other = new Recorder(method.getName());
            other.unlike.add(method.getName());
            sent.add(other);
          }
          return result;
        };
    return proxy(Connection.class, handler);
  }

  private static PreparedStatement recording(PreparedStatement statement, Recorder recorder) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object result = invoke(statement, method, args);
          switch (method.getName()) {
            case "setLong", "setString" -> recorder.binds.add(new Bind((Integer) args[0], args[1]));
            case "executeQuery" -> recorder.executeQuery = true;
            case "execute" -> recorder.executeQuery = false;
            case "executeUpdate", "executeLargeUpdate", "addBatch" ->
                recorder.unlike.add(method.getName());
            default -> {
              if (method.getName().startsWith("set") && args != null && args.length >= 2) {
                recorder.unlike.add(method.getName());
              }
            }
          }
          return result;
        };
    return proxy(PreparedStatement.class, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            LibraryStatement.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
