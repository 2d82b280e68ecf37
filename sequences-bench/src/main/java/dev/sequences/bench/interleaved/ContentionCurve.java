package dev.sequences.bench.interleaved;

import dev.sequences.bench.AtCommitBenchmark;
import dev.sequences.bench.BenchDatabase;
import dev.sequences.bench.ContendedBenchmark;
import dev.sequences.jooq.GaplessSequence;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Part e, the contention curve: ONE sequence, by threads ({@code curve-threads}); the transaction
 * of P1 (the number, an insert, the commit) or, with {@code curve=sleep}, that of part d (a
 * document, 2 ms of sleep, the number). The library numbering first and at commit, raw JDBC,
 * pgbench with the same SQL, and the gapped bound: pgbench's {@code nextval.sql} (MariaDB: a {@code
 * SEQUENCE} through raw JDBC). {@link ContentionChart} draws it.
 */
final class ContentionCurve implements Part {

  @Override
  public List<Group> groups(Bench bench) {
    // The gapped bound's sequence (pgbench/nextval.sql on PostgreSQL; rawGapped on MariaDB).
    bench.db.dsl.execute("create sequence if not exists bench_nextval");
    List<Group> groups = new ArrayList<>();
    for (int threads : bench.options.distinctThreads(bench.options.curveThreads)) {
      groups.add(group(bench, threads));
    }
    return groups;
  }

  private static Group group(Bench bench, int threads) {
    String baseline = bench.pg ? "pgbench: same SQL" : "raw JDBC: same statements";
    return new Group(
        "e-" + threads,
        "contention curve, "
            + threads
            + " thread(s) on ONE sequence: "
            + bench.options.curveShape(),
        bench.options.timed(bench.options.curveSeconds),
        contenders(bench, threads),
        List.of(
            Comparison.throughput(
                "numbering first: library / " + baseline,
                "library: numbering first",
                baseline,
                null),
            Comparison.throughput(
                "at commit / numbering first",
                "library: numbering at commit",
                "library: numbering first",
                null)));
  }

  private static List<Contender> contenders(Bench bench, int threads) {
    BenchDatabase db = bench.db;
    GaplessSequence contended = GaplessSequence.named("bench-contended");
    GaplessSequence documents = GaplessSequence.named("bench-at-commit");
    boolean work = bench.options.curveSleep;
    String sleep = bench.sleep;
    List<Contender> contenders = new ArrayList<>();
    contenders.add(
        bench.java(
            "library: numbering first",
            threads,
            work
                ? i -> AtCommitBenchmark.numberingFirst(db.dsl, documents, sleep)
                : i -> ContendedBenchmark.library(db.dsl, contended)));
    contenders.add(
        bench.java(
            "library: numbering at commit",
            threads,
            i ->
                AtCommitBenchmark.numberingAtCommit(bench.hooked, documents, work ? sleep : null)));
    contenders.add(
        bench.java(
            "raw JDBC: same statements",
            threads,
            work
                ? i -> AtCommitBenchmark.rawNumberingFirst(db, "bench-raw-first", sleep, false)
                : i -> ContendedBenchmark.raw(db, "bench-contended", false)));
    if (bench.pg) {
      String same = work ? "numbering-first" : "contended";
      contenders.add(bench.pgbench("pgbench: same SQL", threads, same));
      String gapped = work ? "nextval-first" : "nextval";
      contenders.add(bench.pgbench("pgbench: nextval() (gapped)", threads, gapped));
    } else {
      contenders.add(
          bench.java(
              "raw JDBC: nextval() (gapped)",
              threads,
              work
                  ? i -> AtCommitBenchmark.rawNumberingFirst(db, "", sleep, true)
                  : i -> db.rawTransaction(false, ContentionCurve::rawGapped)));
    }
    return contenders;
  }

  /** A number from the database's own gapped sequence, and the invoice (offset as nextval.sql). */
  private static long rawGapped(Connection connection) throws SQLException {
    long number = AtCommitBenchmark.gappedNumber(connection) + 2_000_000_000L;
    BenchDatabase.insertInvoice(connection, number);
    return number;
  }
}
