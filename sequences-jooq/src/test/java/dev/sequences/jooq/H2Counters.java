package dev.sequences.jooq;

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
 * An H2 database in memory with the counter table as H2's V1 migration creates it (sequences-schema
 * depends on this module, so its migrations cannot run here), and a transaction that holds a
 * sequence until the test ends it.
 */
final class H2Counters {

  private static final ExecutorService THREADS = Executors.newCachedThreadPool();

  private H2Counters() {}

  /** A fresh database called {@code name}, with the counter table. */
  static DSLContext database(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    DSLContext dsl = DSL.using(dataSource, SQLDialect.H2);
    dsl.execute(
        "create table if not exists \"sequences_sequence\" (\"name\" varchar(200) not null"
            + " primary key, \"last\" bigint not null)");
    dsl.execute("delete from \"sequences_sequence\"");
    return dsl;
  }

  /** A transaction on its own thread that took a value and waits for {@link Held#commit}. */
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
                      }),
              THREADS);
      taken.get(60, TimeUnit.SECONDS);
    }

    /** Commits the held transaction and waits until it has. */
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
}
