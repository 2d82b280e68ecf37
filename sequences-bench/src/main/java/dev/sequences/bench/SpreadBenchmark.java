package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * P5: every thread on a sequence of its own; a transaction takes the next value, inserts one
 * invoice with it and commits. Nothing is shared but the table, so throughput should grow with
 * threads until the database's cores or its commits are the limit.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpreadBenchmark {

  /** The thread's own sequence. */
  @State(Scope.Thread)
  public static class OwnSequence {
    GaplessSequence sequence;

    @Setup
    public void name(ThreadParams thread) {
      sequence = GaplessSequence.named("bench-spread-" + thread.getThreadIndex());
    }
  }

  @Benchmark
  public long library(BenchDatabase db, OwnSequence own) {
    return library(db.dsl, own.sequence);
  }

  /** The library's transaction on {@code sequence}: the number, the invoice, the commit. */
  public static long library(DSLContext dsl, GaplessSequence sequence) {
    return dsl.transactionResult(
        cfg -> {
          long number = sequence.nextValue(cfg.dsl());
          cfg.dsl()
              .execute(
                  "insert into bench_spread_invoice (sequence_name, number, amount_cents)"
                      + " values (?, ?, ?)",
                  sequence.name(),
                  number,
                  12_345);
          return number;
        });
  }

  /** The same transaction through JDBC by hand, as {@link ContendedBenchmark#rawJdbc}. */
  @Benchmark
  public long rawJdbc(BenchDatabase db, OwnSequence own) throws SQLException {
    return raw(db, own.sequence, Step.RAW);
  }

  /** Raw JDBC plus the isolation-level read that a jOOQ transaction makes at its start. */
  @Benchmark
  public long rawJdbcReadingIsolation(BenchDatabase db, OwnSequence own) throws SQLException {
    return raw(db, own.sequence, Step.READ_ISOLATION);
  }

  /**
   * Raw JDBC for the transaction and the insert, the library for the number: {@code nextValue} on a
   * {@code DSLContext} over the transaction's connection. The library's own cost, without jOOQ's
   * transaction API.
   */
  @Benchmark
  public long libraryInRawTransaction(BenchDatabase db, OwnSequence own) throws SQLException {
    return raw(db, own.sequence, Step.LIBRARY);
  }

  public enum Step {
    RAW,
    READ_ISOLATION,
    LIBRARY
  }

  /** The transaction of {@link #library} through JDBC by hand, all of it or all but the number. */
  public static long raw(BenchDatabase db, GaplessSequence sequence, Step step)
      throws SQLException {
    String name = sequence.name();
    return db.rawTransaction(
        step == Step.READ_ISOLATION,
        connection -> {
          long number =
              step == Step.LIBRARY
                  ? sequence.nextValue(DSL.using(connection, db.dsl.dialect()))
                  : db.rawNextValues(connection, name, 1);
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "insert into bench_spread_invoice (sequence_name, number, amount_cents)"
                      + " values (?, ?, ?)")) {
            insert.setString(1, name);
            insert.setLong(2, number);
            insert.setLong(3, 12_345);
            insert.executeUpdate();
          }
          return number;
        });
  }
}
