package dev.sequences.bench;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.SequenceEvent;
import dev.sequences.jooq.SequenceListener;
import dev.sequences.micrometer.MicrometerSequenceListener;
import dev.sequences.micrometer.SequenceTags;
import dev.sequences.schema.SequencesSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@link SequenceListener}s cost a call: one {@code nextValue} on H2 in memory (the cheapest
 * call there is, so the listeners' share is as large as it gets) without a listener, with a
 * listener that does nothing, and with {@code MicrometerSequenceListener} on a {@code
 * SimpleMeterRegistry}, untagged and tagged by name; and apart, the Micrometer listener's {@code
 * onNext} alone. One connection out of auto-commit, committed every 1024 calls (the same for every
 * variant). Public API only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ListenerBenchmark {

  private static final GaplessSequence SEQUENCE = GaplessSequence.named("bench-listener");

  private Connection connection;
  private int calls;
  private DSLContext without;
  private DSLContext noOp;
  private DSLContext micrometer;
  private DSLContext micrometerByName;
  private MicrometerSequenceListener listener;
  private SequenceEvent event;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:bench-listener;DB_CLOSE_DELAY=-1");
    SequencesSchema.migrate(dataSource);
    connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    without = DSL.using(connection, SQLDialect.H2);
    noOp = DSL.using(SequenceListener.install(without.configuration().derive(), e -> {}));
    listener = new MicrometerSequenceListener(new SimpleMeterRegistry());
    micrometer = DSL.using(listener.installOn(without.configuration().derive()));
    Configuration byName = without.configuration().derive();
    new MicrometerSequenceListener(new SimpleMeterRegistry(), SequenceTags.name())
        .installOn(byName);
    micrometerByName = DSL.using(byName);
    event = new SequenceEvent("bench-listener", 1, SequenceEvent.Outcome.ISSUED, 2_000, null);
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    connection.commit();
    connection.close();
  }

  private long next(DSLContext ctx) throws SQLException {
    long value = SEQUENCE.nextValue(ctx);
    if ((++calls & 1023) == 0) {
      connection.commit();
    }
    return value;
  }

  @Benchmark
  public long withoutListener() throws SQLException {
    return next(without);
  }

  @Benchmark
  public long noOpListener() throws SQLException {
    return next(noOp);
  }

  @Benchmark
  public long micrometerListener() throws SQLException {
    return next(micrometer);
  }

  @Benchmark
  public long micrometerListenerTaggedByName() throws SQLException {
    return next(micrometerByName);
  }

  /** The Micrometer listener's own work for one issued call. */
  @Benchmark
  public SequenceEvent micrometerOnNextAlone() {
    listener.onNext(event);
    return event;
  }
}
