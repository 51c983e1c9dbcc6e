/**
 * Predictions to numbers: single-label metrics ({@link org.textclf.eval.metrics.SingleLabelMetrics}), multi-label
 * metrics, ROC/PR curves from a bounded streaming histogram ({@link org.textclf.eval.metrics.ScoreHistogram},
 * {@link org.textclf.eval.metrics.BinaryCurves}), threshold selection, bootstrap confidence intervals and paired
 * significance tests.
 *
 * <p>Every value matches scikit-learn 1.2 with {@code zero_division=0}; the tests check this against
 * {@code ../shared/eval-fixtures}. Results are immutable and thread-safe; accumulators are not thread-safe.
 */
package org.textclf.eval.metrics;
