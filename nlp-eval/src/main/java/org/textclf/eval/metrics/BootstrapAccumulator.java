package org.textclf.eval.metrics;

import java.util.List;

/**
 * Seeded bootstrap confidence intervals for accuracy and macro-F1, accumulated document by document with the
 * streaming Poisson bootstrap (see the package documentation and {@code PoissonBootstrap}). Memory:
 * replicates × (3 × labels + 2) longs, independent of the number of documents; time: O(replicates) per document.
 *
 * <pre>{@code
 * BootstrapAccumulator boot = new BootstrapAccumulator(1000, 42L, null);
 * for (...) boot.add(gold, predicted);
 * BootstrapResult r = boot.result(0.95);   // r.macroF1().lower(), r.macroF1().upper()
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class BootstrapAccumulator {

    private final PoissonBootstrap bootstrap;
    private final long seed;
    private final LabelIndex index;
    private final SingleLabelMetrics.Accumulator observed;
    private final WeightedCounts counts;
    private final int[] weights;

    /**
     * @param replicates number of bootstrap replicates (e.g. 1000)
     * @param seed       random seed
     * @param labels     fixed label list, or null to discover labels (code-point sorted)
     */
    public BootstrapAccumulator(int replicates, long seed, List<String> labels) {
        this.bootstrap = new PoissonBootstrap(replicates, seed);
        this.seed = seed;
        this.index = new LabelIndex(labels);
        this.observed = labels == null ? SingleLabelMetrics.accumulator() : SingleLabelMetrics.accumulator(labels);
        this.counts = new WeightedCounts(replicates);
        this.weights = new int[replicates];
    }

    /** Counts one document. */
    public BootstrapAccumulator add(String gold, String predicted) {
        observed.add(gold, predicted); // validates first, so a bad document is not half-counted
        int g = index.indexOf(gold, "gold");
        int p = index.indexOf(predicted, "predicted");
        counts.add(g, p, bootstrap.nextWeights(weights));
        return this;
    }

    /** The intervals at the given confidence (e.g. 0.95). */
    public BootstrapResult result(double confidence) {
        SingleLabelMetrics m = observed.result();
        int[] labels = index.permutation(m.labels());
        int b = bootstrap.replicates();
        double[] acc = new double[b];
        double[] f1 = new double[b];
        for (int r = 0; r < b; r++) {
            acc[r] = counts.accuracy(r);
            f1[r] = counts.macroF1(r, labels);
        }
        return new BootstrapResult(b, seed, PoissonBootstrap.interval(m.accuracy(), acc, confidence),
                PoissonBootstrap.interval(m.macroF1(), f1, confidence));
    }
}
