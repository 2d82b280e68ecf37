package dev.sequences.micrometer;

import dev.sequences.schema.SequencesSchema;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** An H2 database in memory, migrated, and transactions that hold a sequence or race for it. */
final class H2Database {

  private H2Database() {}

  /** The migrated database called {@code name}, its counters emptied. */
  static DSLContext migrated(String name) {
    DSLContext dsl = DSL.using(dataSource(name), SQLDialect.H2);
    dsl.execute("delete from \"sequences_sequence\"");
    return dsl;
  }

  /** A data source of the migrated database called {@code name}. */
  static JdbcDataSource dataSource(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    SequencesSchema.migrate(dataSource);
    return dataSource;
  }

  /** A transaction on another thread that took a value and holds it until {@link #commit}. */
  static final class Held implements AutoCloseable {
    private final CompletableFuture<Long> taken = new CompletableFuture<>();
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final CompletableFuture<Void> ended;

    Held(DSLContext dsl, ToLongFunction<DSLContext> action) throws Exception {
      ended =
          CompletableFuture.runAsync(
              () ->
                  dsl.transaction(
                      cfg -> {
                        taken.complete(action.applyAsLong(cfg.dsl()));
                        release.get(60, TimeUnit.SECONDS);
                      }));
      taken.get(60, TimeUnit.SECONDS);
    }

    void commit() throws Exception {
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
   * transaction cannot see the row the first created and must run again (SQL state 40001).
   */
  static CompletableFuture<Long> raceFirstUse(
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
                    }));
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
