package org.textclf.eval.metrics;

/**
 * A point estimate with a percentile bootstrap confidence interval.
 *
 * <p>Immutable; thread-safe.
 *
 * @param estimate   the value on the data as observed
 * @param lower      lower end of the interval
 * @param upper      upper end of the interval
 * @param confidence e.g. 0.95
 */
public record Interval(double estimate, double lower, double upper, double confidence) {
}
