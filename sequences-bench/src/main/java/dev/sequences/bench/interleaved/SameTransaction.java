package dev.sequences.bench.interleaved;

import dev.sequences.bench.ContendedBenchmark;
import dev.sequences.jooq.GaplessSequence;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Part f, the library alone (issue 24, "Same speed, measured"): {@code nextValue} inside {@code
 * DSLContext.transactionResult}, against the same upsert sent by hand on the connection of the same
 * kind of jOOQ transaction ({@code cfg.dsl().connectionResult}): the exact text, binds and
 * execution the library sends on this database ({@link LibraryStatement}, recorded from the
 * library's own call), as a plain JDBC {@code PreparedStatement}. Everything else, the transaction
 * API's statements included, is the same on both sides. One thread, a transaction = the number +
 * commit (f-1, time per transaction, goal ≤ 1.05); ten threads on ONE sequence, the number + an
 * insert through jOOQ + commit (f-10, throughput, goal ≥ 0.95, about 1 / 1.05).
 */
final class SameTransaction implements Part {

  static final String LIBRARY = "library nextValue";
  static final String UPSERT = "its upsert on the transaction's connection";

  @Override
  public List<Group> groups(Bench bench) throws SQLException {
    return List.of(oneThread(bench), tenThreads(bench));
  }

  private static Group oneThread(Bench bench) throws SQLException {
    DSLContext dsl = bench.db.dsl;
    GaplessSequence sequence = GaplessSequence.named("bench-same-1");
    LibraryStatement upsert = recorded(bench, sequence);
    return new Group(
        "f-1",
        "one thread, a jOOQ transaction = the number + commit",
        bench.options.timed(bench.options.seconds),
        List.of(
            bench.java(LIBRARY, 1, bench.nextValueInTransaction(sequence)),
            bench.java(
                UPSERT,
                1,
                i -> dsl.transactionResult(cfg -> cfg.dsl().connectionResult(upsert::send)))),
        List.of(
            Comparison.timePerCall("library / its upsert", LIBRARY, UPSERT, Goal.atMost(1.05))));
  }

  private static Group tenThreads(Bench bench) throws SQLException {
    DSLContext dsl = bench.db.dsl;
    int t = bench.options.threads(10);
    // Part b's and the curve's sequence: the invoices' numbers must not collide.
    GaplessSequence sequence = GaplessSequence.named("bench-contended");
    LibraryStatement upsert = recorded(bench, sequence);
    return new Group(
        "f-10",
        t + " threads on ONE sequence, a jOOQ transaction = the number + insert + commit",
        bench.options.timed(bench.options.seconds),
        List.of(
            bench.java(LIBRARY, t, i -> ContendedBenchmark.library(dsl, sequence)),
            bench.java(
                UPSERT,
                t,
                i ->
                    dsl.transactionResult(
                        cfg -> {
                          long number = cfg.dsl().connectionResult(upsert::send);
                          ContendedBenchmark.insertInvoice(cfg.dsl(), number);
                          return number;
                        }))),
        List.of(
            Comparison.throughput("library / its upsert", LIBRARY, UPSERT, Goal.atLeast(0.95))));
  }

  private static LibraryStatement recorded(Bench bench, GaplessSequence sequence)
      throws SQLException {
    LibraryStatement upsert = LibraryStatement.of(bench.db, sequence);
    bench.notes.add("f: nextValue of " + sequence.name() + " sends " + upsert);
    return upsert;
  }
}
