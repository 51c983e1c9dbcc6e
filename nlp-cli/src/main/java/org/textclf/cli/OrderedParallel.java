package org.textclf.cli;

import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Maps a stream of work units on several threads and hands the results to one consumer IN INPUT ORDER,
 * with bounded memory.
 *
 * <p>Three stages: the calling thread's producer pulls units from the source and submits each to a
 * fixed pool of {@code threads} workers; a bounded FIFO of futures ({@code window} long) carries them to
 * the single consumer thread, which waits for the oldest and passes its result on. The producer blocks
 * when the window is full, so at most {@code window + threads + 1} units exist at once whatever the
 * source's length or how slow one unit is (a slow unit holds back the consumer, the window fills, the
 * producer waits), and the source is never read ahead further than that.
 *
 * <p>Failures: an exception in {@code work} or {@code sink} stops the run and is rethrown by
 * {@link #run} (its cause unwrapped); units are expected to report per-item failures in their result
 * instead. {@code stop} is polled before each unit is read and each result is consumed: when it turns
 * true, the run ends after the result being consumed, without reading further.
 *
 * <p>One run per instance; not thread-safe itself (it manages its own threads).
 *
 * @param <I> work unit
 * @param <O> result of a unit
 */
final class OrderedParallel<I, O> {

    private static final Object END = new Object();

    private final int threads;
    private final int window;
    private final String name;

    /**
     * @param threads workers, &ge; 1
     * @param window  results in flight between producer and consumer, &ge; 1
     * @param name    thread name prefix, for thread dumps
     */
    OrderedParallel(int threads, int window, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
        this.threads = threads;
        this.window = window;
        this.name = name;
    }

    /**
     * Runs to the end of {@code source} (or until {@code stop}), returning whether it ran to the end.
     *
     * @throws RuntimeException the first failure of the source, a unit or the sink
     */
    boolean run(Iterator<I> source, Function<I, O> work, Consumer<O> sink, BooleanSupplier stop) {
        ExecutorService workers = Executors.newFixedThreadPool(threads, named(name + "-worker"));
        BlockingQueue<Object> inFlight = new ArrayBlockingQueue<>(window);
        Failure failure = new Failure();
        boolean[] completed = {false};
        Thread consumer = named(name + "-writer").newThread(() -> {
            try {
                while (true) {
                    Object next = inFlight.take();
                    if (next == END) {
                        completed[0] = true;
                        return;
                    }
                    @SuppressWarnings("unchecked")
                    O result = ((Future<O>) next).get();
                    sink.accept(result);
                    if (stop.getAsBoolean()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                failure.set(e.getCause());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        consumer.start();
        try {
            while (consumer.isAlive() && !stop.getAsBoolean() && source.hasNext()) {
                I unit = source.next();
                Future<O> f = workers.submit(() -> work.apply(unit));
                // Offer with a timeout so a consumer that died (failure or stop) cannot leave us blocked forever.
                while (!inFlight.offer(f, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (!consumer.isAlive()) {
                        f.cancel(true);
                        break;
                    }
                }
            }
            if (consumer.isAlive() && !stop.getAsBoolean()) {
                while (!inFlight.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (!consumer.isAlive()) {
                        break;
                    }
                }
            }
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            consumer.interrupt();
            failure.set(e);
        } catch (RuntimeException | Error e) {
            consumer.interrupt();
            failure.set(e);
            try {
                consumer.join();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        } finally {
            workers.shutdownNow();
        }
        failure.rethrow();
        return completed[0];
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The first failure of any thread. */
    private static final class Failure {
        private Throwable first;

        synchronized void set(Throwable t) {
            if (first == null) {
                first = t;
            }
        }

        synchronized void rethrow() {
            if (first instanceof RuntimeException r) {
                throw r;
            }
            if (first instanceof Error e) {
                throw e;
            }
            if (first != null) {
                throw new IllegalStateException(first.getMessage(), first);
            }
        }
    }
}
