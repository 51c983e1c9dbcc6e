package org.textclf.eval.metrics;

/**
 * McNemar's exact test on paired predictions: under the null hypothesis that two models are equally accurate,
 * the documents exactly one of them gets right split 50/50, so the two-sided p-value is
 * {@code min(1, 2 * P(X <= min(b, c)))} with {@code X ~ Binomial(b + c, 1/2)} (as statsmodels'
 * {@code mcnemar(exact=True)} and scipy's {@code binomtest}). Stateless; thread-safe.
 */
public final class McNemar {

    private McNemar() {
    }

    /**
     * Exact two-sided p-value.
     *
     * @param onlyA documents only model A classifies correctly (b)
     * @param onlyB documents only model B classifies correctly (c)
     */
    public static double exactPValue(long onlyA, long onlyB) {
        if (onlyA < 0 || onlyB < 0) {
            throw new IllegalArgumentException("counts must be >= 0, were " + onlyA + " and " + onlyB);
        }
        long m = onlyA + onlyB;
        long k = Math.min(onlyA, onlyB);
        if (m == 0) {
            return 1.0;
        }
        // Sum C(m, i) / 2^m for i <= k in log space: C(m, i) overflows any primitive long before m = 70.
        double log2m = m * Math.log(2);
        double logC = 0; // log C(m, 0)
        double tail = 0;
        for (long i = 0; i <= k; i++) {
            if (i > 0) {
                logC += Math.log((double) (m - i + 1)) - Math.log((double) i);
            }
            tail += Math.exp(logC - log2m);
        }
        return Math.min(1.0, 2 * tail);
    }
}
