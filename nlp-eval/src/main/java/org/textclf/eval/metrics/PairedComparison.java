package org.textclf.eval.metrics;

/**
 * Whether model A really beats model B on the same documents: McNemar's exact test on which documents each gets
 * right, and a paired bootstrap of the macro-F1 difference (A - B).
 *
 * <p>The bootstrap p-value is two-sided, {@code min(1, 2 * min(#(d <= 0) + 1, #(d >= 0) + 1) / (replicates + 1))}
 * over the replicate differences d; the +1 keeps it from claiming 0 with finitely many replicates.
 *
 * <p>Immutable; thread-safe.
 *
 * @param n                 documents compared
 * @param bothCorrect       documents both models get right
 * @param onlyACorrect      documents only A gets right
 * @param onlyBCorrect      documents only B gets right
 * @param bothWrong         documents both get wrong
 * @param mcnemarPValue     exact McNemar p-value
 * @param macroF1A          macro-F1 of A
 * @param macroF1B          macro-F1 of B
 * @param macroF1Difference A - B with its paired bootstrap interval
 * @param bootstrapPValue   two-sided paired bootstrap p-value of the difference
 * @param replicates        bootstrap replicates
 * @param seed              bootstrap seed
 */
public record PairedComparison(long n, long bothCorrect, long onlyACorrect, long onlyBCorrect, long bothWrong,
                               double mcnemarPValue, double macroF1A, double macroF1B, Interval macroF1Difference,
                               double bootstrapPValue, int replicates, long seed) {
}
