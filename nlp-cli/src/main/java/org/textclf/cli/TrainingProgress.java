package org.textclf.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.textclf.models.train.EpochStats;
import org.textclf.models.train.TrainingListener;

/**
 * Training progress on standard error: within an epoch the step, loss, docs/s and the ETA of the whole run; after
 * each epoch the validation metrics. On a terminal it is a progress bar redrawn in place; otherwise (a log file, a
 * pipe, a test) plain lines, one at most every {@code intervalMillis} within an epoch, so logs stay readable.
 *
 * <p>Called on the training thread only; not thread-safe.
 */
final class TrainingProgress implements TrainingListener {

    private final PrintWriter err;
    private final boolean interactive;
    private final int epochs;
    private final long intervalNanos;
    private final LongSupplier clock;
    private ProgressBar bar;
    private long lastLine;

    /**
     * @param interactive draw a progress bar (stderr is a terminal) instead of plain lines
     * @param epochs      the configured maximum, shown as "epoch 2/5"
     */
    TrainingProgress(PrintWriter err, boolean interactive, int epochs, long intervalMillis, LongSupplier clock) {
        this.err = err;
        this.interactive = interactive;
        this.epochs = epochs;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.clock = clock;
        this.lastLine = clock.getAsLong();
    }

    /**
     * Progress on {@code err}: a bar (drawn on {@code System.err}) when the process has a console, else a line
     * every 5 seconds.
     */
    static TrainingProgress of(PrintWriter err, int epochs) {
        return new TrainingProgress(err, System.console() != null, epochs, 5_000, System::nanoTime);
    }

    @Override
    public void onStep(Step s) {
        if (interactive) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", s.epoch(), epochs))
                        .setInitialMax(s.stepsPerEpoch()).setStyle(ProgressBarStyle.ASCII).hideEta()
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build();
            }
            bar.stepTo(s.step());
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f  %,.0f docs/s  ETA %s", s.loss(),
                    s.docsPerSecond(), duration(s.etaSeconds())));
            return;
        }
        long now = clock.getAsLong();
        if (s.step() < s.stepsPerEpoch() && now - lastLine >= intervalNanos) {
            lastLine = now;
            err.printf(Locale.ROOT, "epoch %d/%d  step %d/%d  loss %.4f  %,.0f docs/s  ETA %s%n", s.epoch(), epochs,
                    s.step(), s.stepsPerEpoch(), s.loss(), s.docsPerSecond(), duration(s.etaSeconds()));
            err.flush();
        }
    }

    @Override
    public void onEpoch(EpochStats e) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        err.printf(Locale.ROOT,
                "epoch %d/%d  train loss %.4f  valid loss %.4f  valid macro-F1 %.4f  valid accuracy %.4f  lr %.2e  %.1f s%n",
                e.epoch(), epochs, e.trainLoss(), e.validLoss(), e.validMacroF1(), e.validAccuracy(), e.learningRate(),
                e.seconds());
        err.flush();
        lastLine = clock.getAsLong();
    }

    /** "42s", "3m05s", "1h02m". */
    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
