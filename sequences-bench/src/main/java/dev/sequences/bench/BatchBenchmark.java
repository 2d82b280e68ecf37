package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P3: {@code nextValues(n)} in a transaction of its own; values per second are calls per second
 * times {@code n}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class BatchBenchmark {

  private static final GaplessSequence SEQUENCE = GaplessSequence.named("bench-batch");

  @Param({"1", "10", "100", "1000"})
  public int n;

  @Benchmark
  public long library(BenchDatabase db) {
    return db.dsl.transactionResult(cfg -> SEQUENCE.nextValues(cfg.dsl(), n).last());
  }
}
