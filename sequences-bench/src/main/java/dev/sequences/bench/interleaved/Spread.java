package dev.sequences.bench.interleaved;

import dev.sequences.bench.BenchDatabase;
import dev.sequences.bench.SpreadBenchmark;
import dev.sequences.jooq.GaplessSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * Part c: twenty threads, each on its own sequence, {@code nextValue} + insert + commit (P5's,
 * {@code SpreadBenchmark}): the library, raw JDBC and pgbench's {@code spread.sql}.
 */
final class Spread implements Part {

  @Override
  public List<Group> groups(Bench bench) {
    BenchDatabase db = bench.db;
    int t = bench.options.threads(20);
    GaplessSequence[] own = new GaplessSequence[t];
    for (int i = 0; i < t; i++) {
      own[i] = GaplessSequence.named("bench-spread-" + i);
    }
    List<Contender> contenders = new ArrayList<>();
    contenders.add(bench.java("library", t, i -> SpreadBenchmark.library(db.dsl, own[i])));
    contenders.add(
        bench.java("raw JDBC", t, i -> SpreadBenchmark.raw(db, own[i], SpreadBenchmark.Step.RAW)));
    List<Comparison> comparisons = new ArrayList<>();
    if (bench.pg) {
      contenders.add(bench.pgbench("pgbench", t, "spread"));
      comparisons.add(
          Comparison.throughput("library / pgbench", "library", "pgbench", Goal.atLeast(0.8)));
      comparisons.add(Comparison.throughput("raw JDBC / pgbench", "raw JDBC", "pgbench", null));
    }
    comparisons.add(
        Comparison.throughput(
            "library / raw JDBC", "library", "raw JDBC", bench.pg ? null : Goal.atLeast(0.8)));
    return List.of(
        new Group(
            "c",
            t + " threads, each on its own sequence, nextValue + insert + commit",
            bench.options.timed(bench.options.seconds),
            contenders,
            comparisons));
  }
}
