package org.textclf.models.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.textclf.models.TextClassifier;

/**
 * Several trained models voting with their probabilities: each text's probabilities are the weighted
 * mean of the members' (weights normalised to sum 1). A sequence model and a bag-of-n-grams model err
 * on different documents, so their mean is often better than either (on IMDB: bidirectional GRU 0.904,
 * fastText-style baseline 0.896, their mean 0.913; see {@code docs/benchmarks.md}).
 *
 * <pre>{@code
 * Ensemble e = Ensemble.of(List.of(Classifier.load(gru), Classifier.load(baseline)), new double[] {1, 1});
 * float[][] p = e.probabilities(texts);   // in e.labels() order
 * }</pre>
 *
 * <p>Each member runs its own pipeline, vocabulary and length limit on the raw text. Members must
 * have the same label set (in any order; results follow the first member's order) and be all
 * single-label or all multi-label. A document's probabilities do not depend on the other documents
 * of the call beyond what each member's batching does ({@link Classifier}).
 *
 * <p>Immutable and thread-safe (its members are).
 */
public final class Ensemble implements TextClassifier {

    private final List<Classifier> members;
    private final double[] weights;
    private final List<String> labels;
    private final boolean multiLabel;
    /** columns[m][l]: the column of label l (in this ensemble's order) in member m's probabilities. */
    private final int[][] columns;
    private final Classifier.Decision decision;

    private Ensemble(List<Classifier> members, double[] weights, int[][] columns, Classifier.Decision decision) {
        this.members = members;
        this.weights = weights;
        this.labels = members.get(0).labels();
        this.multiLabel = members.get(0).multiLabel();
        this.columns = columns;
        this.decision = decision;
    }

    /**
     * An ensemble of {@code members} with these relative {@code weights} (one per member, finite and
     * &gt; 0; normalised here).
     *
     * @throws IllegalArgumentException when there are no members, the weights do not fit, or the
     *                                  members' labels or kinds (single-/multi-label) differ
     */
    public static Ensemble of(List<Classifier> members, double[] weights) {
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(weights, "weights");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        if (weights.length != members.size()) {
            throw new IllegalArgumentException(weights.length + " weight(s) for " + members.size() + " model(s)");
        }
        double sum = 0;
        for (int m = 0; m < weights.length; m++) {
            if (!(weights[m] > 0) || !Double.isFinite(weights[m])) {
                throw new IllegalArgumentException("weight " + (m + 1) + " must be finite and > 0, was " + weights[m]);
            }
            sum += weights[m];
        }
        double[] normalised = new double[weights.length];
        for (int m = 0; m < weights.length; m++) {
            normalised[m] = weights[m] / sum;
        }
        Classifier first = Objects.requireNonNull(members.get(0), "model 1");
        int[][] columns = new int[members.size()][];
        for (int m = 0; m < members.size(); m++) {
            Classifier c = Objects.requireNonNull(members.get(m), "model " + (m + 1));
            if (c.multiLabel() != first.multiLabel()) {
                throw new IllegalArgumentException("model " + (m + 1) + " is " + kind(c) + " but model 1 is "
                        + kind(first) + "; an ensemble's models must be of one kind");
            }
            if (c.labels().size() != first.labels().size() || !new HashSet<>(c.labels()).containsAll(first.labels())) {
                throw new IllegalArgumentException("model " + (m + 1) + " has labels " + c.labels()
                        + " but model 1 has " + first.labels() + "; an ensemble's models must have the same labels");
            }
            columns[m] = new int[first.labels().size()];
            for (int l = 0; l < columns[m].length; l++) {
                columns[m][l] = c.labels().indexOf(first.labels().get(l));
            }
        }
        return new Ensemble(List.copyOf(members), normalised, columns,
                first.multiLabel() ? Classifier.Decision.threshold(0.5) : Classifier.Decision.topK(1));
    }

    /** Equal weights. */
    public static Ensemble of(List<Classifier> members) {
        double[] w = new double[members.size()];
        Arrays.fill(w, 1.0);
        return of(members, w);
    }

    private static String kind(Classifier c) {
        return c.multiLabel() ? "multi-label" : "single-label";
    }

    /** Label names in the order of {@link #probabilities}: the first member's. */
    @Override
    public List<String> labels() {
        return labels;
    }

    /** Whether the members score labels independently (sigmoids) rather than choosing one (softmax). */
    public boolean multiLabel() {
        return multiLabel;
    }

    public List<Classifier> members() {
        return members;
    }

    /** How {@link #predictBatch} decides labels: top-1 (single-label) or threshold 0.5 (multi-label) by default. */
    public Classifier.Decision decision() {
        return decision;
    }

    /** This ensemble deciding labels with {@code d}. */
    public Ensemble withDecision(Classifier.Decision d) {
        Objects.requireNonNull(d, "decision").checkFor(multiLabel, labels);
        return new Ensemble(members, weights, columns, d);
    }

    /** The members' weights, normalised to sum 1. */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * The weighted mean of the members' probabilities [texts][labels], summed in double in member order.
     * With one member, exactly that member's probabilities.
     */
    @Override
    public float[][] probabilities(List<String> texts) {
        double[][] sum = new double[texts.size()][labels.size()];
        for (int m = 0; m < members.size(); m++) {
            float[][] p = members.get(m).probabilities(texts);
            int[] col = columns[m];
            for (int i = 0; i < p.length; i++) {
                for (int l = 0; l < col.length; l++) {
                    sum[i][l] += weights[m] * p[i][col[l]];
                }
            }
        }
        float[][] out = new float[sum.length][];
        for (int i = 0; i < sum.length; i++) {
            out[i] = new float[labels.size()];
            for (int l = 0; l < out[i].length; l++) {
                out[i][l] = (float) sum[i][l];
            }
        }
        return out;
    }

    /** Classifies texts: {@link #probabilities} and the labels {@link #decision()} takes from them (no attention). */
    public List<Classifier.Result> predictBatch(List<String> texts) {
        float[][] p = probabilities(texts);
        List<Classifier.Result> out = new ArrayList<>(p.length);
        for (float[] row : p) {
            out.add(new Classifier.Result(decision.apply(labels, row), row, null));
        }
        return out;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            parts.add(String.format(java.util.Locale.ROOT, "%.4g x %s", weights[m], members.get(m)));
        }
        return "Ensemble[" + String.join(", ", parts) + "]";
    }
}
