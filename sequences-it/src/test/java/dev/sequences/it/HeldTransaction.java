package dev.sequences.it;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.jooq.DSLContext;

/**
 * A transaction on its own thread that takes a value, then stays open, holding the sequence, until
 * the test commits or rolls it back. Every wait is bounded.
 */
final class HeldTransaction {

  private static final long TIMEOUT_SECONDS = 60;

  private final CompletableFuture<Long> taken = new CompletableFuture<>();
  private final CompletableFuture<Boolean> decision = new CompletableFuture<>();
  private final CompletableFuture<Void> ended;

  private HeldTransaction(DSLContext dsl, ToLongFunction<DSLContext> action) {
    ended =
        CompletableFuture.runAsync(
            () -> {
              try {
                dsl.transaction(
                    cfg -> {
                      taken.complete(action.applyAsLong(cfg.dsl()));
                      if (!decision.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new RollbackRequested();
                      }
                    });
              } catch (RollbackRequested expected) {
                // rolled back, as the test asked
              } catch (RuntimeException e) {
                taken.completeExceptionally(e);
                throw e;
              }
            },
            Threads.POOL);
  }

  /** Starts the transaction and waits until {@code action} returned its value. */
  static HeldTransaction start(DSLContext dsl, ToLongFunction<DSLContext> action) throws Exception {
    HeldTransaction held = new HeldTransaction(dsl, action);
    held.taken.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return held;
  }

  /** The value the action returned. */
  long value() throws Exception {
    return taken.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  void commit() throws Exception {
    decision.complete(true);
    ended.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  void rollback() throws Exception {
    decision.complete(false);
    ended.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static final class RollbackRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RollbackRequested() {
      super("rollback requested by the test", null, false, false);
    }
  }
}
