package dev.sequences.bench.interleaved;

import dev.sequences.bench.BenchDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads of this JVM on the benchmark's pool, started together behind a latch once each holds its
 * pooled connection's place; the time runs until the last thread ends.
 */
final class JavaContender extends Contender {

  /** One call, on thread {@code thread} (0 to threads - 1). */
  interface Call {
    void call(int thread) throws Exception;
  }

  private final BenchDatabase db;
  private final Call call;

  JavaContender(BenchDatabase db, String name, int threads, Call call) {
    super(name, threads);
    this.db = db;
    this.call = call;
  }

  @Override
  Result run(Load load) throws Exception {
    db.prime(threads);
    Run run = new Run(load);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> run.work(thread), "interleaved-" + thread);
      workers.add(worker);
      worker.start();
    }
    run.ready.await();
    long begin = System.nanoTime();
    run.deadline = begin + (long) (load.seconds() * 1e9);
    run.start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    Throwable failure = run.failure.get();
    if (failure != null) {
      throw new IllegalStateException(name + " failed: " + failure, failure);
    }
    return new Result(run.calls.get(), (run.lastEnd.get() - begin) / 1e9);
  }

  /** One run's threads: they wait for the start, call until the load is done, and count. */
  private final class Run {
    final CountDownLatch ready = new CountDownLatch(threads);
    final CountDownLatch start = new CountDownLatch(1);
    final AtomicLong calls = new AtomicLong();
    final AtomicLong lastEnd = new AtomicLong();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final Load load;
    // Written before start.countDown(), read after start.await(): the latch orders them.
    long deadline;

    Run(Load load) {
      this.load = load;
    }

    void work(int thread) {
      ready.countDown();
      try {
        start.await();
        long done = 0;
        while (!finished(done) && failure.get() == null) {
          call.call(thread);
          done++;
        }
        calls.addAndGet(done);
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      } finally {
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
      }
    }

    private boolean finished(long done) {
      return load.seconds() > 0 ? System.nanoTime() >= deadline : done >= load.callsPerThread();
    }
  }
}
