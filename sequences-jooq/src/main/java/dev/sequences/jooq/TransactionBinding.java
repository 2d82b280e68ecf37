package dev.sequences.jooq;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.TransactionProvider;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultTransactionProvider;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.jspecify.annotations.Nullable;

/**
 * Decides, before any SQL, whether a value may be issued on the connection a call uses, and gives
 * the context that runs the call's statements on that connection with the library's own rendering.
 *
 * <p>A value may be issued only where it belongs to a transaction that someone will end on purpose:
 *
 * <ul>
 *   <li>a context whose connection provider is jOOQ's {@link DefaultConnectionProvider}: the
 *       context of a jOOQ transaction ({@code transaction}/{@code transactionResult}), or a context
 *       over one {@code Connection} that the caller manages;
 *   <li>the context of a transaction of jOOQ's {@link ThreadLocalTransactionProvider}, on the
 *       thread that runs it;
 *   <li>a connection bound to the current Spring-managed transaction ({@code
 *       TransactionAwareDataSourceProxy}, {@code DataSourceUtils}), when Spring is on the
 *       classpath;
 *   <li>a configuration declared with {@link ContainerManagedTransactions#declare}.
 * </ul>
 *
 * <p>On any of these, a connection in auto-commit mode needs {@link
 * GaplessSequence#allowingAutoCommit()}; on any other path (a pool's connection that goes back to
 * the pool at the end of the call, a connection provider that hands out a connection per acquire)
 * only a connection that really is in auto-commit mode is accepted, and only when allowed: a
 * connection out of auto-commit there would be rolled back when it is released, and its value
 * issued again. Every check reads state the JVM already holds: no round trip.
 */
final class TransactionBinding {

  /** jOOQ's thread-bound transaction connection; null if this jOOQ version hides it. */
  private static final @Nullable Field THREAD_LOCAL_CONNECTION = threadLocalConnectionField();

  private static final boolean SPRING = springPresent();

  private TransactionBinding() {}

  /**
   * Checks that a value of {@code sequence} may be issued on {@code connection}, the connection the
   * call acquired from {@code ctx}, which is in auto-commit mode if {@code autoCommit}.
   *
   * @throws IllegalStateException naming the sequence, what was found and the fix, if not
   */
  static void check(
      GaplessSequence sequence, DSLContext ctx, Connection connection, boolean autoCommit)
      throws SQLException {
    if (autoCommit) {
      if (!sequence.allowsAutoCommit()) {
        throw new IllegalStateException(
            Names.describe(sequence.name())
                + ": the connection is in auto-commit mode, so the value would be committed at"
                + " once and lost if the work that uses it rolls back (a gap). Take values"
                + " inside a transaction (DSLContext.transaction, Spring @Transactional), or"
                + " call allowingAutoCommit() if a lost value is acceptable");
      }
      return;
    }
    Configuration configuration = ctx.configuration();
    if (isRecognised(configuration, connection)) {
      return;
    }
    throw new IllegalStateException(
        Names.describe(sequence.name())
            + ": the connection this call got from "
            + configuration.connectionProvider().getClass().getName()
            + " is out of auto-commit mode but belongs to no transaction the library can see, so"
            + " it would most likely be rolled back when it goes back to its pool and the value"
            + " issued again. Pass the context of a jOOQ transaction (dsl.transaction(cfg -> ..."
            + " cfg.dsl())), not the outer context; or a context over one Connection that you"
            + " commit; or call inside a Spring transaction through TransactionAwareDataSourceProxy"
            + " or DataSourceUtils; or, for JTA, declare the configuration with"
            + " ContainerManagedTransactions.declare(configuration)");
  }

  /**
   * Hands {@code request} to the current Spring transaction, to be issued before its commit; false
   * if Spring is absent or no Spring transaction synchronization is active.
   */
  static boolean deferToSpring(BeforeCommitNumbering.Request request) {
    return SPRING && SpringTransactions.beforeCommit(request);
  }

  /**
   * True if {@code connection} belongs to the current Spring transaction or {@code configuration}
   * is declared container-managed: a jOOQ transaction's own connection, or one the caller commits,
   * must not be numbered at the commit of a Spring transaction around it.
   */
  static boolean isSpringOrContainer(Configuration configuration, Connection connection) {
    return ContainerManagedTransactions.isDeclared(configuration)
        || (SPRING && SpringTransactions.isBound(connection));
  }

  /**
   * True if the transaction {@code configuration} runs is a Spring-managed one: its connection is
   * the one bound to the current Spring transaction and jOOQ's own transaction providers do not run
   * it (Spring Boot's jOOQ transaction provider).
   */
  static boolean isSpringManaged(Configuration configuration) {
    if (!SPRING || !SpringTransactions.isTransactionActive()) {
      return false;
    }
    TransactionProvider transactions = configuration.transactionProvider();
    if (transactions instanceof DefaultTransactionProvider
        || transactions instanceof ThreadLocalTransactionProvider) {
      return false; // jOOQ commits and rolls back the connection itself, even Spring's
    }
    ConnectionProvider provider = configuration.connectionProvider();
    Connection connection = provider.acquire();
    if (connection == null) {
      return false;
    }
    try {
      return SpringTransactions.isBound(connection);
    } finally {
      provider.release(connection);
    }
  }

  @SuppressWarnings("ReferenceEquality") // the same connection object, not an equal one
  private static boolean isRecognised(Configuration configuration, Connection connection) {
    ConnectionProvider provider = configuration.connectionProvider();
    if (provider.getClass() == DefaultConnectionProvider.class) {
      return true;
    }
    if (configuration.transactionProvider() instanceof ThreadLocalTransactionProvider threadLocal
        && threadBoundConnection(threadLocal) == connection) {
      return true;
    }
    if (ContainerManagedTransactions.isDeclared(configuration)) {
      return true;
    }
    return SPRING && SpringTransactions.isBound(connection);
  }

  /**
   * {@code ctx} if it already runs every statement on {@code connection} with the library's
   * rendering (a jOOQ transaction's context with default name settings: no allocation), else a
   * context derived from it that does.
   */
  @SuppressWarnings("ReferenceEquality") // the same connection object, not an equal one
  static DSLContext boundTo(DSLContext ctx, Connection connection) {
    Configuration configuration = ctx.configuration();
    ConnectionProvider provider = configuration.connectionProvider();
    // A ThreadLocalTransactionProvider's transaction runs every statement on its thread's
    // connection, and jOOQ refuses another connection provider beside it.
    boolean onConnection =
        (provider.getClass() == DefaultConnectionProvider.class && provider.acquire() == connection)
            || (configuration.transactionProvider() instanceof ThreadLocalTransactionProvider local
                && threadBoundConnection(local) == connection);
    boolean ownRendering = LibraryRendering.differs(configuration.settings());
    if (onConnection && !ownRendering) {
      return ctx;
    }
    Configuration derived = configuration.derive();
    if (!onConnection) {
      DefaultConnectionProvider onIt = new DefaultConnectionProvider(connection);
      if (configuration.transactionProvider() instanceof ThreadLocalTransactionProvider) {
        // Outside its transaction (auto-commit): jOOQ refuses another connection provider beside
        // a ThreadLocalTransactionProvider. The derived context runs one statement, no transaction.
        derived.set(new DefaultTransactionProvider(onIt));
      }
      derived.set(onIt);
    }
    if (ownRendering) {
      derived.set(LibraryRendering.of(configuration.settings()));
    }
    return DSL.using(derived);
  }

  private static @Nullable Connection threadBoundConnection(
      ThreadLocalTransactionProvider provider) {
    if (THREAD_LOCAL_CONNECTION == null) {
      return null;
    }
    try {
      return (Connection) ((ThreadLocal<?>) THREAD_LOCAL_CONNECTION.get(provider)).get();
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  private static @Nullable Field threadLocalConnectionField() {
    try {
      Field field = ThreadLocalTransactionProvider.class.getDeclaredField("localTxConnection");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static boolean springPresent() {
    try {
      Class.forName(
          "org.springframework.transaction.support.TransactionSynchronizationManager",
          false,
          TransactionBinding.class.getClassLoader());
      Class.forName(
          "org.springframework.jdbc.datasource.ConnectionHolder",
          false,
          TransactionBinding.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
