package dev.sequences.bench;

import dev.sequences.jooq.BeforeCommitNumbering;
import dev.sequences.jooq.GaplessSequence;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Numbering at commit against numbering first, every thread on ONE sequence. A transaction saves a
 * document, does about 2 ms of other work that costs the JVM and the database no CPU (the database
 * sleeps), and numbers the document: first, holding the sequence through the other work, or at
 * commit ({@code nextValueBeforeCommit}), holding it for one statement and the commit.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AtCommitBenchmark {

  private static final GaplessSequence DOCUMENTS = GaplessSequence.named("bench-at-commit");

  private static final AtomicLong IDS = new AtomicLong();

  /** The benchmark's context with the hook at the commit, and the SQL of the other work. */
  @State(Scope.Benchmark)
  public static class Hooked {
    DSLContext dsl;
    String otherWork;

    @Setup
    public void open(BenchDatabase db) {
      dsl = DSL.using(db.dsl.configuration().derive(BeforeCommitNumbering.listener()));
      otherWork = db.sleepSql(0.002);
    }
  }

  @Benchmark
  public long numberingFirst(BenchDatabase db, Hooked hooked) {
    long id = IDS.incrementAndGet();
    return db.dsl.transactionResult(
        cfg -> {
          long number = DOCUMENTS.nextValue(cfg.dsl());
          cfg.dsl().execute("insert into bench_document (id, number) values (?, ?)", id, number);
          cfg.dsl().fetch(hooked.otherWork);
          return number;
        });
  }

  @Benchmark
  public long numberingAtCommit(Hooked hooked) {
    long id = IDS.incrementAndGet();
    hooked.dsl.transaction(
        cfg -> {
          cfg.dsl().execute("insert into bench_document (id, number) values (?, null)", id);
          cfg.dsl().fetch(hooked.otherWork);
          DOCUMENTS.nextValueBeforeCommit(
              cfg.dsl(),
              (tx, number) ->
                  tx.execute("update bench_document set number = ? where id = ?", number, id));
        });
    return id;
  }
}
