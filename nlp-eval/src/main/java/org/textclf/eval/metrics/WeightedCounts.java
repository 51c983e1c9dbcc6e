package org.textclf.eval.metrics;

import java.util.Arrays;

/**
 * Per-replicate weighted tp/fp/fn counts per label plus correct/total: enough for accuracy and macro-F1 with
 * memory replicates × (3 × labels + 2). Grows when labels are discovered. Not thread-safe.
 */
final class WeightedCounts {

    private final int replicates;
    private long[][] perLabel; // [replicate][3 * label + {0 tp, 1 fp, 2 fn}]
    private final long[] correct;
    private final long[] total;

    WeightedCounts(int replicates) {
        this.replicates = replicates;
        this.perLabel = new long[replicates][3 * 8];
        this.correct = new long[replicates];
        this.total = new long[replicates];
    }

    void add(int gold, int predicted, int[] weights) {
        int needed = 3 * (Math.max(gold, predicted) + 1);
        if (needed > perLabel[0].length) {
            int size = Math.max(needed, perLabel[0].length * 2);
            for (int b = 0; b < replicates; b++) {
                perLabel[b] = Arrays.copyOf(perLabel[b], size);
            }
        }
        for (int b = 0; b < replicates; b++) {
            int w = weights[b];
            if (w == 0) {
                continue;
            }
            long[] c = perLabel[b];
            total[b] += w;
            if (gold == predicted) {
                c[3 * gold] += w;
                correct[b] += w;
            } else {
                c[3 * predicted + 1] += w;
                c[3 * gold + 2] += w;
            }
        }
    }

    double accuracy(int b) {
        return Ratios.divide(correct[b], total[b]);
    }

    /** Macro-F1 over the given internal label indices (all reporting labels, zero-support ones included). */
    double macroF1(int b, int[] labels) {
        if (labels.length == 0) {
            return 0.0;
        }
        double sum = 0;
        long[] c = perLabel[b];
        for (int i : labels) {
            long tp = at(c, 3 * i);
            long fp = at(c, 3 * i + 1);
            long fn = at(c, 3 * i + 2);
            sum += Ratios.f1(Ratios.divide(tp, tp + fp), Ratios.divide(tp, tp + fn));
        }
        return sum / labels.length;
    }

    private static long at(long[] c, int i) {
        return i < c.length ? c[i] : 0;
    }
}
