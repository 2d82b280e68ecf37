package dev.sequences.bench.interleaved;

import dev.sequences.bench.BenchDatabase;
import dev.sequences.bench.ContendedBenchmark;
import dev.sequences.jooq.GaplessSequence;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Part b: the library inside a jOOQ transaction against raw JDBC on the same pool, and the library
 * inside raw JDBC's own transaction handling (its cost without what jOOQ's transaction API adds;
 * docs/operations.md, "Round trips per transaction"). One thread, a transaction = {@code nextValue}
 * + commit (b-1, time per transaction); ten threads on ONE sequence, {@code nextValue} + insert +
 * commit (b-10, P1's transaction).
 */
final class LibraryAgainstRawJdbc implements Part {

  @Override
  public List<Group> groups(Bench bench) {
    return List.of(oneThread(bench), tenThreads(bench));
  }

  private static Group oneThread(Bench bench) {
    BenchDatabase db = bench.db;
    GaplessSequence one = GaplessSequence.named("bench-b1");
    SQLDialect dialect = db.dsl.dialect();
    return new Group(
        "b-1",
        "one thread, a transaction = nextValue + commit",
        bench.options.timed(bench.options.seconds),
        List.of(
            bench.java("library nextValue+commit", 1, bench.nextValueInTransaction(one)),
            bench.java(
                "raw JDBC nextValue+commit",
                1,
                i -> db.rawTransaction(false, c -> db.rawNextValues(c, "bench-b1", 1))),
            bench.java(
                "library in raw JDBC's transaction",
                1,
                i -> db.rawTransaction(false, c -> one.nextValue(DSL.using(c, dialect))))),
        List.of(
            Comparison.timePerCall(
                "library / raw JDBC (stretch ≤ 1.05)",
                "library nextValue+commit",
                "raw JDBC nextValue+commit",
                Goal.atMost(1.10)),
            Comparison.timePerCall(
                "library in raw JDBC's transaction / raw JDBC",
                "library in raw JDBC's transaction",
                "raw JDBC nextValue+commit",
                Goal.atMost(1.10))));
  }

  private static Group tenThreads(Bench bench) {
    BenchDatabase db = bench.db;
    int t = bench.options.threads(10);
    GaplessSequence contended = GaplessSequence.named("bench-contended");
    SQLDialect dialect = db.dsl.dialect();
    return new Group(
        "b-10",
        t + " threads on ONE sequence, a transaction = nextValue + insert + commit",
        bench.options.timed(bench.options.seconds),
        List.of(
            bench.java("library", t, i -> ContendedBenchmark.library(db.dsl, contended)),
            bench.java("raw JDBC", t, i -> ContendedBenchmark.raw(db, "bench-contended", false)),
            bench.java(
                "library in raw JDBC's transaction",
                t,
                i ->
                    db.rawTransaction(
                        false,
                        c -> {
                          long number = contended.nextValue(DSL.using(c, dialect));
                          BenchDatabase.insertInvoice(c, number);
                          return number;
                        }))),
        List.of(
            Comparison.throughput("library / raw JDBC", "library", "raw JDBC", Goal.atLeast(0.90)),
            Comparison.throughput(
                "library in raw JDBC's transaction / raw JDBC",
                "library in raw JDBC's transaction",
                "raw JDBC",
                Goal.atLeast(0.90))));
  }
}
