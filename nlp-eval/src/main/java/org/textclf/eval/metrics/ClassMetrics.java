package org.textclf.eval.metrics;

/**
 * Precision, recall, F1 and support of one label, or an average of them ({@code support} is then the total
 * number of gold occurrences the average covers). Ratios with a zero denominator are 0, as scikit-learn's
 * {@code zero_division=0}.
 *
 * <p>Immutable; thread-safe.
 *
 * @param precision tp / (tp + fp)
 * @param recall    tp / (tp + fn)
 * @param f1        harmonic mean of precision and recall
 * @param support   number of gold occurrences (tp + fn)
 */
public record ClassMetrics(double precision, double recall, double f1, long support) {

    /** Metrics of one label from its counts, zero division giving 0. */
    public static ClassMetrics fromCounts(long tp, long fp, long fn) {
        double p = Ratios.divide(tp, tp + fp);
        double r = Ratios.divide(tp, tp + fn);
        return new ClassMetrics(p, r, Ratios.f1(p, r), tp + fn);
    }
}
