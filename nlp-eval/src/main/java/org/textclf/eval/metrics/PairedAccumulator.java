package org.textclf.eval.metrics;

import java.util.List;

/**
 * Accumulates two models' predictions on the same documents for a {@link PairedComparison}; both models' counts
 * in one replicate use the same Poisson weights, which is what makes the bootstrap paired. Memory:
 * 2 × replicates × (3 × labels + 2) longs. Not thread-safe.
 */
public final class PairedAccumulator {

    private final PoissonBootstrap bootstrap;
    private final long seed;
    private final LabelIndex index;
    private final SingleLabelMetrics.Accumulator observedA;
    private final SingleLabelMetrics.Accumulator observedB;
    private final WeightedCounts countsA;
    private final WeightedCounts countsB;
    private final int[] weights;
    private long bothCorrect;
    private long onlyA;
    private long onlyB;
    private long bothWrong;

    /**
     * @param replicates bootstrap replicates (e.g. 1000)
     * @param seed       random seed
     * @param labels     fixed label list, or null to discover
     */
    public PairedAccumulator(int replicates, long seed, List<String> labels) {
        this.bootstrap = new PoissonBootstrap(replicates, seed);
        this.seed = seed;
        this.index = new LabelIndex(labels);
        this.observedA = labels == null ? SingleLabelMetrics.accumulator() : SingleLabelMetrics.accumulator(labels);
        this.observedB = labels == null ? SingleLabelMetrics.accumulator() : SingleLabelMetrics.accumulator(labels);
        this.countsA = new WeightedCounts(replicates);
        this.countsB = new WeightedCounts(replicates);
        this.weights = new int[replicates];
    }

    /** Counts one document: its gold label and each model's prediction. */
    public PairedAccumulator add(String gold, String predictedA, String predictedB) {
        // validate everything before counting anything
        if (index.isFixed()) {
            index.indexOf(gold, "gold");
            index.indexOf(predictedA, "predicted");
            index.indexOf(predictedB, "predicted");
        } else if (gold == null || predictedA == null || predictedB == null) {
            throw new IllegalArgumentException("gold and both predicted labels are required");
        }
        observedA.add(gold, predictedA);
        observedB.add(gold, predictedB);
        int g = index.indexOf(gold, "gold");
        int a = index.indexOf(predictedA, "predicted");
        int b = index.indexOf(predictedB, "predicted");
        boolean rightA = a == g;
        boolean rightB = b == g;
        if (rightA && rightB) {
            bothCorrect++;
        } else if (rightA) {
            onlyA++;
        } else if (rightB) {
            onlyB++;
        } else {
            bothWrong++;
        }
        bootstrap.nextWeights(weights);
        countsA.add(g, a, weights);
        countsB.add(g, b, weights);
        return this;
    }

    /** The comparison at the given confidence (e.g. 0.95). */
    public PairedComparison result(double confidence) {
        SingleLabelMetrics a = observedA.result();
        SingleLabelMetrics b = observedB.result();
        // both accumulators saw the same label set; use the union order so macro-F1 covers the same labels
        List<String> order;
        if (index.isFixed()) {
            order = a.labels();
        } else {
            java.util.Set<String> union = new java.util.HashSet<>(a.labels());
            union.addAll(b.labels());
            order = LabelOrder.sorted(union);
        }
        SingleLabelMetrics fa = SingleLabelMetrics.fromConfusionMatrix(order, reorder(a, order));
        SingleLabelMetrics fb = SingleLabelMetrics.fromConfusionMatrix(order, reorder(b, order));
        int[] labels = index.permutation(order);
        int reps = bootstrap.replicates();
        double[] diff = new double[reps];
        long notAbove = 0;
        long notBelow = 0;
        for (int r = 0; r < reps; r++) {
            diff[r] = countsA.macroF1(r, labels) - countsB.macroF1(r, labels);
            if (diff[r] <= 0) {
                notAbove++;
            }
            if (diff[r] >= 0) {
                notBelow++;
            }
        }
        double p = Math.min(1.0, 2.0 * (Math.min(notAbove, notBelow) + 1) / (reps + 1));
        Interval interval = PoissonBootstrap.interval(fa.macroF1() - fb.macroF1(), diff, confidence);
        return new PairedComparison(bothCorrect + onlyA + onlyB + bothWrong, bothCorrect, onlyA, onlyB, bothWrong,
                McNemar.exactPValue(onlyA, onlyB), fa.macroF1(), fb.macroF1(), interval, p, reps, seed);
    }

    private static long[][] reorder(SingleLabelMetrics m, List<String> order) {
        long[][] cm = m.confusionMatrix();
        long[][] out = new long[order.size()][order.size()];
        for (int i = 0; i < order.size(); i++) {
            int si = m.labels().indexOf(order.get(i));
            for (int j = 0; j < order.size(); j++) {
                int sj = m.labels().indexOf(order.get(j));
                out[i][j] = si < 0 || sj < 0 ? 0 : cm[si][sj];
            }
        }
        return out;
    }
}
