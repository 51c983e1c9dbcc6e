package org.textclf.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The model(s) a verb scores with ({@code eval}, {@code classify}): one bundle, or several whose
 * {@link org.textclf.models.text.Ensemble} (the weighted mean of their probabilities) is used.
 * Picocli fills the fields; not thread-safe.
 */
final class ModelOptions {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE",
            description = "Model bundle (.textclf). Repeat it to use the models' ensemble: the weighted mean of their"
                    + " probabilities, each model reading the text through its own pipeline.")
    List<Path> models;

    @Option(names = "--weights", paramLabel = "W", split = ",",
            description = "Ensemble: one relative weight (> 0) per --model, in order (default: equal weights).")
    double[] weights;

    /** What is wrong with {@code --weights}, or null. */
    String problem() {
        if (weights == null) {
            return null;
        }
        if (weights.length != models.size()) {
            return "--weights has " + weights.length + " value(s) for " + models.size() + " --model(s)";
        }
        for (double w : weights) {
            if (!(w > 0) || !Double.isFinite(w)) {
                return "--weights must be finite and > 0, was " + w;
            }
        }
        return null;
    }

    /** The weights given, or equal ones. */
    double[] weights() {
        if (weights != null) {
            return weights.clone();
        }
        double[] w = new double[models.size()];
        Arrays.fill(w, 1.0);
        return w;
    }

    /** An ensemble's refusal ("model 2 has labels ...") with the files it counts. */
    IllegalArgumentException refused(IllegalArgumentException e) {
        return new IllegalArgumentException("--model " + models + ": " + e.getMessage(), e);
    }
}
