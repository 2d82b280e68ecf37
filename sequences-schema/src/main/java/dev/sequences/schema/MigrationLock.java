package dev.sequences.schema;

import dev.sequences.jooq.SupportedDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The lock that {@link SequencesSchema#migrate(DataSource, String, String)} holds around the whole
 * migration of one counter table, so that application instances starting at once migrate it one
 * after the other. Flyway alone is not enough: concurrent first migrations of a schema fail (its
 * history table is created, and baselined, before its own lock is taken).
 *
 * <p>Keyed by the schema (the connection's current one when none is given) and the table: other
 * counter tables migrate in parallel.
 *
 * <ul>
 *   <li>PostgreSQL: a session-level advisory lock ({@code pg_advisory_lock}, keyed by 64 bits of a
 *       SHA-256 of the schema and table) on a connection of its own, held until the migration ends.
 *   <li>MySQL and MariaDB: a named lock ({@code GET_LOCK}, {@code RELEASE_LOCK}) on a connection of
 *       its own, named {@code sequences migration <schema>.<table>} (hashed beyond 64 characters).
 *   <li>H2, HSQLDB and SQLite have no such lock: a lock inside this JVM, keyed by the JDBC URL too,
 *       serializes one application's threads. Processes sharing one H2 server or SQLite file rely
 *       on Flyway alone.
 * </ul>
 *
 * <p>Every wait is bounded by {@link #WAIT}. Ending the lock's connection (a crash, a killed
 * session) releases the lock; if the release fails, the connection is aborted, so that a pool
 * cannot keep the lock alive on an idle connection.
 */
final class MigrationLock implements AutoCloseable {

  /** The longest wait for another process's migration of the same table. */
  static final Duration WAIT = Duration.ofMinutes(5);

  private static final Map<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private static final int MAX_LOCK_NAME = 64;

  /** A JDBC action. */
  @FunctionalInterface
  private interface SqlAction {
    void run() throws SQLException;
  }

  private final Runnable release;

  /** The connection that holds the lock, or null for a lock inside this JVM. */
  private final @Nullable Connection holder;

  private MigrationLock(Runnable release, @Nullable Connection holder) {
    this.release = release;
    this.holder = holder;
  }

  /**
   * {@code dataSource}, but handing out the lock's own connection whenever it is not in use, so
   * that the migration needs no more connections than Flyway alone (a pool of two suffices on
   * PostgreSQL, where Flyway holds two). Closing the connection handed out gives it back to the
   * lock.
   */
  DataSource sharing(DataSource dataSource) {
    return holder == null ? dataSource : new SharedConnection(dataSource, holder);
  }

  /**
   * Takes the lock of {@code table} in {@code schema} (null: the connection's current schema).
   *
   * @throws IllegalStateException if it was not free within {@link #WAIT}, or on a database error
   */
  static MigrationLock take(
      DataSource dataSource, SupportedDatabase database, @Nullable String schema, String table) {
    try {
      return switch (database) {
        case POSTGRESQL -> advisoryLock(dataSource, database, schema, table);
        case MARIADB, MYSQL -> namedLock(dataSource, database, schema, table);
        case H2, HSQLDB, SQLITE -> jvmLock(dataSource, database, schema, table);
      };
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not take the migration lock of the sequences table " + table + ": " + e, e);
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    release.run();
  }

  private static MigrationLock advisoryLock(
      DataSource dataSource, SupportedDatabase database, @Nullable String schema, String table)
      throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      String subject = subject(connection, database, schema, table);
      long key = ByteBuffer.wrap(sha256(subject)).getLong();
      boolean autoCommit = connection.getAutoCommit();
      // lock_timeout bounds the wait; SET LOCAL ends with this transaction, the lock does not.
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement();
          PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?)")) {
        statement.execute("set local lock_timeout = '" + WAIT.toMillis() + "ms'");
        lock.setLong(1, key);
        lock.execute();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        if ("55P03".equals(e.getSQLState())) {
          throw busy(subject);
        }
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      return new MigrationLock(
          () ->
              releaseOrAbort(
                  connection,
                  () -> {
                    try (PreparedStatement unlock =
                        connection.prepareStatement("select pg_advisory_unlock(?)")) {
                      unlock.setLong(1, key);
                      unlock.execute();
                    }
                  }),
          connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private static MigrationLock namedLock(
      DataSource dataSource, SupportedDatabase database, @Nullable String schema, String table)
      throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      String subject = subject(connection, database, schema, table);
      String name =
          subject.length() <= MAX_LOCK_NAME
              ? subject
              : "sequences migration " + HexFormat.of().formatHex(sha256(subject), 0, 20);
      try (PreparedStatement lock = connection.prepareStatement("select get_lock(?, ?)")) {
        lock.setString(1, name);
        lock.setLong(2, WAIT.toSeconds());
        try (ResultSet result = lock.executeQuery()) {
          result.next();
          int got = result.getInt(1);
          if (result.wasNull()) {
            throw new SQLException("GET_LOCK('" + name + "') failed");
          }
          if (got != 1) {
            throw busy(subject);
          }
        }
      }
      endTransaction(connection);
      return new MigrationLock(
          () ->
              releaseOrAbort(
                  connection,
                  () -> {
                    try (PreparedStatement unlock =
                        connection.prepareStatement("select release_lock(?)")) {
                      unlock.setString(1, name);
                      unlock.execute();
                    }
                  }),
          connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private static MigrationLock jvmLock(
      DataSource dataSource, SupportedDatabase database, @Nullable String schema, String table)
      throws SQLException {
    String subject;
    try (Connection connection = dataSource.getConnection()) {
      subject =
          subject(connection, database, schema, table) + " at " + connection.getMetaData().getURL();
    }
    ReentrantLock lock = JVM_LOCKS.computeIfAbsent(subject, s -> new ReentrantLock());
    try {
      if (!lock.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw busy(subject);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the " + subject, e);
    }
    return new MigrationLock(lock::unlock, null);
  }

  /** What the lock is named after: {@code sequences migration <schema>.<table>}. */
  private static String subject(
      Connection connection, SupportedDatabase database, @Nullable String schema, String table)
      throws SQLException {
    String where =
        schema != null
            ? schema
            : database.schemaIsCatalog() ? connection.getCatalog() : connection.getSchema();
    return "sequences migration " + where + "." + table;
  }

  /**
   * Runs {@code release} and closes the connection; aborts the connection instead (which ends its
   * session, and the lock with it) if the release fails.
   */
  private static void releaseOrAbort(Connection connection, SqlAction release) {
    try (connection) {
      try {
        release.run();
        endTransaction(connection);
      } catch (SQLException e) {
        connection.abort(Runnable::run);
      }
    } catch (SQLException e) {
      // The session has ended, and its lock with it.
    }
  }

  /** Commits the statement just run where the connection is out of auto-commit (a pool's). */
  private static void endTransaction(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }

  private static IllegalStateException busy(String subject) {
    return new IllegalStateException(
        "the "
            + subject
            + " has been locked by another process for more than "
            + WAIT.toMinutes()
            + " minutes: look for a stuck application instance or database session that holds"
            + " it, then start again");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
