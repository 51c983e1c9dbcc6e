package org.textclf.eval.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ROC and precision-recall curves of one binary (or one-vs-rest) problem, computed exactly as scikit-learn 1.2
 * does from the cumulative counts at each distinct score, highest score first.
 *
 * <ul>
 *   <li>{@link #rocCurve(boolean)}: {@code sklearn.metrics.roc_curve}; the first threshold is the highest score
 *       plus 1 (the 1.2 convention), {@code dropIntermediate=false} keeps every point.</li>
 *   <li>{@link #rocAuc()}: trapezoidal area under that curve ({@code roc_auc_score}); ties count one half.
 *       NaN when the gold data has no positive or no negative (scikit-learn raises an error there).</li>
 *   <li>{@link #prCurve()}: {@code precision_recall_curve}: increasing thresholds, then the final point
 *       (precision 1, recall 0) without a threshold.</li>
 *   <li>{@link #averagePrecision()}: {@code average_precision_score}, the step-wise sum
 *       {@code sum_k (R_k - R_{k-1}) P_k}, not the trapezoid. 0 when there are no positives.</li>
 * </ul>
 *
 * <p>When the curves come from a coarsened {@link ScoreHistogram}, {@link #isExact()} is false and the two error
 * bounds say by how much the AUC and AP can differ from the exact values.
 *
 * <p>Immutable; thread-safe.
 */
public final class BinaryCurves {

    private final double[] thresholds; // descending distinct scores
    private final long[] tps;          // cumulative true positives at score >= thresholds[k]
    private final long[] fps;          // cumulative false positives at score >= thresholds[k]
    private final boolean exact;

    BinaryCurves(double[] thresholds, long[] tps, long[] fps, boolean exact) {
        this.thresholds = thresholds;
        this.tps = tps;
        this.fps = fps;
        this.exact = exact;
    }

    /** Number of positive documents. */
    public long positives() {
        return tps.length == 0 ? 0 : tps[tps.length - 1];
    }

    /** Number of negative documents. */
    public long negatives() {
        return fps.length == 0 ? 0 : fps[fps.length - 1];
    }

    /** Whether every distinct score was kept, so every value equals scikit-learn's. */
    public boolean isExact() {
        return exact;
    }

    /** A curve as parallel arrays (copies). */
    public record Curve(double[] x, double[] y, double[] thresholds) {
    }

    /**
     * The ROC curve: x = false positive rate, y = true positive rate, thresholds descending.
     *
     * @param dropIntermediate drop points collinear with their neighbours (scikit-learn's default, smaller charts)
     */
    public Curve rocCurve(boolean dropIntermediate) {
        int m = thresholds.length;
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            if (!dropIntermediate || k == 0 || k == m - 1
                    || (fps[k + 1] - 2 * fps[k] + fps[k - 1]) != 0
                    || (tps[k + 1] - 2 * tps[k] + tps[k - 1]) != 0) {
                keep.add(k);
            }
        }
        int size = keep.size() + 1;
        double[] fpr = new double[size];
        double[] tpr = new double[size];
        double[] th = new double[size];
        long p = positives();
        long n = negatives();
        th[0] = m == 0 ? Double.POSITIVE_INFINITY : thresholds[0] + 1;
        fpr[0] = n > 0 ? 0.0 : Double.NaN;
        tpr[0] = p > 0 ? 0.0 : Double.NaN;
        for (int i = 0; i < keep.size(); i++) {
            int k = keep.get(i);
            fpr[i + 1] = n > 0 ? (double) fps[k] / n : Double.NaN;
            tpr[i + 1] = p > 0 ? (double) tps[k] / p : Double.NaN;
            th[i + 1] = thresholds[k];
        }
        return new Curve(fpr, tpr, th);
    }

    /** Area under the ROC curve, NaN when there is no positive or no negative. */
    public double rocAuc() {
        if (positives() == 0 || negatives() == 0) {
            return Double.NaN;
        }
        Curve roc = rocCurve(false);
        double[] x = roc.x();
        double[] y = roc.y();
        double area = 0;
        for (int i = 1; i < x.length; i++) {
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
        }
        return area;
    }

    /**
     * The precision-recall curve: x = recall, y = precision, thresholds increasing; the last point (recall 0,
     * precision 1) has no threshold, so {@code thresholds().length == x().length - 1}.
     */
    public Curve prCurve() {
        int m = thresholds.length;
        double[] precision = new double[m + 1];
        double[] recall = new double[m + 1];
        double[] th = new double[m];
        long p = positives();
        for (int i = 0; i < m; i++) {
            int k = m - 1 - i;
            precision[i] = precisionAt(k);
            recall[i] = p == 0 ? 1.0 : (double) tps[k] / p;
            th[i] = thresholds[k];
        }
        precision[m] = 1.0;
        recall[m] = 0.0;
        return new Curve(recall, precision, th);
    }

    /** Average precision, scikit-learn's step-wise definition; 0 without positives (as scikit-learn 1.2). */
    public double averagePrecision() {
        Curve pr = prCurve();
        double[] recall = pr.x();
        double[] precision = pr.y();
        double sum = 0;
        for (int i = 0; i + 1 < recall.length; i++) {
            sum += (recall[i + 1] - recall[i]) * precision[i];
        }
        return 0.0 - sum; // not -sum: no "-0.0" when there is nothing to sum
    }

    /**
     * Largest possible |AUC - exact AUC| caused by coarsening: every positive/negative pair that shares a
     * coarsened score counts 1/2 instead of 0 or 1. Exactly 0 for an exact histogram.
     */
    public double rocAucErrorBound() {
        if (exact || positives() == 0 || negatives() == 0) {
            return 0.0;
        }
        double tiedPairs = 0;
        for (int k = 0; k < thresholds.length; k++) {
            long pos = tps[k] - (k == 0 ? 0 : tps[k - 1]);
            long neg = fps[k] - (k == 0 ? 0 : fps[k - 1]);
            tiedPairs += (double) pos * neg;
        }
        return 0.5 * tiedPairs / ((double) positives() * negatives());
    }

    /**
     * Largest possible |AP - exact AP| caused by coarsening. Inside one coarsened score the exact curve would
     * step through intermediate counts; each of its precisions lies between
     * {@code (TP_prev+1)/(TP_prev+1+FP)} and {@code TP/(TP+FP_prev)}, so the bin's contribution can be off by at
     * most its recall step times that range. Exactly 0 for an exact histogram.
     */
    public double averagePrecisionErrorBound() {
        long p = positives();
        if (exact || p == 0) {
            return 0.0;
        }
        double bound = 0;
        for (int k = 0; k < thresholds.length; k++) {
            long tpPrev = k == 0 ? 0 : tps[k - 1];
            long fpPrev = k == 0 ? 0 : fps[k - 1];
            long pos = tps[k] - tpPrev;
            if (pos == 0) {
                continue;
            }
            double hi = (double) tps[k] / (tps[k] + fpPrev);
            double lo = (double) (tpPrev + 1) / (tpPrev + 1 + fps[k]);
            bound += (double) pos / p * (hi - lo);
        }
        return bound;
    }

    /**
     * The threshold maximising F1 of the positive label ("predict positive when score >= threshold"); among
     * equal F1 the highest threshold wins. Empty when there are no positives.
     */
    public Optional<ThresholdChoice> maxF1Threshold() {
        int best = -1;
        double bestF1 = -1;
        for (int k = 0; k < thresholds.length; k++) {
            double f1 = Ratios.f1(precisionAt(k), recallAt(k));
            if (f1 > bestF1) {
                bestF1 = f1;
                best = k;
            }
        }
        return best < 0 || positives() == 0 ? Optional.empty() : Optional.of(choice(ThresholdChoice.Criterion.MAX_F1, null, best));
    }

    /**
     * The threshold with the highest recall whose precision is at least {@code target}; among equal recall the
     * highest threshold wins. Empty when no threshold reaches the target.
     */
    public Optional<ThresholdChoice> thresholdForPrecision(double target) {
        checkTarget(target);
        int best = -1;
        for (int k = 0; k < thresholds.length; k++) {
            if (precisionAt(k) >= target && (best < 0 || tps[k] > tps[best])) {
                best = k;
            }
        }
        return best < 0 || positives() == 0 ? Optional.empty()
                : Optional.of(choice(ThresholdChoice.Criterion.TARGET_PRECISION, target, best));
    }

    /**
     * The threshold with the highest precision whose recall is at least {@code target}; among equal precision
     * the highest threshold wins. Empty when there are no positives.
     */
    public Optional<ThresholdChoice> thresholdForRecall(double target) {
        checkTarget(target);
        int best = -1;
        for (int k = 0; k < thresholds.length; k++) {
            if (recallAt(k) >= target && (best < 0 || precisionAt(k) > precisionAt(best))) {
                best = k;
            }
        }
        return best < 0 || positives() == 0 ? Optional.empty()
                : Optional.of(choice(ThresholdChoice.Criterion.TARGET_RECALL, target, best));
    }

    /**
     * Precision, recall and F1 of the rule "positive when score >= threshold" at any threshold: the
     * precision/recall trade-off at operating points of the caller's choice.
     */
    public ThresholdChoice operatingPoint(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must not be NaN");
        }
        // thresholds are descending: find the last one still >= threshold
        int lo = 0;
        int hi = thresholds.length - 1;
        int k = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (thresholds[mid] >= threshold) {
                k = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        long tp = k < 0 ? 0 : tps[k];
        long fp = k < 0 ? 0 : fps[k];
        double p = Ratios.divide(tp, tp + fp);
        double r = Ratios.divide(tp, positives());
        return new ThresholdChoice(ThresholdChoice.Criterion.FIXED, null, threshold, p, r, Ratios.f1(p, r));
    }

    private static void checkTarget(double target) {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("target must be in (0, 1], was " + target);
        }
    }

    private ThresholdChoice choice(ThresholdChoice.Criterion criterion, Double target, int k) {
        double p = precisionAt(k);
        double r = recallAt(k);
        return new ThresholdChoice(criterion, target, thresholds[k], p, r, Ratios.f1(p, r));
    }

    private double precisionAt(int k) {
        return Ratios.divide(tps[k], tps[k] + fps[k]);
    }

    private double recallAt(int k) {
        return Ratios.divide(tps[k], positives());
    }

    @Override
    public String toString() {
        return "BinaryCurves[positives=" + positives() + ", negatives=" + negatives() + ", thresholds="
                + thresholds.length + ", exact=" + exact + "]";
    }
}
