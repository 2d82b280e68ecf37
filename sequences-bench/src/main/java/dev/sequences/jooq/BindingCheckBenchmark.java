package dev.sequences.jooq;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a call spends deciding where it may issue a value, before any SQL: the transaction-binding
 * check and the context it runs on ({@code TransactionBinding.bind}), on a connection out of
 * auto-commit. No database statement runs: {@code getAutoCommit()} is answered by the driver. In
 * the library's package to reach those package-private steps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BindingCheckBenchmark {

  private static final GaplessSequence SEQUENCE = GaplessSequence.named("bench-binding");

  /** The JDBC URL's database: postgres or mariadb (its driver answers getAutoCommit). */
  @Param({"postgres"})
  public String database;

  private Connection connection;
  private DSLContext jooqTransaction;
  private DSLContext upperCaseNames;
  private DSLContext spring;
  private DataSource springDataSource;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    String key = database.toUpperCase(java.util.Locale.ROOT);
    connection =
        java.sql.DriverManager.getConnection(
            System.getenv("SEQUENCES_TEST_" + key + "_URL"),
            System.getenv("SEQUENCES_TEST_" + key + "_USER"),
            System.getenv("SEQUENCES_TEST_" + key + "_PASSWORD"));
    connection.setAutoCommit(false);
    SQLDialect dialect =
        SupportedDatabase.ofServer(connection.getMetaData())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        database + " is none of " + SupportedDatabase.supportedList()))
            .dialect();
    // A jOOQ transaction's context is a context over its one connection.
    jooqTransaction = DSL.using(connection, dialect);
    upperCaseNames =
        DSL.using(connection, dialect, new Settings().withRenderNameCase(RenderNameCase.UPPER));
    // A Spring transaction on this thread, bound to the connection, as DataSourceTransactionManager
    // binds it; the context reaches it through a DataSource, as Spring Boot's does.
    springDataSource = new SingleConnectionDataSource(connection, true);
    spring = DSL.using(new DataSourceConnectionProvider(springDataSource), dialect);
    TransactionSynchronizationManager.bindResource(
        springDataSource, new ConnectionHolder(connection));
    TransactionSynchronizationManager.setActualTransactionActive(true);
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    TransactionSynchronizationManager.unbindResource(springDataSource);
    TransactionSynchronizationManager.setActualTransactionActive(false);
    connection.rollback();
    connection.close();
  }

  private DSLContext checked(DSLContext ctx) throws SQLException {
    return TransactionBinding.bind(SEQUENCE, ctx, connection, connection.getAutoCommit());
  }

  @Benchmark
  public DSLContext jooqTransaction() throws SQLException {
    return checked(jooqTransaction);
  }

  @Benchmark
  public DSLContext springTransaction() throws SQLException {
    return checked(spring);
  }

  @Benchmark
  public DSLContext upperCaseNameSettings() throws SQLException {
    return checked(upperCaseNames);
  }

  /** Before this check, the guard was this call alone. */
  @Benchmark
  public boolean autoCommitOnly() throws SQLException {
    return connection.getAutoCommit();
  }
}
