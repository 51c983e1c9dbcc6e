package org.textclf.eval.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Metrics of a multi-label classification, matching scikit-learn 1.2 with {@code zero_division=0}: per-label
 * precision, recall, F1 and support; micro, macro, support-weighted and samples averages; subset accuracy
 * (exact set match) and Hamming loss; with scores, per-label curves and macro/micro ROC AUC and average precision
 * ({@code roc_auc_score} / {@code average_precision_score} on the label indicator matrix). Empty label sets are allowed on either side: a document with neither gold
 * nor predicted labels counts as a subset match, and contributes 0 to the samples averages (as scikit-learn).
 *
 * <pre>{@code
 * MultiLabelMetrics.Accumulator acc = MultiLabelMetrics.accumulator(List.of("sports", "politics", "tech"));
 * acc.add(List.of("sports"), List.of("sports", "tech"));
 * MultiLabelMetrics m = acc.result();
 * m.micro().f1();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; {@link Accumulator} is not thread-safe.
 */
public final class MultiLabelMetrics {

    private final List<String> labels;
    private final long n;
    private final ClassMetrics[] perClass;
    private final ClassMetrics micro;
    private final ClassMetrics macro;
    private final ClassMetrics weighted;
    private final ClassMetrics samples;
    private final double subsetAccuracy;
    private final double hammingLoss;
    private final Map<String, BinaryCurves> curves;
    private final BinaryCurves microCurves;

    private MultiLabelMetrics(List<String> labels, long[] tp, long[] fp, long[] fn, long n, double samplesP,
                              double samplesR, double samplesF, long subsetMatches, Map<String, BinaryCurves> curves,
                              BinaryCurves microCurves) {
        this.labels = List.copyOf(labels);
        this.curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
        this.microCurves = microCurves;
        this.n = n;
        int k = labels.size();
        perClass = new ClassMetrics[k];
        long tpSum = 0;
        long fpSum = 0;
        long fnSum = 0;
        for (int i = 0; i < k; i++) {
            perClass[i] = ClassMetrics.fromCounts(tp[i], fp[i], fn[i]);
            tpSum += tp[i];
            fpSum += fp[i];
            fnSum += fn[i];
        }
        micro = ClassMetrics.fromCounts(tpSum, fpSum, fnSum);
        macro = ClassMetrics.average(perClass, false);
        weighted = ClassMetrics.average(perClass, true);
        samples = new ClassMetrics(Ratios.divide(samplesP, n), Ratios.divide(samplesR, n),
                Ratios.divide(samplesF, n), tpSum + fnSum);
        subsetAccuracy = Ratios.divide(subsetMatches, n);
        hammingLoss = Ratios.divide(fpSum + fnSum, (double) n * k);
    }

    /** A streaming accumulator over a fixed label list (unknown labels are errors). */
    public static Accumulator accumulator(List<String> labels) {
        return new Accumulator(Objects.requireNonNull(labels, "labels"));
    }

    /** A streaming accumulator that discovers labels and sorts them by code point. */
    public static Accumulator accumulator() {
        return new Accumulator(null);
    }

    /**
     * A streaming accumulator with a label list (null = discover) and the bounded size of each score histogram.
     */
    public static Accumulator accumulator(List<String> labels, int maxDistinctScores) {
        if (maxDistinctScores < ScoreHistogram.MIN_MAX_DISTINCT) {
            throw new IllegalArgumentException("maxDistinctScores must be >= " + ScoreHistogram.MIN_MAX_DISTINCT
                    + ", was " + maxDistinctScores);
        }
        return new Accumulator(labels, maxDistinctScores);
    }

    /** Metrics of parallel gold and predicted label sets; {@code labels} null = discovered, code-point sorted. */
    public static MultiLabelMetrics of(List<String> labels, List<? extends Collection<String>> gold,
                                       List<? extends Collection<String>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(
                    "gold has " + gold.size() + " label sets but predicted has " + predicted.size());
        }
        Accumulator acc = new Accumulator(labels);
        for (int i = 0; i < gold.size(); i++) {
            acc.add(gold.get(i), predicted.get(i));
        }
        return acc.result();
    }

    /** Labels in reporting order. */
    public List<String> labels() {
        return labels;
    }

    /** Number of documents. */
    public long n() {
        return n;
    }

    /** Metrics of one label. */
    public ClassMetrics classMetrics(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("unknown label '" + label + "'; labels are " + labels);
        }
        return perClass[i];
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

    /** Gold occurrences of one label. */
    public long support(String label) {
        return classMetrics(label).support();
    }

    /** Pooled counts over all labels. */
    public ClassMetrics micro() {
        return micro;
    }

    /** Unweighted mean over labels. */
    public ClassMetrics macro() {
        return macro;
    }

    /** Support-weighted mean over labels. */
    public ClassMetrics weighted() {
        return weighted;
    }

    /** Mean over documents of each document's precision, recall and F1. */
    public ClassMetrics samples() {
        return samples;
    }

    /** Macro-averaged F1. */
    public double macroF1() {
        return macro.f1();
    }

    /** Micro-averaged F1. */
    public double microF1() {
        return micro.f1();
    }

    /** Fraction of documents whose predicted set equals the gold set exactly. */
    public double subsetAccuracy() {
        return subsetAccuracy;
    }

    /** Fraction of (document, label) decisions that are wrong. */
    public double hammingLoss() {
        return hammingLoss;
    }

    /** Whether scores were accumulated, so the ranking metrics are available. */
    public boolean hasScores() {
        return microCurves != null;
    }

    /** Curves of one label (positive = the label is in the gold set), present when its scores were given. */
    public Optional<BinaryCurves> curves(String label) {
        classMetrics(label);
        return Optional.ofNullable(curves.get(label));
    }

    /**
     * Mean over labels of each label's ROC AUC ({@code roc_auc_score(Y, S, average="macro")}); NaN without
     * scores, when a label has no scores, or when a label never or always occurs in gold (scikit-learn raises).
     */
    public double rocAucMacro() {
        return macro(true);
    }

    /** Mean over labels of each label's average precision (a label without gold occurrences counts 0). */
    public double averagePrecisionMacro() {
        return macro(false);
    }

    /** ROC AUC of all (document, label) pairs pooled ({@code average="micro"}); NaN without scores. */
    public double rocAucMicro() {
        return microCurves == null ? Double.NaN : microCurves.rocAuc();
    }

    /** Average precision of all (document, label) pairs pooled; NaN without scores. */
    public double averagePrecisionMicro() {
        return microCurves == null ? Double.NaN : microCurves.averagePrecision();
    }

    private double macro(boolean auc) {
        if (microCurves == null || labels.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (String label : labels) {
            BinaryCurves c = curves.get(label);
            if (c == null) {
                return Double.NaN;
            }
            sum += auc ? c.rocAuc() : c.averagePrecision();
        }
        return sum / labels.size();
    }


    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "MultiLabelMetrics[n=%d, labels=%s, subsetAccuracy=%.4f, microF1=%.4f, macroF1=%.4f]",
                n, labels, subsetAccuracy, micro.f1(), macro.f1());
    }

    /**
     * Accumulates documents in memory independent of their number (three counters per label plus running sums).
     * Not thread-safe.
     */
    public static final class Accumulator {

        private final LabelIndex index;
        private long[] tp = new long[8];
        private long[] fp = new long[8];
        private long[] fn = new long[8];
        private long n;
        private double samplesP;
        private double samplesR;
        private double samplesF;
        private long subsetMatches;
        private final int maxDistinctScores;
        private Boolean withScores;
        private TreeSet<String> scoreKeys;
        private final Map<String, ScoreHistogram> histograms = new LinkedHashMap<>();
        private ScoreHistogram micro;

        Accumulator(List<String> labels) {
            this(labels, ScoreHistogram.DEFAULT_MAX_DISTINCT);
        }

        Accumulator(List<String> labels, int maxDistinctScores) {
            this.index = new LabelIndex(labels);
            this.maxDistinctScores = maxDistinctScores;
        }

        /**
         * Counts one document with per-label scores (or null) for the ranking metrics; either every document has
         * scores for the same labels or none has.
         *
         * @throws IllegalArgumentException on an unknown label, a NaN score, or scores inconsistent with earlier
         *                                  documents (nothing is counted then)
         */
        public Accumulator add(Collection<String> gold, Collection<String> predicted, Map<String, Double> scores) {
            Objects.requireNonNull(gold, "gold label set");
            Objects.requireNonNull(predicted, "predicted label set");
            boolean hasScores = scores != null && !scores.isEmpty();
            if (withScores != null && withScores != hasScores) {
                throw new IllegalArgumentException(hasScores
                        ? "this document has scores but the earlier ones had none"
                        : "this document has no scores but the earlier ones had");
            }
            if (hasScores) {
                for (Map.Entry<String, Double> e : scores.entrySet()) {
                    checkKnown(e.getKey(), "score");
                    if (e.getValue() == null || e.getValue().isNaN()) {
                        throw new IllegalArgumentException("score of label '" + e.getKey() + "' is " + e.getValue());
                    }
                }
                if (scoreKeys != null && !scoreKeys.equals(new TreeSet<>(scores.keySet()))) {
                    throw new IllegalArgumentException("scores are given for labels " + new TreeSet<>(scores.keySet())
                            + " but earlier documents had scores for " + scoreKeys);
                }
            }
            count(gold, predicted); // validates the labels before counting anything
            withScores = hasScores;
            if (hasScores) {
                if (scoreKeys == null) {
                    scoreKeys = new TreeSet<>(scores.keySet());
                    micro = new ScoreHistogram(maxDistinctScores);
                    for (String key : scoreKeys) {
                        slot(key);
                        histograms.put(key, new ScoreHistogram(maxDistinctScores));
                    }
                }
                Set<String> g = new LinkedHashSet<>(gold);
                for (Map.Entry<String, Double> e : scores.entrySet()) {
                    boolean positive = g.contains(e.getKey());
                    histograms.get(e.getKey()).add(e.getValue(), positive);
                    micro.add(e.getValue(), positive);
                }
            }
            return this;
        }

        /**
         * Counts one document; duplicate labels within a set count once.
         *
         * @throws IllegalArgumentException on an unknown label with a fixed label list (nothing is counted then)
         */
        public Accumulator add(Collection<String> gold, Collection<String> predicted) {
            return add(gold, predicted, null);
        }

        private void count(Collection<String> gold, Collection<String> predicted) {
            for (String label : gold) {
                checkKnown(label, "gold");
            }
            for (String label : predicted) {
                checkKnown(label, "predicted");
            }
            Set<String> g = new LinkedHashSet<>(gold);
            Set<String> p = new LinkedHashSet<>(predicted);
            long hits = 0;
            for (String label : g) {
                int i = slot(label);
                if (p.contains(label)) {
                    tp[i]++;
                    hits++;
                } else {
                    fn[i]++;
                }
            }
            for (String label : p) {
                if (!g.contains(label)) {
                    fp[slot(label)]++;
                }
            }
            double precision = Ratios.divide(hits, p.size());
            double recall = Ratios.divide(hits, g.size());
            samplesP += precision;
            samplesR += recall;
            samplesF += Ratios.f1(precision, recall);
            if (g.equals(p)) {
                subsetMatches++;
            }
            n++;
        }

        private void checkKnown(String label, String role) {
            if (label == null) {
                throw new IllegalArgumentException(role + " label set contains null");
            }
            if (index.isFixed()) {
                index.indexOf(label, role);
            } else if (label.isEmpty()) {
                throw new IllegalArgumentException(role + " label is an empty string");
            }
        }

        private int slot(String label) {
            int i = index.indexOf(label, "label");
            if (i >= tp.length) {
                int size = Math.max(i + 1, tp.length * 2);
                tp = Arrays.copyOf(tp, size);
                fp = Arrays.copyOf(fp, size);
                fn = Arrays.copyOf(fn, size);
            }
            return i;
        }

        /** Number of documents counted so far. */
        public long count() {
            return n;
        }

        /** The metrics so far. */
        public MultiLabelMetrics result() {
            List<String> order = index.finalOrder();
            int[] perm = index.permutation(order);
            long[] t = new long[order.size()];
            long[] f = new long[order.size()];
            long[] m = new long[order.size()];
            List<String> out = new ArrayList<>(order);
            for (int r = 0; r < perm.length; r++) {
                int i = perm[r];
                if (i < tp.length) {
                    t[r] = tp[i];
                    f[r] = fp[i];
                    m[r] = fn[i];
                }
            }
            Map<String, BinaryCurves> curves = new LinkedHashMap<>();
            for (String label : order) {
                ScoreHistogram h = histograms.get(label);
                if (h != null) {
                    curves.put(label, h.curves());
                }
            }
            return new MultiLabelMetrics(out, t, f, m, n, samplesP, samplesR, samplesF, subsetMatches, curves,
                    micro == null ? null : micro.curves());
        }

        @Override
        public String toString() {
            return "MultiLabelMetrics.Accumulator[count=" + n + ", labels=" + index.size() + "]";
        }
    }
}
