package dev.sequences.it;

import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/** Counts the statements jOOQ sends to the database. */
final class StatementCounter implements ExecuteListener {

  private static final long serialVersionUID = 1L;

  private final AtomicInteger count = new AtomicInteger();

  @Override
  public void executeStart(ExecuteContext ctx) {
    count.incrementAndGet();
  }

  void reset() {
    count.set(0);
  }

  int count() {
    return count.get();
  }
}
