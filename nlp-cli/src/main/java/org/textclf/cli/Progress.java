package org.textclf.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.textclf.corpora.ReadOptions;

/**
 * Progress of a long run on standard error: documents, documents per second and, once the total is
 * known, an ETA. Shown only when there is a console ({@link System#console()}), so logs and pipes stay
 * clean.
 *
 * <p>The total comes from a second, low-priority pass over the inputs that only reads documents (no
 * cleaning, no network), started in the background; until it ends the bar shows a count without ETA. It
 * is skipped for standard input, which cannot be read twice.
 *
 * <p>{@link #step} is called from one thread (the writer); the counting thread only sets the total.
 */
class Progress implements AutoCloseable {

    /** Shows nothing. */
    static final Progress NONE = new Progress();

    private Progress() {
    }

    /** A progress display if standard error is (probably) a terminal, else {@link #NONE}. */
    static Progress start(long alreadyDone, List<Path> inputs, ReadOptions options) {
        if (System.console() == null) {
            return NONE;
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("classify")
                .setInitialMax(-1)
                .setUnit(" docs", 1)
                .showSpeed()
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .startsFrom(alreadyDone, Duration.ZERO)
                .build();
        Thread counter = null;
        if (inputs.stream().noneMatch(p -> p.toString().equals("-"))) {
            counter = new Thread(() -> {
                long n = 0;
                try (InputItems items = new InputItems(inputs, options)) {
                    while (items.hasNext() && !Thread.currentThread().isInterrupted()) {
                        items.next();
                        n++;
                    }
                } catch (RuntimeException e) {
                    return; // no total, no ETA: the run itself reports any problem with the inputs
                }
                if (!Thread.currentThread().isInterrupted()) {
                    bar.maxHint(n);
                }
            }, "textclf-classify-count");
            counter.setDaemon(true);
            counter.setPriority(Thread.MIN_PRIORITY);
            counter.start();
        }
        return new Bar(bar, counter);
    }

    /** Documents (or failed documents) done. */
    void step(long n) {
    }

    @Override
    public void close() {
    }

    private static final class Bar extends Progress {
        private final ProgressBar bar;
        private final Thread counter;

        Bar(ProgressBar bar, Thread counter) {
            this.bar = bar;
            this.counter = counter;
        }

        @Override
        void step(long n) {
            bar.stepBy(n);
        }

        @Override
        public void close() {
            if (counter != null) {
                counter.interrupt();
            }
            bar.close();
        }
    }
}
