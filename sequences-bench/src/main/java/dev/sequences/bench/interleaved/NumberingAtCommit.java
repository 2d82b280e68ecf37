package dev.sequences.bench.interleaved;

import dev.sequences.bench.AtCommitBenchmark;
import dev.sequences.bench.BenchDatabase;
import dev.sequences.jooq.GaplessSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * Part d: numbering at commit ({@code nextValueBeforeCommit}) against numbering first, ONE
 * sequence, a transaction = a document + 2 ms of database-side sleep + the number, at each of
 * {@code at-commit-threads}; numbering first also against pgbench's {@code numbering-first.sql}
 * (MariaDB: raw JDBC).
 */
final class NumberingAtCommit implements Part {

  @Override
  public List<Group> groups(Bench bench) {
    List<Group> groups = new ArrayList<>();
    for (int threads : bench.options.distinctThreads(bench.options.atCommitThreads)) {
      groups.add(group(bench, threads));
    }
    return groups;
  }

  private static Group group(Bench bench, int threads) {
    BenchDatabase db = bench.db;
    GaplessSequence documents = GaplessSequence.named("bench-at-commit");
    String first = bench.base + " numbering first";
    return new Group(
        "d-" + threads,
        threads + " thread(s) on ONE sequence: document + 2 ms database sleep + number",
        bench.options.timed(bench.options.atCommitSeconds),
        List.of(
            bench.java(
                "library numbering first",
                threads,
                i -> AtCommitBenchmark.numberingFirst(db.dsl, documents, bench.sleep)),
            bench.java(
                "library numbering at commit",
                threads,
                i -> AtCommitBenchmark.numberingAtCommit(bench.hooked, documents, bench.sleep)),
            bench.pg
                ? bench.pgbench(first, threads, "numbering-first")
                : bench.java(
                    first,
                    threads,
                    i ->
                        AtCommitBenchmark.rawNumberingFirst(
                            db, "bench-raw-first", bench.sleep, false))),
        List.of(
            Comparison.throughput(
                "at commit / numbering first",
                "library numbering at commit",
                "library numbering first",
                threads >= 20 ? Goal.atLeast(3) : null),
            Comparison.throughput(
                "numbering first: library / " + bench.base,
                "library numbering first",
                first,
                null)));
  }
}
