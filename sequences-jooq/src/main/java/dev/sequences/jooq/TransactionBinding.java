package dev.sequences.jooq;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.TransactionProvider;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultTransactionProvider;
import org.jooq.impl.ThreadLocalTransactionProvider;

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
 * issued again. Every check reads state the JVM already holds: no round trip (but for a
 * ThreadLocalTransactionProvider's context outside its transaction on a connection out of
 * auto-commit mode, a refusal, where its connection provider is asked for a connection once more).
 */
final class TransactionBinding {

  private static final boolean SPRING = springPresent();

  private TransactionBinding() {}

  /**
   * Checks that a value of {@code sequence} may be issued on {@code connection}, the connection the
   * call acquired from {@code ctx}, which is in auto-commit mode if {@code autoCommit}; and gives
   * the context that runs the call's statements on that connection with the library's rendering:
   * {@code ctx} itself where it already does (a jOOQ transaction's context with default name
   * settings: no allocation), else a context derived from it.
   *
   * @throws IllegalStateException naming the sequence, what was found and the fix, if not
   */
  static DSLContext bind(
      GaplessSequence sequence, DSLContext ctx, Connection connection, boolean autoCommit)
      throws SQLException {
    Configuration configuration = ctx.configuration();
    boolean onConnection;
    if (autoCommit) {
      if (!sequence.allowsAutoCommit()) {
        throw autoCommitRefused(sequence);
      }
      // A ThreadLocalTransactionProvider's connections are never in auto-commit mode inside its
      // transactions; outside, the statement must not go through its provider.
      onConnection = isOwnConnection(configuration, connection);
    } else if (isOwnConnection(configuration, connection)
        || isThreadBound(configuration, connection)) {
      onConnection = true;
    } else if (ContainerManagedTransactions.isDeclared(configuration)
        || (SPRING && SpringTransactions.isBound(connection))) {
      onConnection = false;
    } else {
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
    return boundTo(ctx, connection, onConnection);
  }

  /** The refusal of a value on a connection in auto-commit mode, on JDBC and R2DBC alike. */
  static IllegalStateException autoCommitRefused(GaplessSequence sequence) {
    return new IllegalStateException(
        Names.describe(sequence.name())
            + ": the connection is in auto-commit mode, so the value would be committed at"
            + " once and lost if the work that uses it rolls back (a gap). Take values"
            + " inside a transaction (DSLContext.transaction, DSLContext.transactionPublisher,"
            + " Spring @Transactional), or call allowingAutoCommit() if a lost value is"
            + " acceptable");
  }

  /**
   * True if {@code configuration} runs statements on R2DBC only: a {@code ConnectionFactory} is set
   * and no JDBC connection provider (jOOQ would run a blocking call by blocking on R2DBC).
   */
  static boolean isR2dbcOnly(Configuration configuration) {
    // The connection provider first: a JDBC context (every nextValue's) answers without asking jOOQ
    // for a connection factory.
    return configuration.connectionProvider().getClass().getName().equals(NO_CONNECTION_PROVIDER)
        && hasConnectionFactory(configuration);
  }

  /** True if {@code configuration} has an R2DBC {@code ConnectionFactory}. */
  static boolean hasConnectionFactory(Configuration configuration) {
    // jOOQ's stand-in when none is set; its class is not public.
    return !configuration
        .connectionFactory()
        .getClass()
        .getName()
        .equals("org.jooq.impl.NoConnectionFactory");
  }

  private static final String NO_CONNECTION_PROVIDER = "org.jooq.impl.NoConnectionProvider";

  /**
   * The context that runs statements on {@code connection}, the connection a call acquired from
   * {@code ctx}, with the library's rendering, without {@link #bind}'s check: for reads.
   */
  static DSLContext boundTo(DSLContext ctx, Connection connection) throws SQLException {
    Configuration configuration = ctx.configuration();
    return boundTo(
        ctx,
        connection,
        isOwnConnection(configuration, connection)
            || (!connection.getAutoCommit() && isThreadBound(configuration, connection)));
  }

  /**
   * {@code ctx} or a context derived from it on {@code connection} with the library's rendering.
   */
  private static DSLContext boundTo(DSLContext ctx, Connection connection, boolean onConnection) {
    Configuration configuration = ctx.configuration();
    boolean ownRendering = LibraryRendering.differs(configuration.settings());
    if (onConnection && !ownRendering) {
      return ctx;
    }
    Configuration derived = configuration.derive();
    if (!onConnection) {
      DefaultConnectionProvider onIt = new DefaultConnectionProvider(connection);
      if (configuration.transactionProvider() instanceof ThreadLocalTransactionProvider) {
        // jOOQ refuses another connection provider beside a ThreadLocalTransactionProvider. The
        // derived context runs the call's statements, no transaction.
        derived.set(new DefaultTransactionProvider(onIt));
      }
      derived.set(onIt);
    }
    if (ownRendering) {
      derived.set(LibraryRendering.of(configuration.settings()));
    }
    return DSL.using(derived);
  }

  /**
   * True if {@code configuration}'s connection provider is jOOQ's {@link DefaultConnectionProvider}
   * over {@code connection}: a jOOQ transaction's context, or a context over one connection.
   */
  @SuppressWarnings("ReferenceEquality") // the same connection object, not an equal one
  private static boolean isOwnConnection(Configuration configuration, Connection connection) {
    ConnectionProvider provider = configuration.connectionProvider();
    return provider.getClass() == DefaultConnectionProvider.class
        && provider.acquire() == connection;
  }

  /**
   * True if {@code connection} is the connection of the transaction a {@link
   * ThreadLocalTransactionProvider} runs on this thread. Inside one, its connection provider hands
   * out that connection on every acquire; outside, it acquires from the provider it wraps (a pool's
   * other connection, released at once; this runs only for a connection out of auto-commit mode).
   */
  @SuppressWarnings("ReferenceEquality") // the same connection object, not an equal one
  private static boolean isThreadBound(Configuration configuration, Connection connection) {
    if (!(configuration.transactionProvider() instanceof ThreadLocalTransactionProvider)) {
      return false;
    }
    ConnectionProvider provider = configuration.connectionProvider();
    Connection again = provider.acquire();
    try {
      return again == connection;
    } finally {
      if (again != null) {
        provider.release(again);
      }
    }
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

  /**
   * True if Spring's transaction classes are there and this class can use them: on the module path
   * they must be in modules this module reads ({@code spring.tx}, {@code spring.jdbc}), not on the
   * class path beside it.
   */
  private static boolean springPresent() {
    try {
      Module own = TransactionBinding.class.getModule();
      for (String name :
          List.of(
              "org.springframework.transaction.support.TransactionSynchronizationManager",
              "org.springframework.jdbc.datasource.ConnectionHolder")) {
        Class<?> type = Class.forName(name, false, TransactionBinding.class.getClassLoader());
        if (!own.canRead(type.getModule())) {
          return false;
        }
      }
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
