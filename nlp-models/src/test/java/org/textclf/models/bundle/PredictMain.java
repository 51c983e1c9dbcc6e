package org.textclf.models.bundle;

import java.nio.file.Path;
import java.util.Arrays;
import org.textclf.models.TextClassifier;
import org.textclf.models.text.NeuralTextClassifier;

/** Loads a bundle in a fresh JVM and prints the exact bits of each probability, one text per line. */
public final class PredictMain {

    private PredictMain() {
    }

    public static void main(String[] args) {
        TextClassifier c = NeuralTextClassifier.of(ModelBundle.read(Path.of(args[0])));
        for (float[] row : c.probabilities(Arrays.asList(args).subList(1, args.length))) {
            System.out.println(ModelBundleTest.bits(row));
        }
    }
}
