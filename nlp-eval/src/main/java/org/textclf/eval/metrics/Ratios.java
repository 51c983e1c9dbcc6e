package org.textclf.eval.metrics;

/** Division and F1 with scikit-learn's {@code zero_division=0} convention. Stateless. */
final class Ratios {

    private Ratios() {
    }

    static double divide(double numerator, double denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator;
    }

    /** F1 exactly as scikit-learn 1.2 computes it: 2PR / (P + R), 0 when P + R is 0. */
    static double f1(double precision, double recall) {
        double denominator = precision + recall;
        return denominator == 0 ? 0.0 : 2 * precision * recall / denominator;
    }
}
