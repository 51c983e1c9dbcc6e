package org.textclf.eval;

import java.util.List;
import org.textclf.eval.metrics.LabelOrder;
import org.textclf.eval.metrics.MetricsOptions;
import org.textclf.eval.metrics.ScoreHistogram;

/**
 * How an {@link Evaluator} runs: label order, positive label, bootstrap, how many confident mistakes to keep.
 *
 * <p>Immutable; thread-safe. Build with {@link #builder()}; the builder fails fast on bad values.
 *
 * @param labels              label order (unknown labels become errors), or null to discover and sort by code point
 * @param positiveLabel       binary positive label, or null for the last label
 * @param bootstrapReplicates bootstrap replicates for confidence intervals and paired tests; 0 = no bootstrap
 * @param seed                bootstrap seed
 * @param confidence          interval confidence, e.g. 0.95
 * @param mistakesToKeep      most confidently wrong documents kept for the report
 * @param maxDistinctScores   bounded memory of each score histogram
 */
public record EvaluationOptions(List<String> labels, String positiveLabel, int bootstrapReplicates, long seed,
                                double confidence, int mistakesToKeep, int maxDistinctScores) {

    /** Defaults: discovered labels, no bootstrap, seed 42, 95% intervals, 10 mistakes. */
    public static final EvaluationOptions DEFAULTS = builder().build();

    /** Validates. */
    public EvaluationOptions {
        labels = labels == null ? null : LabelOrder.checked(labels);
        if (bootstrapReplicates < 0) {
            throw new IllegalArgumentException("bootstrapReplicates must be >= 0, was " + bootstrapReplicates);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        if (mistakesToKeep < 0) {
            throw new IllegalArgumentException("mistakesToKeep must be >= 0, was " + mistakesToKeep);
        }
        // delegate the remaining checks (positive label in list, histogram size)
        new MetricsOptions(labels, positiveLabel, maxDistinctScores);
    }

    /** The options of the metrics accumulators. */
    public MetricsOptions metricsOptions() {
        return new MetricsOptions(labels, positiveLabel, maxDistinctScores);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder; not thread-safe. */
    public static final class Builder {
        private List<String> labels;
        private String positiveLabel;
        private int bootstrapReplicates;
        private long seed = 42;
        private double confidence = 0.95;
        private int mistakesToKeep = 10;
        private int maxDistinctScores = ScoreHistogram.DEFAULT_MAX_DISTINCT;

        private Builder() {
        }

        /** Label order; null to discover. */
        public Builder labels(List<String> labels) {
            this.labels = labels;
            return this;
        }

        /** Binary positive label; null for the last label. */
        public Builder positiveLabel(String positiveLabel) {
            this.positiveLabel = positiveLabel;
            return this;
        }

        /** Bootstrap replicates, 0 for none. */
        public Builder bootstrap(int replicates) {
            this.bootstrapReplicates = replicates;
            return this;
        }

        /** Bootstrap seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Interval confidence in (0, 1). */
        public Builder confidence(double confidence) {
            this.confidence = confidence;
            return this;
        }

        /** Confident mistakes kept for the report. */
        public Builder mistakesToKeep(int mistakesToKeep) {
            this.mistakesToKeep = mistakesToKeep;
            return this;
        }

        /** Distinct scores kept exactly per label. */
        public Builder maxDistinctScores(int maxDistinctScores) {
            this.maxDistinctScores = maxDistinctScores;
            return this;
        }

        /** Builds, failing fast. */
        public EvaluationOptions build() {
            return new EvaluationOptions(labels, positiveLabel, bootstrapReplicates, seed, confidence,
                    mistakesToKeep, maxDistinctScores);
        }
    }
}
