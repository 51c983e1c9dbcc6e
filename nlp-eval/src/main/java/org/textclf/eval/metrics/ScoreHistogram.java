package org.textclf.eval.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Streaming, bounded-memory counts of (score, is-positive) pairs from which ROC and precision-recall curves are
 * built.
 *
 * <p><b>How memory stays bounded and what it costs in accuracy.</b> scikit-learn's curves depend only on how many
 * positives and negatives share each <em>distinct</em> score. This class therefore keeps one pair of counters per
 * distinct score, which is exact, as long as there are at most {@code maxDistinct} of them. When a new score would
 * exceed that, scores are coarsened: the lowest mantissa bits of every score are zeroed (one more bit each
 * time, repeated until the entries fit). Zeroing mantissa bits is monotone, so coarsening only merges runs of adjacent
 * scores into ties and never reorders two scores. The effect on the results is therefore bounded, and the bound is
 * computed from the counts themselves ({@link BinaryCurves#rocAucErrorBound()},
 * {@link BinaryCurves#averagePrecisionErrorBound()}); it is exactly 0 while the histogram is exact. With the
 * default of 65,536 entries a corpus whose scores have fewer distinct values than that (every test set up to that
 * size, and any model that rounds its scores) is evaluated exactly; memory is at most a few MB per label.
 *
 * <p>Not thread-safe: one instance per accumulating thread (use {@link #merge} to combine).
 */
public final class ScoreHistogram {

    /** Default maximum number of distinct score entries kept. */
    public static final int DEFAULT_MAX_DISTINCT = 1 << 16;
    /**
     * The smallest allowed maximum: with all 52 mantissa bits dropped, a double keeps only its sign and exponent,
     * so there can be at most about 4,100 distinct coarsened scores; the bound guarantees coarsening terminates.
     */
    public static final int MIN_MAX_DISTINCT = 1 << 13;

    private static final int MANTISSA_BITS = 52;

    private final int maxDistinct;
    private int droppedBits;
    private Map<Double, long[]> counts = new HashMap<>();
    private long positives;
    private long negatives;

    /** A histogram with {@link #DEFAULT_MAX_DISTINCT} entries at most. */
    public ScoreHistogram() {
        this(DEFAULT_MAX_DISTINCT);
    }

    /**
     * A histogram keeping at most {@code maxDistinct} distinct scores.
     *
     * @throws IllegalArgumentException if {@code maxDistinct < MIN_MAX_DISTINCT}
     */
    public ScoreHistogram(int maxDistinct) {
        if (maxDistinct < MIN_MAX_DISTINCT) {
            throw new IllegalArgumentException(
                    "maxDistinct must be >= " + MIN_MAX_DISTINCT + ", was " + maxDistinct);
        }
        this.maxDistinct = maxDistinct;
    }

    /**
     * Counts one document.
     *
     * @param score    the classifier's score for the positive label (any finite or infinite double, not NaN)
     * @param positive whether the gold label is the positive one
     * @throws IllegalArgumentException if the score is NaN
     */
    public void add(double score, boolean positive) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score must not be NaN");
        }
        long[] c = counts.get(quantize(score));
        if (c == null) {
            if (counts.size() >= maxDistinct) {
                coarsen(1);
            }
            c = counts.computeIfAbsent(quantize(score), k -> new long[2]);
        }
        c[positive ? 1 : 0]++;
        if (positive) {
            positives++;
        } else {
            negatives++;
        }
    }

    /** Adds all counts of {@code other} (e.g. from another thread) to this histogram. */
    public void merge(ScoreHistogram other) {
        if (other.droppedBits > droppedBits) {
            droppedBits = other.droppedBits;
            requantize();
        }
        for (Map.Entry<Double, long[]> e : other.counts.entrySet()) {
            long[] c = counts.computeIfAbsent(quantize(e.getKey()), k -> new long[2]);
            c[0] += e.getValue()[0];
            c[1] += e.getValue()[1];
        }
        positives += other.positives;
        negatives += other.negatives;
        if (counts.size() > maxDistinct) {
            coarsen(0);
        }
    }

    /** Number of positives counted so far. */
    public long positives() {
        return positives;
    }

    /** Number of negatives counted so far. */
    public long negatives() {
        return negatives;
    }

    /** Whether no coarsening has happened, i.e. curves built now equal scikit-learn's exactly. */
    public boolean isExact() {
        return droppedBits == 0;
    }

    /** Number of distinct (possibly coarsened) scores currently held. */
    public int distinctScores() {
        return counts.size();
    }

    /** Builds the curves from the counts so far (the histogram can keep accumulating afterwards). */
    public BinaryCurves curves() {
        double[] scores = new double[counts.size()];
        int i = 0;
        for (Double s : counts.keySet()) {
            scores[i++] = s;
        }
        Arrays.sort(scores);
        int m = scores.length;
        // Descending score order, cumulative counts: sklearn's _binary_clf_curve output.
        double[] thresholds = new double[m];
        long[] tps = new long[m];
        long[] fps = new long[m];
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < m; k++) {
            double s = scores[m - 1 - k];
            long[] c = counts.get(s);
            tp += c[1];
            fp += c[0];
            thresholds[k] = s;
            tps[k] = tp;
            fps[k] = fp;
        }
        return new BinaryCurves(thresholds, tps, fps, isExact());
    }

    private double quantize(double score) {
        if (score == 0.0) {
            return 0.0; // -0.0 and 0.0 are the same score (numpy compares them equal)
        }
        if (droppedBits == 0 || Double.isInfinite(score)) {
            return score;
        }
        long bits = Double.doubleToRawLongBits(score);
        double q = Double.longBitsToDouble(bits & ~((1L << droppedBits) - 1));
        return q == 0.0 ? 0.0 : q;
    }

    /**
     * Drops one more mantissa bit at a time (each step roughly halves the entries) until the entries plus
     * {@code extra} new ones fit. Scores only ever get coarser, so this happens at most 52 times in total.
     */
    private void coarsen(int extra) {
        while (counts.size() + extra > maxDistinct && droppedBits < MANTISSA_BITS) {
            droppedBits++;
            requantize();
        }
    }

    private void requantize() {
        Map<Double, long[]> next = new HashMap<>();
        for (Map.Entry<Double, long[]> e : counts.entrySet()) {
            long[] c = next.computeIfAbsent(quantize(e.getKey()), k -> new long[2]);
            c[0] += e.getValue()[0];
            c[1] += e.getValue()[1];
        }
        counts = next;
    }

    @Override
    public String toString() {
        return "ScoreHistogram[positives=" + positives + ", negatives=" + negatives + ", distinct=" + counts.size()
                + ", maxDistinct=" + maxDistinct + ", droppedMantissaBits=" + droppedBits + "]";
    }
}
