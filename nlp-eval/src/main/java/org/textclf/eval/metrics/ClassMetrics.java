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

    /**
     * The mean of per-label metrics: unweighted (scikit-learn's macro average) or weighted by support
     * ({@code weighted}); the support of the result is the total support. No labels give zeros.
     */
    public static ClassMetrics average(ClassMetrics[] perLabel, boolean bySupport) {
        double p = 0;
        double r = 0;
        double f = 0;
        double weightSum = 0;
        long support = 0;
        for (ClassMetrics c : perLabel) {
            double w = bySupport ? c.support() : 1.0;
            p += w * c.precision();
            r += w * c.recall();
            f += w * c.f1();
            weightSum += w;
            support += c.support();
        }
        return new ClassMetrics(Ratios.divide(p, weightSum), Ratios.divide(r, weightSum),
                Ratios.divide(f, weightSum), support);
    }
}
