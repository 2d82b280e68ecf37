package dev.sequences.testfixtures;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * An H2 database in memory with the counter table as H2's V1 migration creates it, made by DDL
 * (sequences-jooq's tests use this module, so neither sequences-jooq nor sequences-schema, which
 * holds the migrations, can be a dependency of it), a transaction that holds a sequence until the
 * test ends it, and a race for a sequence's first use.
 */
public final class H2Counters {

  private static final ExecutorService THREADS = Executors.newCachedThreadPool();

  private H2Counters() {}

  /** A data source of the in-memory database called {@code name}, kept while the JVM runs. */
  public static JdbcDataSource dataSource(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    return dataSource;
  }

  /** The database called {@code name}, with the counter table, emptied. */
  public static DSLContext database(String name) {
    DSLContext dsl = DSL.using(dataSource(name), SQLDialect.H2);
    dsl.execute(
        "create table if not exists \"sequences_sequence\" (\"name\" varchar(200) not null"
            + " primary key, \"last\" bigint not null)");
    dsl.execute("delete from \"sequences_sequence\"");
    return dsl;
  }

  /** A transaction on its own thread that took a value and waits for {@link Held#commit}. */
  public static final class Held implements AutoCloseable {
    private final CompletableFuture<Long> taken = new CompletableFuture<>();
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final CompletableFuture<Void> ended;

    /** Starts the transaction on {@code dsl}, runs {@code action} in it and waits for its value. */
    public Held(DSLContext dsl, ToLongFunction<DSLContext> action) throws Exception {
      ended =
          CompletableFuture.runAsync(
              () ->
                  dsl.transaction(
                      cfg -> {
                        taken.complete(action.applyAsLong(cfg.dsl()));
                        release.get(60, TimeUnit.SECONDS);
                      }),
              THREADS);
      taken.get(60, TimeUnit.SECONDS);
    }

    /** Commits the held transaction and waits until it has. */
    public void commit() throws Exception {
      release.complete(null);
      ended.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      if (!ended.isDone()) {
        commit();
      }
    }
  }

  /**
   * Runs {@code action} at SERIALIZABLE in a transaction of {@code dsl} on another thread while
   * {@code holder} holds the sequence's first use, then commits the holder: on H2 the second
   * transaction cannot see the row the first created and must run again (SQL state 40001). {@code
   * observer}, on the same database, sees when the second transaction waits.
   */
  public static CompletableFuture<Long> raceFirstUse(
      DSLContext dsl, DSLContext observer, Held holder, ToLongFunction<DSLContext> action)
      throws Exception {
    CompletableFuture<Long> second =
        CompletableFuture.supplyAsync(
            () ->
                dsl.transactionResult(
                    cfg -> {
                      cfg.dsl()
                          .connection(
                              c -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
                      return action.applyAsLong(cfg.dsl());
                    }),
            THREADS);
    // Another session runs a statement on the counter table: it waits for the holder's lock.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (observer.fetchCount(
            DSL.table(DSL.name("INFORMATION_SCHEMA", "SESSIONS")),
            DSL.field(DSL.name("EXECUTING_STATEMENT"), String.class).contains("sequences_sequence"))
        == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no session waited for the held sequence");
      }
      Thread.sleep(10);
    }
    holder.commit();
    return second;
  }
}
