package org.textclf.eval.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The streaming ("Poisson") bootstrap behind {@link BootstrapAccumulator} and {@link PairedAccumulator}: instead of
 * resampling n documents with replacement, which needs all n documents in memory, every replicate gives every
 * document an independent Poisson(1) weight as it streams past. For large n this has the same distribution as the
 * multinomial bootstrap (Hanley &amp; MacGibbon 2006; Chamandy et al. 2012) and needs memory proportional to
 * replicates × labels only. Weights come from one {@link SplittableRandom} seeded by the caller, so the same
 * documents in the same order with the same seed give identical intervals. Not thread-safe.
 */
final class PoissonBootstrap {

    private static final double EXP_MINUS_ONE = Math.exp(-1);

    private final SplittableRandom random;
    private final int replicates;

    PoissonBootstrap(int replicates, long seed) {
        if (replicates < 1) {
            throw new IllegalArgumentException("bootstrap replicates must be >= 1, was " + replicates);
        }
        this.replicates = replicates;
        this.random = new SplittableRandom(seed);
    }

    int replicates() {
        return replicates;
    }

    /** Draws the next document's weight in every replicate (Knuth's multiplication method; mean 1). */
    int[] nextWeights(int[] into) {
        for (int b = 0; b < replicates; b++) {
            int k = 0;
            double p = random.nextDouble();
            while (p > EXP_MINUS_ONE) {
                k++;
                p *= random.nextDouble();
            }
            into[b] = k;
        }
        return into;
    }

    /** numpy's default ("linear") quantile of the values; sorts a copy. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    static Interval interval(double estimate, double[] replicateValues, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        double alpha = (1 - confidence) / 2;
        return new Interval(estimate, quantile(replicateValues, alpha), quantile(replicateValues, 1 - alpha),
                confidence);
    }
}
