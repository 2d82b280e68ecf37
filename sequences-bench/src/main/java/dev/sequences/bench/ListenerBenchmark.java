package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SequenceEvent;
import dev.sequences.jooq.SequenceListener;
import dev.sequences.micrometer.MicrometerSequenceListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@link SequenceListener}s cost a call: {@link #nextValue} is one {@code nextValue} on H2 in
 * memory (the cheapest call there is, so the listeners' share is as large as it gets) with each
 * variant of {@link ListenerCpuTime#variants} ({@code -p variant=…}); {@link
 * #micrometerOnNextAlone} the Micrometer listener's {@code onNext} alone. One connection out of
 * auto-commit, committed every 1024 calls (the same for every variant). Public API only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ListenerBenchmark {

  private static final GaplessSequence SEQUENCE = GaplessSequence.named("bench-listener");

  /** A context with the variant's listeners, on H2's connection. */
  @State(Scope.Thread)
  public static class Listeners {
    @Param({
      "withoutListener",
      "noOpListener",
      "micrometerListener",
      "micrometerListenerTaggedByName"
    })
    public String variant;

    private Connection connection;
    private DSLContext ctx;
    private int calls;

    @Setup(Level.Trial)
    public void open() throws SQLException {
      connection = ListenerCpuTime.h2("bench-listener");
      ctx = ListenerCpuTime.variants(connection).get(variant);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
      connection.commit();
      connection.close();
    }
  }

  /** One issued call's event, and the listener that records it. */
  @State(Scope.Thread)
  public static class Micrometer {
    final MicrometerSequenceListener listener =
        new MicrometerSequenceListener(new SimpleMeterRegistry());
    final SequenceEvent event =
        new SequenceEvent("bench-listener", 1, SequenceEvent.Outcome.ISSUED, 2_000, null);
  }

  @Benchmark
  public long nextValue(Listeners listeners) throws SQLException {
    long value = SEQUENCE.nextValue(listeners.ctx);
    if ((++listeners.calls & 1023) == 0) {
      listeners.connection.commit();
    }
    return value;
  }

  /** The Micrometer listener's own work for one issued call. */
  @Benchmark
  public SequenceEvent micrometerOnNextAlone(Micrometer micrometer) {
    micrometer.listener.onNext(micrometer.event);
    return micrometer.event;
  }
}
