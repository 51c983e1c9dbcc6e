package org.textclf.eval.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Metrics of a single-label classification, matching scikit-learn 1.2 with {@code zero_division=0}: accuracy;
 * per-label precision, recall, F1 and support; macro, micro and support-weighted averages; the confusion matrix
 * (rows = gold, columns = predicted); Matthews correlation; Cohen's kappa; and, when scores were given, binary ROC
 * AUC and average precision (of {@link #positiveLabel()}) or the one-vs-rest macro ROC AUC.
 *
 * <pre>{@code
 * SingleLabelMetrics.Accumulator acc = SingleLabelMetrics.accumulator(List.of("neg", "pos"));
 * for (Prediction p : predictions) acc.add(p.goldLabel(), p.label(), p.scores());
 * SingleLabelMetrics m = acc.result();
 * double f1 = m.macroF1();
 * }</pre>
 *
 * <p>Conventions: labels absent from both gold and predictions still count in macro averages when listed (as
 * scikit-learn with {@code labels=}); a ratio with a zero denominator is 0; the Matthews correlation is 0 when
 * undefined (as scikit-learn); Cohen's kappa is NaN when undefined (e.g. empty input, or a single label that is
 * always right), as scikit-learn 1.2 returns {@code nan}. Empty input gives accuracy 0.
 *
 * <p>Instances are immutable and thread-safe. {@link Accumulator} is not thread-safe.
 */
public final class SingleLabelMetrics {

    private final List<String> labels;
    private final long[][] confusion;
    private final long n;
    private final ClassMetrics[] perClass;
    private final ClassMetrics macro;
    private final ClassMetrics micro;
    private final ClassMetrics weighted;
    private final double accuracy;
    private final double mcc;
    private final double kappa;
    private final String positiveLabel;
    private final Map<String, BinaryCurves> curves;

    private SingleLabelMetrics(List<String> labels, long[][] confusion, String positiveLabel,
                               Map<String, BinaryCurves> curves) {
        this.labels = List.copyOf(labels);
        this.confusion = confusion;
        this.positiveLabel = positiveLabel;
        this.curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
        int k = labels.size();
        long[] rowSum = new long[k];
        long[] colSum = new long[k];
        long correct = 0;
        long total = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rowSum[i] += confusion[i][j];
                colSum[j] += confusion[i][j];
                total += confusion[i][j];
            }
            correct += confusion[i][i];
        }
        this.n = total;
        this.accuracy = Ratios.divide(correct, total);
        this.perClass = new ClassMetrics[k];
        long tpSum = 0;
        long fpSum = 0;
        long fnSum = 0;
        for (int i = 0; i < k; i++) {
            long tp = confusion[i][i];
            perClass[i] = ClassMetrics.fromCounts(tp, colSum[i] - tp, rowSum[i] - tp);
            tpSum += tp;
            fpSum += colSum[i] - tp;
            fnSum += rowSum[i] - tp;
        }
        this.macro = ClassMetrics.average(perClass, false);
        this.weighted = ClassMetrics.average(perClass, true);
        ClassMetrics m = ClassMetrics.fromCounts(tpSum, fpSum, fnSum);
        this.micro = m;
        this.mcc = matthews(confusion, rowSum, colSum, correct, total);
        this.kappa = cohenKappa(confusion, rowSum, colSum, total);
    }

    // ---------------------------------------------------------------- construction

    /** A streaming accumulator over a fixed label list (unknown labels are errors). */
    public static Accumulator accumulator(List<String> labels) {
        return new Accumulator(MetricsOptions.builder().labels(Objects.requireNonNull(labels, "labels")).build());
    }

    /** A streaming accumulator that discovers labels (gold, predicted and score keys) and sorts them by code point. */
    public static Accumulator accumulator() {
        return new Accumulator(MetricsOptions.DEFAULTS);
    }

    /** A streaming accumulator with full options. */
    public static Accumulator accumulator(MetricsOptions options) {
        return new Accumulator(Objects.requireNonNull(options, "options"));
    }

    /**
     * Metrics of parallel gold and predicted lists.
     *
     * @param labels label order, or null to use the code-point-sorted union of gold and predicted
     */
    public static SingleLabelMetrics of(List<String> labels, List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(
                    "gold has " + gold.size() + " labels but predicted has " + predicted.size());
        }
        Accumulator acc = labels == null ? accumulator() : accumulator(labels);
        for (int i = 0; i < gold.size(); i++) {
            acc.add(gold.get(i), predicted.get(i));
        }
        return acc.result();
    }

    /**
     * Metrics from a confusion matrix (rows = gold, columns = predicted, in {@code labels} order), without scores.
     */
    public static SingleLabelMetrics fromConfusionMatrix(List<String> labels, long[][] confusion) {
        List<String> checked = LabelOrder.checked(labels);
        if (confusion.length != checked.size()) {
            throw new IllegalArgumentException("confusion matrix has " + confusion.length + " rows for "
                    + checked.size() + " labels");
        }
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            if (confusion[i].length != checked.size()) {
                throw new IllegalArgumentException("confusion matrix row " + i + " has " + confusion[i].length
                        + " columns for " + checked.size() + " labels");
            }
            for (long c : confusion[i]) {
                if (c < 0) {
                    throw new IllegalArgumentException("confusion matrix counts must be >= 0, was " + c);
                }
            }
            copy[i] = confusion[i].clone();
        }
        return new SingleLabelMetrics(checked, copy, checked.size() == 2 ? checked.get(1) : null, Map.of());
    }

    // ---------------------------------------------------------------- metrics

    /** The labels in reporting order (rows/columns of the confusion matrix). */
    public List<String> labels() {
        return labels;
    }

    /** Number of documents. */
    public long n() {
        return n;
    }

    /** Fraction of documents whose predicted label equals the gold label (0 for empty input). */
    public double accuracy() {
        return accuracy;
    }

    /** Metrics of one label. */
    public ClassMetrics classMetrics(String label) {
        return perClass[indexOf(label)];
    }

    /** Precision of one label. */
    public double precision(String label) {
        return classMetrics(label).precision();
    }

    /** Recall of one label. */
    public double recall(String label) {
        return classMetrics(label).recall();
    }

    /** F1 of one label. */
    public double f1(String label) {
        return classMetrics(label).f1();
    }

    /** Number of gold occurrences of one label. */
    public long support(String label) {
        return classMetrics(label).support();
    }

    /** Unweighted mean over labels of precision, recall and F1 (support = n). */
    public ClassMetrics macro() {
        return macro;
    }

    /** Precision, recall and F1 from pooled counts (all equal accuracy in single-label tasks). */
    public ClassMetrics micro() {
        return micro;
    }

    /** Support-weighted mean over labels. */
    public ClassMetrics weighted() {
        return weighted;
    }

    /** Macro-averaged precision. */
    public double macroPrecision() {
        return macro.precision();
    }

    /** Macro-averaged recall. */
    public double macroRecall() {
        return macro.recall();
    }

    /** Macro-averaged F1 (the mean of per-label F1, as scikit-learn). */
    public double macroF1() {
        return macro.f1();
    }

    /** Micro-averaged precision. */
    public double microPrecision() {
        return micro.precision();
    }

    /** Micro-averaged recall. */
    public double microRecall() {
        return micro.recall();
    }

    /** Micro-averaged F1. */
    public double microF1() {
        return micro.f1();
    }

    /** Support-weighted precision. */
    public double weightedPrecision() {
        return weighted.precision();
    }

    /** Support-weighted recall. */
    public double weightedRecall() {
        return weighted.recall();
    }

    /** Support-weighted F1. */
    public double weightedF1() {
        return weighted.f1();
    }

    /** Confusion matrix, rows = gold, columns = predicted, in {@link #labels()} order (a copy). */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Matthews correlation coefficient (multi-class generalisation); 0 when undefined. */
    public double mcc() {
        return mcc;
    }

    /** Cohen's kappa between gold and predicted; NaN when undefined. */
    public double cohenKappa() {
        return kappa;
    }

    /** Whether scores were accumulated, so ranking metrics are available. */
    public boolean hasScores() {
        return !curves.isEmpty();
    }

    /** Whether there are exactly two labels. */
    public boolean isBinary() {
        return labels.size() == 2;
    }

    /** The positive label of a binary task (named, or the last label); empty for other tasks. */
    public Optional<String> positiveLabel() {
        return Optional.ofNullable(positiveLabel);
    }

    /** One-vs-rest curves of a label, present when every document had a score for it. */
    public Optional<BinaryCurves> curves(String label) {
        indexOf(label);
        return Optional.ofNullable(curves.get(label));
    }

    /** Binary ROC AUC of the positive label; NaN without scores, for non-binary tasks, or when undefined. */
    public double rocAuc() {
        BinaryCurves c = positiveLabel == null ? null : curves.get(positiveLabel);
        return c == null ? Double.NaN : c.rocAuc();
    }

    /** Binary average precision of the positive label; NaN without scores or for non-binary tasks. */
    public double averagePrecision() {
        BinaryCurves c = positiveLabel == null ? null : curves.get(positiveLabel);
        return c == null ? Double.NaN : c.averagePrecision();
    }

    /**
     * One-vs-rest ROC AUC averaged without weights over all labels ({@code roc_auc_score(multi_class="ovr")}).
     * NaN when a label has no scores, or when a label never or always occurs in gold (scikit-learn raises then).
     */
    public double rocAucOvrMacro() {
        if (curves.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (String label : labels) {
            BinaryCurves c = curves.get(label);
            if (c == null) {
                return Double.NaN;
            }
            sum += c.rocAuc(); // NaN propagates: an undefined per-label AUC makes the average undefined
        }
        return sum / labels.size();
    }

    private int indexOf(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("unknown label '" + label + "'; labels are " + labels);
        }
        return i;
    }

    // ---------------------------------------------------------------- formulas


    /** scikit-learn's multi-class MCC from the confusion matrix; 0 when a marginal is degenerate. */
    private static double matthews(long[][] c, long[] t, long[] p, long correct, long n) {
        double tp = 0;
        double tt = 0;
        double pp = 0;
        for (int i = 0; i < t.length; i++) {
            tp += (double) t[i] * p[i];
            tt += (double) t[i] * t[i];
            pp += (double) p[i] * p[i];
        }
        double nn = (double) n * n;
        double covYtYp = (double) correct * n - tp;
        double covYpYp = nn - pp;
        double covYtYt = nn - tt;
        if (covYpYp * covYtYt == 0) {
            return 0.0;
        }
        return covYtYp / Math.sqrt(covYtYt * covYpYp);
    }

    /** scikit-learn's unweighted kappa: 1 - observed disagreement / expected disagreement. */
    private static double cohenKappa(long[][] c, long[] rowSum, long[] colSum, long n) {
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                if (i != j) {
                    observed += c[i][j];
                    // sklearn: outer(sum0, sum1) / total, sum0 = column sums, sum1 = row sums
                    expected += (double) colSum[i] * rowSum[j] / n;
                }
            }
        }
        if (n == 0 || expected == 0) {
            return Double.NaN;
        }
        return 1 - observed / expected;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "SingleLabelMetrics[n=%d, labels=%s, accuracy=%.4f, macroF1=%.4f]",
                n, labels, accuracy, macro.f1());
    }

    // ---------------------------------------------------------------- streaming

    /**
     * Accumulates documents one at a time in memory independent of their number (a K×K count matrix plus one
     * bounded {@link ScoreHistogram} per scored label). Not thread-safe; use one per thread.
     */
    public static final class Accumulator {

        private final MetricsOptions options;
        private final LabelIndex index;
        private final GrowableMatrix matrix = new GrowableMatrix();
        private final Map<String, ScoreHistogram> histograms = new LinkedHashMap<>();
        private TreeSet<String> scoreKeys;
        private Boolean withScores;
        private long count;

        Accumulator(MetricsOptions options) {
            this.options = options;
            this.index = new LabelIndex(options.labels());
        }

        /** Counts one document without scores. */
        public Accumulator add(String gold, String predicted) {
            return add(gold, predicted, null);
        }

        /**
         * Counts one document.
         *
         * @param gold      the gold label
         * @param predicted the predicted label (drives the classification metrics)
         * @param scores    per-label scores (drive the ranking metrics), or null; either every document has scores
         *                  for the same labels or none has
         * @throws IllegalArgumentException on an unknown label (fixed label list), a missing label, a NaN score,
         *                                  or scores inconsistent with earlier documents; the document is then
         *                                  not counted
         */
        public Accumulator add(String gold, String predicted, Map<String, Double> scores) {
            if (gold == null || predicted == null) {
                throw new IllegalArgumentException((gold == null ? "gold" : "predicted") + " label is missing");
            }
            boolean hasScores = scores != null && !scores.isEmpty();
            if (withScores != null && withScores != hasScores) {
                throw new IllegalArgumentException(hasScores
                        ? "this document has scores but the earlier ones had none"
                        : "this document has no scores but the earlier ones had");
            }
            if (hasScores) {
                checkScores(scores);
            }
            int g = index.indexOf(gold, "gold");
            int p = index.indexOf(predicted, "predicted");
            if (hasScores) {
                if (scoreKeys == null) {
                    for (String key : scores.keySet()) {
                        index.indexOf(key, "score");
                    }
                    scoreKeys = new TreeSet<>(scores.keySet());
                    for (String key : scoreKeys) {
                        histograms.put(key, new ScoreHistogram(options.maxDistinctScores()));
                    }
                }
                for (Map.Entry<String, Double> e : scores.entrySet()) {
                    histograms.get(e.getKey()).add(e.getValue(), e.getKey().equals(gold));
                }
            }
            withScores = hasScores;
            matrix.increment(g, p, 1);
            count++;
            return this;
        }

        private void checkScores(Map<String, Double> scores) {
            for (Map.Entry<String, Double> e : scores.entrySet()) {
                if (e.getValue() == null || e.getValue().isNaN()) {
                    throw new IllegalArgumentException("score of label '" + e.getKey() + "' is " + e.getValue());
                }
                if (scoreKeys == null && index.isFixed()) {
                    index.indexOf(e.getKey(), "score");
                }
            }
            if (scoreKeys != null && !scoreKeys.equals(new TreeSet<>(scores.keySet()))) {
                throw new IllegalArgumentException("scores are given for labels " + new TreeSet<>(scores.keySet())
                        + " but earlier documents had scores for " + scoreKeys);
            }
        }

        /** Number of documents counted so far. */
        public long count() {
            return count;
        }

        /**
         * The metrics of everything counted so far (the accumulator can keep going afterwards).
         *
         * @throws IllegalArgumentException if a named positive label is not a label or the task is not binary
         */
        public SingleLabelMetrics result() {
            List<String> order = index.finalOrder();
            String positive = options.positiveLabel();
            if (positive != null) {
                if (!order.contains(positive)) {
                    throw new IllegalArgumentException(
                            "positive label '" + positive + "' does not occur; labels are " + order);
                }
                if (order.size() != 2) {
                    throw new IllegalArgumentException("a positive label applies to binary tasks only, but there are "
                            + order.size() + " labels: " + order);
                }
            } else if (order.size() == 2) {
                positive = order.get(1);
            }
            Map<String, BinaryCurves> curves = new LinkedHashMap<>();
            for (String label : order) {
                ScoreHistogram h = histograms.get(label);
                if (h != null) {
                    curves.put(label, h.curves());
                }
            }
            return new SingleLabelMetrics(order, matrix.permuted(index.permutation(order)), positive, curves);
        }

        @Override
        public String toString() {
            return "SingleLabelMetrics.Accumulator[count=" + count + ", labels=" + index.size()
                    + ", scores=" + (withScores == null ? "unknown" : withScores) + "]";
        }
    }

    /** Equal when labels and confusion matrices are equal (scores and ranking results are not compared). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SingleLabelMetrics other && labels.equals(other.labels)
                && Arrays.deepEquals(confusion, other.confusion);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.deepHashCode(confusion);
    }
}
