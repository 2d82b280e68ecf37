package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SupportedDatabase;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * P4: the latency of one {@code nextValue} in a transaction of its own, one thread, with {@code
 * sequences} distinct sequences in the table; each call takes a random one of them. Sampled, for
 * percentiles.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ScaleBenchmark {

  @Param({"1", "10000", "1000000"})
  public int sequences;

  private GaplessSequence[] all;

  /** Fills the table with {@code sequences} rows, in the database, and names them here. */
  @Setup
  public void fill(BenchDatabase db) {
    if (db.server == SupportedDatabase.POSTGRESQL) {
      db.dsl.execute(
          "insert into sequences_sequence (name, last)"
              + " select 'bench-scale-' || lpad(g::text, 7, '0'), 0"
              + " from generate_series(1, ?) g",
          sequences);
      db.dsl.execute("analyze sequences_sequence");
    } else {
      // MariaDB stops a recursive CTE after max_recursive_iterations (1000 by default).
      db.dsl.connection(
          connection -> {
            DSLContext one = DSL.using(connection, db.dsl.dialect());
            one.execute("set session max_recursive_iterations = " + sequences);
            one.execute(
                "insert into sequences_sequence (name, last)"
                    + " with recursive g(i) as (select 1 union all select i + 1 from g where i < ?)"
                    + " select concat('bench-scale-', lpad(i, 7, '0')), 0 from g",
                sequences);
            one.execute("analyze table sequences_sequence");
          });
    }
    all = new GaplessSequence[sequences];
    for (int i = 0; i < sequences; i++) {
      all[i] = GaplessSequence.named(String.format("bench-scale-%07d", i + 1));
    }
  }

  @Benchmark
  public long library(BenchDatabase db) {
    GaplessSequence sequence = all[ThreadLocalRandom.current().nextInt(all.length)];
    return db.dsl.transactionResult(cfg -> sequence.nextValue(cfg.dsl()));
  }
}
