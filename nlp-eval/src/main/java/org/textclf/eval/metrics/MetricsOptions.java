package org.textclf.eval.metrics;

import java.util.List;

/**
 * How metrics are accumulated: the label list (null = discover labels and sort them by code point), the
 * positive label of a binary task (null = the last label), and the bounded memory of each score histogram.
 *
 * <p>Immutable; thread-safe.
 *
 * @param labels            reporting label order, or null to discover
 * @param positiveLabel     positive label for binary ranking metrics, or null for the last label
 * @param maxDistinctScores entries per {@link ScoreHistogram}
 */
public record MetricsOptions(List<String> labels, String positiveLabel, int maxDistinctScores) {

    /** Defaults: discovered labels, last label positive, {@link ScoreHistogram#DEFAULT_MAX_DISTINCT}. */
    public static final MetricsOptions DEFAULTS = builder().build();

    /** Validates and copies. */
    public MetricsOptions {
        labels = labels == null ? null : LabelOrder.checked(labels);
        if (positiveLabel != null && labels != null && !labels.contains(positiveLabel)) {
            throw new IllegalArgumentException(
                    "positive label '" + positiveLabel + "' is not in the label list " + labels);
        }
        if (maxDistinctScores < ScoreHistogram.MIN_MAX_DISTINCT) {
            throw new IllegalArgumentException("maxDistinctScores must be >= " + ScoreHistogram.MIN_MAX_DISTINCT
                    + ", was " + maxDistinctScores);
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link MetricsOptions}; not thread-safe. */
    public static final class Builder {
        private List<String> labels;
        private String positiveLabel;
        private int maxDistinctScores = ScoreHistogram.DEFAULT_MAX_DISTINCT;

        private Builder() {
        }

        /** Fixed label order (unknown labels become errors); null to discover. */
        public Builder labels(List<String> labels) {
            this.labels = labels;
            return this;
        }

        /** Positive label of a binary task; null for the last label. */
        public Builder positiveLabel(String positiveLabel) {
            this.positiveLabel = positiveLabel;
            return this;
        }

        /** Maximum distinct scores kept exactly per label before coarsening. */
        public Builder maxDistinctScores(int maxDistinctScores) {
            this.maxDistinctScores = maxDistinctScores;
            return this;
        }

        /** Builds, failing fast on an inconsistent configuration. */
        public MetricsOptions build() {
            return new MetricsOptions(labels, positiveLabel, maxDistinctScores);
        }
    }
}
