package dev.sequences.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequences.jooq.GaplessSequence;
import dev.sequences.jooq.LockWait;
import dev.sequences.jooq.SequenceListener;
import dev.sequences.jooq.SequenceLockedException;
import dev.sequences.testfixtures.H2Counters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The "Metrics" example of docs/operations.md, run: it prints the registry's meters (after a
 * warm-up).
 */
class ReadmeExampleTest {

  static final GaplessSequence INVOICES_2026 = GaplessSequence.named("invoices-2026");
  static final GaplessSequence CREDIT_NOTES = GaplessSequence.named("credit-notes");

  @Test
  void printsTheMeters() throws Exception {
    DSLContext database = H2Counters.database("readme");
    // Warm the JVM up, without the listener, so that the times below are not jOOQ's start-up.
    GaplessSequence warmUp = GaplessSequence.named("warm-up");
    for (int i = 0; i < 2000; i++) {
      database.transaction(cfg -> warmUp.nextValue(cfg.dsl()));
    }
    SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    DataSource dataSource = H2Counters.dataSource("readme");

    // As in docs/operations.md:
    DefaultConfiguration configuration = new DefaultConfiguration();
    configuration.set(dataSource).set(SQLDialect.H2);
    SequenceListener.install(
        configuration,
        new MicrometerSequenceListener(meterRegistry, SequenceTags.byPrefix("invoices-")));
    DSLContext dsl = DSL.using(configuration);

    for (int i = 0; i < 3; i++) {
      dsl.transaction(cfg -> INVOICES_2026.nextValue(cfg.dsl()));
    }
    dsl.transaction(cfg -> CREDIT_NOTES.nextValues(cfg.dsl(), 10));
    try (H2Counters.Held holder = new H2Counters.Held(database, INVOICES_2026::nextValue)) {
      assertThrows(
          SequenceLockedException.class,
          () -> dsl.transaction(cfg -> INVOICES_2026.nextValue(cfg.dsl(), LockWait.NOWAIT)));
    }

    System.out.println(meterRegistry.getMetersAsString());
    assertEquals(
        3.0,
        meterRegistry
            .get("sequences.values.issued")
            .tag("sequence", "invoices-")
            .counter()
            .count());
    assertEquals(
        10.0,
        meterRegistry.get("sequences.values.issued").tag("sequence", "other").counter().count());
  }
}
