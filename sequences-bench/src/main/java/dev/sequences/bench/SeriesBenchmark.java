package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.series.IssuedNumber;
import dev.sequences.series.NumberSeries;
import dev.sequences.series.SeriesPeriod;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a number series costs beside a plain sequence: one transaction per call, each taking one
 * number. {@code nextValue} is {@code GaplessSequence.nextValue} (one statement); {@code issue} a
 * {@code NumberSeries} number (the increment, the ledger's latest record under the lock, the
 * ledger's insert: three statements); {@code issueChained} the same with the SHA-256 chain. On
 * PostgreSQL or MariaDB ({@code -p database=postgres,mariadb}), or on H2 in memory ({@code -p
 * database=h2}), where no network or disk hides the library's own cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SeriesBenchmark {

  private static final GaplessSequence SEQUENCE = GaplessSequence.named("bench-series-plain");

  private static final LocalDate DATE = LocalDate.of(2026, 3, 14);

  private static final NumberSeries SERIES =
      NumberSeries.named("bench-series")
          .formatted("INV-{yyyy}-{n:6}")
          .resettingEvery(SeriesPeriod.YEAR);

  private static final NumberSeries CHAINED =
      NumberSeries.named("bench-series-chained")
          .formatted("INV-{yyyy}-{n:6}")
          .resettingEvery(SeriesPeriod.YEAR)
          .chained();

  /** Empties the series' counters and ledger before each trial. */
  @Setup(Level.Trial)
  public void empty(BenchDatabase db) {
    db.dsl
        .deleteFrom(DSL.table(DSL.name("sequences_sequence")))
        .where(DSL.field(DSL.name("name"), String.class).like("series:bench-%"))
        .execute();
    db.dsl
        .deleteFrom(DSL.table(DSL.name("sequences_sequence_issued")))
        .where(DSL.field(DSL.name("counter"), String.class).like("series:bench-%"))
        .execute();
  }

  @Benchmark
  public long nextValue(BenchDatabase db) {
    return db.dsl.transactionResult(cfg -> SEQUENCE.nextValue(cfg.dsl()));
  }

  @Benchmark
  public IssuedNumber issue(BenchDatabase db) {
    return db.dsl.transactionResult(cfg -> SERIES.issue(cfg.dsl(), "acme", DATE));
  }

  @Benchmark
  public IssuedNumber issueChained(BenchDatabase db) {
    return db.dsl.transactionResult(cfg -> CHAINED.issue(cfg.dsl(), "acme", DATE));
  }
}
