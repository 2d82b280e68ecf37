package dev.sequences.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gates of numbering at commit: order, release on every ending, bounded waits. */
class CounterGatesTest {

  private static final CounterGates.Key HOT = new CounterGates.Key("jdbc:test", "t", "hot");

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** A holder that runs until {@code release} opens, and says when it is in. */
  private Future<Long> holding(CountDownLatch in, CountDownLatch release) {
    return threads.submit(
        () ->
            CounterGates.through(
                HOT,
                false,
                () -> {
                  in.countDown();
                  await(release);
                  return 0L;
                }));
  }

  @Test
  void waitersGoThroughInTheOrderTheyCame() throws Exception {
    CountDownLatch in = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Long> holder = holding(in, release);
    assertTrue(in.await(10, TimeUnit.SECONDS));
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<Future<Long>> waiters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int index = i;
      waiters.add(
          threads.submit(
              () ->
                  CounterGates.through(
                      HOT, false, () -> CounterGates.isHeldHere(HOT) && order.add(index) ? 1 : 0)));
      // The next one comes only once this one waits at the gate.
      while (CounterGates.waiting(HOT) < i + 1) {
        Thread.onSpinWait();
      }
    }
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);
    for (Future<Long> waiter : waiters) {
      assertEquals(1L, waiter.get(10, TimeUnit.SECONDS));
    }
    assertEquals(List.of(0, 1, 2, 3, 4), order);
    assertEquals(0, CounterGates.inUse(), "a gate nobody uses is forgotten");
  }

  @Test
  void aFailedIssueLeavesTheGateOpen() throws Exception {
    IllegalStateException failure = new IllegalStateException("the statement failed");
    assertSame(
        failure,
        assertThrows(
            IllegalStateException.class,
            () ->
                CounterGates.through(
                    HOT,
                    false,
                    () -> {
                      throw failure;
                    })));
    assertEquals(0, CounterGates.inUse());
    assertEquals(
        7L,
        threads.submit(() -> CounterGates.through(HOT, true, () -> 7L)).get(10, TimeUnit.SECONDS));
  }

  @Test
  void aTryOnlyRequestDoesNotWaitForAHeldGate() throws Exception {
    CountDownLatch in = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Long> holder = holding(in, release);
    assertTrue(in.await(10, TimeUnit.SECONDS));
    // Goes without the gate at once: it would otherwise wait until the holder is released.
    assertEquals(
        3L,
        threads
            .submit(
                () -> CounterGates.through(HOT, true, () -> CounterGates.isHeldHere(HOT) ? 0 : 3L))
            .get(10, TimeUnit.SECONDS));
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWaitForAGateIsBounded() throws Exception {
    CountDownLatch in = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Long> holder = holding(in, release);
    assertTrue(in.await(10, TimeUnit.SECONDS));
    // The holder never leaves while this one waits: past the bound it goes without the gate.
    assertEquals(
        5L,
        threads
            .submit(
                () -> CounterGates.through(HOT, false, () -> CounterGates.isHeldHere(HOT) ? 0 : 5L))
            .get(CounterGates.LONGEST_WAIT_MILLIS * 10, TimeUnit.MILLISECONDS));
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);
    assertEquals(0, CounterGates.inUse());
  }

  @Test
  void distinctCountersDoNotWaitForEachOther() throws Exception {
    CountDownLatch in = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Long> holder = holding(in, release);
    assertTrue(in.await(10, TimeUnit.SECONDS));
    for (CounterGates.Key other :
        List.of(
            new CounterGates.Key("jdbc:other", "t", "hot"),
            new CounterGates.Key("jdbc:test", "u", "hot"),
            new CounterGates.Key("jdbc:test", "t", "cold"))) {
      // Only a try: it would not have the gate if the keys were one.
      assertEquals(
          1L,
          threads
              .submit(
                  () ->
                      CounterGates.through(
                          other, true, () -> CounterGates.isHeldHere(other) ? 1 : 0))
              .get(10, TimeUnit.SECONDS));
    }
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
