package dev.sequences.jooq;

import java.util.concurrent.TimeUnit;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the render cache pays per call to find its template: comparing the call's settings (a copy,
 * as jOOQ derives one for each transaction) with the kept ones. jOOQ's {@code Settings.equals} and
 * {@code hashCode}, which the cache used before, against {@code SameSettings}. No database.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SettingsComparisonBenchmark {

  private final Settings kept =
      new Settings().withRenderMapping(new RenderMapping().withDefaultSchema("app"));
  private final Settings call = SettingsTools.clone(kept);

  /** jOOQ's comparison: never compiled by the JIT (its bytecode is over 8,000 bytes). */
  @Benchmark
  public boolean jooqEqualsAndHashCode() {
    return call.hashCode() == kept.hashCode() && call.equals(kept);
  }

  @Benchmark
  public boolean sameSettings() {
    return SameSettings.same(call, kept);
  }
}
