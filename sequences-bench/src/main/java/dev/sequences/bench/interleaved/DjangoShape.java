package dev.sequences.bench.interleaved;

import dev.sequences.jooq.GaplessSequence;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Part a: django-sequences' benchmark shape, 20 threads × {@code calls} calls per round, a call =
 * one {@code nextValue}; ONE sequence (a-one), then each thread on its own (a-distinct). The
 * library in auto-commit and in {@code transactionResult}, against pgbench's {@code autocommit.sql}
 * and {@code transaction.sql} (MariaDB: raw JDBC sending the library's statement).
 */
final class DjangoShape implements Part {

  @Override
  public List<Group> groups(Bench bench) {
    return List.of(group(bench, false), group(bench, true));
  }

  private static Group group(Bench bench, boolean distinct) {
    int t = bench.options.threads(20);
    GaplessSequence[] seqs = new GaplessSequence[t];
    String[] rawNames = new String[t];
    for (int i = 0; i < t; i++) {
      seqs[i] = GaplessSequence.named("bench-dj-" + (distinct ? i : 0)).allowingAutoCommit();
      rawNames[i] = "bench-rawdj-" + (distinct ? i : 0);
    }
    var db = bench.db;
    List<Contender> contenders = new ArrayList<>();
    contenders.add(bench.java("library auto-commit", t, i -> seqs[i].nextValue(db.dsl)));
    contenders.add(
        bench.java(
            "library transactionResult",
            t,
            i -> db.dsl.transactionResult(cfg -> seqs[i].nextValue(cfg.dsl()))));
    if (bench.pg) {
      String spread = "spread=" + (distinct ? 1 : 0);
      contenders.add(bench.pgbench("pgbench auto-commit", t, "autocommit", spread));
      contenders.add(bench.pgbench("pgbench transaction", t, "transaction", spread));
    } else {
      contenders.add(
          bench.java(
              "raw JDBC auto-commit",
              t,
              i -> {
                try (Connection connection = db.pool.getConnection()) {
                  db.rawNextValues(connection, rawNames[i], 1);
                }
              }));
      contenders.add(
          bench.java(
              "raw JDBC transaction",
              t,
              i -> db.rawTransaction(false, c -> db.rawNextValues(c, rawNames[i], 1))));
    }
    String base = bench.base;
    return new Group(
        "a-" + (distinct ? "distinct" : "one"),
        "django-sequences' shape, "
            + (distinct ? "each thread on its own sequence" : "ONE sequence")
            + ", "
            + t
            + " threads, a call = one nextValue",
        new Load(bench.options.calls, 0),
        contenders,
        List.of(
            Comparison.throughput(
                "library / " + base + ", auto-commit",
                "library auto-commit",
                base + " auto-commit",
                Goal.atLeast(0.95)),
            Comparison.throughput(
                "library / " + base + ", transaction per call",
                "library transactionResult",
                base + " transaction",
                null),
            Comparison.throughput(
                "library transaction / auto-commit",
                "library transactionResult",
                "library auto-commit",
                null)));
  }
}
