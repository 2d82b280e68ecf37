package dev.sequences.it;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The threads that the tests' concurrent transactions run on. */
final class Threads {

  static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "sequences-test");
            thread.setDaemon(true);
            return thread;
          });

  private Threads() {}
}
