package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P2: one thread, no contention: the cost of one {@code nextValue} inside an open transaction on a
 * held connection, the library beside raw JDBC; and the auto-commit guard's {@code getAutoCommit()}
 * alone. Each iteration's transaction is committed at the end of the iteration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OverheadBenchmark {

  private static final GaplessSequence SEQUENCE = GaplessSequence.named("bench-overhead");

  /** One connection in a transaction, for the whole iteration. */
  @State(Scope.Thread)
  public static class Held {
    Connection connection;
    org.jooq.DSLContext ctx;

    @Setup(Level.Iteration)
    public void begin(BenchDatabase db) throws SQLException {
      connection = db.pool.getConnection();
      connection.setAutoCommit(false);
      ctx = org.jooq.impl.DSL.using(connection, db.dsl.dialect());
    }

    @TearDown(Level.Iteration)
    public void commit() throws SQLException {
      connection.commit();
      connection.close();
    }
  }

  @Benchmark
  public long library(Held held) {
    return SEQUENCE.nextValue(held.ctx);
  }

  @Benchmark
  public long rawJdbc(BenchDatabase db, Held held) throws SQLException {
    return db.rawNextValues(held.connection, "bench-overhead", 1);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean autoCommitGuard(Held held) throws SQLException {
    return held.connection.getAutoCommit();
  }
}
