package org.textclf.eval.metrics;

/**
 * A decision threshold chosen on validation data, to be stored with a model and applied at prediction time as
 * "predict the positive label when its score &gt;= threshold". Plain record, serialisable as JSON by Jackson.
 *
 * <p>Immutable; thread-safe.
 *
 * @param criterion how it was chosen
 * @param target    the target precision or recall, null for {@link Criterion#MAX_F1} (JSON has no NaN)
 * @param threshold the score threshold
 * @param precision validation precision of the positive label at this threshold
 * @param recall    validation recall at this threshold
 * @param f1        validation F1 at this threshold
 */
public record ThresholdChoice(Criterion criterion, Double target, double threshold, double precision,
                              double recall, double f1) {

    /** How a threshold was chosen. */
    public enum Criterion {
        /** Maximise F1 of the positive label. */
        MAX_F1,
        /** Highest recall with precision at least the target. */
        TARGET_PRECISION,
        /** Highest precision with recall at least the target. */
        TARGET_RECALL,
        /** A threshold given by the caller (an operating point on the trade-off curve). */
        FIXED
    }

    /** Applies the decision rule: whether a document with this positive-label score is predicted positive. */
    public boolean isPositive(double score) {
        return score >= threshold;
    }
}
