package org.textclf.eval.metrics;

/**
 * Bootstrap confidence intervals of one model's accuracy and macro-F1.
 *
 * <p>Immutable; thread-safe.
 *
 * @param replicates number of bootstrap replicates
 * @param seed       the seed that reproduces them
 * @param accuracy   accuracy and its interval
 * @param macroF1    macro-F1 and its interval
 */
public record BootstrapResult(int replicates, long seed, Interval accuracy, Interval macroF1) {
}
