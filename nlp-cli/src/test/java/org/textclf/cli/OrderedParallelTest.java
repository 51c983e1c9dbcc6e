package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ordered, bounded parallel map under seeded random unit durations. */
class OrderedParallelTest {

  /** A source that counts how many units have been read but not yet consumed. */
  private static final class Source implements Iterator<Integer> {
    private final int n;
    private int next;
    final AtomicInteger live;
    int maxLive;

    Source(int n, AtomicInteger live) {
      this.n = n;
      this.live = live;
    }

    @Override
    public boolean hasNext() {
      return next < n;
    }

    @Override
    public Integer next() {
      maxLive = Math.max(maxLive, live.incrementAndGet());
      return next++;
    }
  }

  @Test
  void resultsArriveInInputOrderWithBoundedUnitsInFlight() {
    for (int threads : new int[] {1, 2, 4}) {
      int window = 2 * threads + 2;
      AtomicInteger live = new AtomicInteger();
      Source source = new Source(300, live);
      List<Integer> out = new ArrayList<>();
      boolean done = new OrderedParallel<Integer, Integer>(threads, window, "test").run(source, i -> {
        // Seeded per unit, so slow and fast units interleave the same way on every run.
        sleep(new Random(i).nextInt(3));
        return i * 10;
      }, r -> {
        out.add(r);
        live.decrementAndGet();
      }, () -> false);
      assertTrue(done);
      assertEquals(IntStream.range(0, 300).map(i -> i * 10).boxed().toList(), out, "threads " + threads);
      assertTrue(source.maxLive <= window + 2, "threads " + threads + ": " + source.maxLive + " units in flight");
    }
  }

  @Test
  void aSlowFirstUnitHoldsBackTheReaderInsteadOfBufferingTheRest() {
    AtomicInteger live = new AtomicInteger();
    Source source = new Source(100, live);
    List<Integer> out = new ArrayList<>();
    new OrderedParallel<Integer, Integer>(3, 4, "test").run(source, i -> {
      if (i == 0) {
        sleep(300);
      }
      return i;
    }, r -> {
      out.add(r);
      live.decrementAndGet();
    }, () -> false);
    assertEquals(100, out.size());
    assertTrue(source.maxLive <= 6, source.maxLive + " units read while the first was still running");
  }

  @Test
  void aFailingUnitStopsTheRunAndIsRethrown() {
    List<Integer> out = new ArrayList<>();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new OrderedParallel<Integer, Integer>(2, 3, "test").run(new Source(1000, new AtomicInteger()), i -> {
          if (i == 17) {
            throw new IllegalStateException("unit 17 failed");
          }
          return i;
        }, out::add, () -> false));
    assertEquals("unit 17 failed", e.getMessage());
    assertEquals(IntStream.range(0, 17).boxed().toList(), out, "everything before the failure, nothing after");
  }

  @Test
  void stopEndsTheRunAfterTheResultBeingConsumed() {
    List<Integer> out = new ArrayList<>();
    Source source = new Source(1000, new AtomicInteger());
    boolean done = new OrderedParallel<Integer, Integer>(2, 3, "test").run(source, i -> i, out::add,
        () -> out.size() >= 25);
    assertFalse(done);
    assertEquals(IntStream.range(0, 25).boxed().toList(), out);
    assertTrue(source.next < 40, "read " + source.next + " units for 25 results");
  }

  @Test
  void badArgumentsFailFast() {
    assertEquals("threads must be >= 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> new OrderedParallel<>(0, 1, "x")).getMessage());
    assertEquals("window must be >= 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> new OrderedParallel<>(1, 0, "x")).getMessage());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
