package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * P1: every thread on ONE sequence; a transaction takes the next value, inserts one invoice with it
 * and commits. The thread count comes from JMH's {@code -t}. The library beside raw JDBC sending
 * the same statements.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ContendedBenchmark {

  private static final GaplessSequence INVOICES = GaplessSequence.named("bench-contended");

  @Benchmark
  public long library(BenchDatabase db) {
    return library(db.dsl, INVOICES);
  }

  /** The library's transaction on {@code sequence}: the number, the invoice, the commit. */
  public static long library(DSLContext dsl, GaplessSequence sequence) {
    return dsl.transactionResult(
        cfg -> {
          long number = sequence.nextValue(cfg.dsl());
          insertInvoice(cfg.dsl(), number);
          return number;
        });
  }

  /** The invoice the transaction numbers, inserted through jOOQ in the transaction {@code tx}. */
  public static void insertInvoice(DSLContext tx, long number) {
    tx.execute("insert into bench_invoice (number, amount_cents) values (?, ?)", number, 12_345);
  }

  @Benchmark
  public long rawJdbc(BenchDatabase db) throws SQLException {
    return raw(db, "bench-contended", false);
  }

  /**
   * Raw JDBC plus what jOOQ's default transaction provider does at the start of every transaction:
   * it reads the isolation level, which PgJDBC asks the server for (SHOW TRANSACTION ISOLATION
   * LEVEL), one more round trip.
   */
  @Benchmark
  public long rawJdbcReadingIsolation(BenchDatabase db) throws SQLException {
    return raw(db, "bench-contended", true);
  }

  /**
   * The same transaction as {@link #library} through JDBC by hand, on the sequence {@code name}.
   */
  public static long raw(BenchDatabase db, String name, boolean readIsolation) throws SQLException {
    return db.rawTransaction(
        readIsolation,
        connection -> {
          long number = db.rawNextValues(connection, name, 1);
          BenchDatabase.insertInvoice(connection, number);
          return number;
        });
  }
}
