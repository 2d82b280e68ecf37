package dev.sequences.jooq;

import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;

/** A {@link SequenceDialect} whose increment also runs on this family's R2DBC drivers. */
interface ReactiveSequenceDialect {

  /**
   * {@link SequenceDialect#increment} on a context over one R2DBC connection, its statements
   * chained without blocking; the stage completes with the counter's new value or fails as the
   * statement failed.
   */
  CompletableFuture<Long> incrementReactive(
      DSLContext ctx, CounterTable table, Increment increment);
}
