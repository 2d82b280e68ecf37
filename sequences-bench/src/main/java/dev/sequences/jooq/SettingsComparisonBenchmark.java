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

  private final Settings caller =
      new Settings().withRenderMapping(new RenderMapping().withDefaultSchema("app"));

  /** The cache's copy, as {@code RenderedOnce} keeps it. */
  private final Settings kept = java.util.Objects.requireNonNull(RenderedOnce.deepCopy(caller));

  /** A copy made by serialization alone: every Boolean another object than the caller's. */
  private final Settings deserialized = deserialized(caller);

  /** The settings of a call: jOOQ's copy for the transaction's derived configuration. */
  private final Settings call = SettingsTools.clone(caller);

  private static Settings deserialized(Settings settings) {
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(settings);
      }
      try (java.io.ObjectInputStream in =
          new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
        return (Settings) in.readObject();
      }
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** jOOQ's comparison: never compiled by the JIT (its bytecode is over 8,000 bytes). */
  @Benchmark
  public boolean jooqEqualsAndHashCode() {
    return call.hashCode() == kept.hashCode() && call.equals(kept);
  }

  @Benchmark
  public boolean sameSettings() {
    return SameSettings.same(call, kept);
  }

  /** The same comparison against a copy that shares none of the caller's values. */
  @Benchmark
  public boolean sameSettingsWithDeserializedCopy() {
    return SameSettings.same(call, deserialized);
  }
}
