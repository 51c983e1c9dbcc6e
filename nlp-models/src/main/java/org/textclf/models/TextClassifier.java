package org.textclf.models;

import java.util.List;

/**
 * Raw text in, label probabilities out: the seam between trained models and their users (CLI,
 * evaluation). Implementations say whether they are thread-safe.
 */
public interface TextClassifier {

    /** Label names in the order of the probability arrays. */
    List<String> labels();

    /** Probabilities [texts][labels] (softmax rows, or independent sigmoids for multi-label). */
    float[][] probabilities(List<String> texts);

    /** Probabilities of one text. */
    default float[] probabilities(String text) {
        return probabilities(List.of(text))[0];
    }

    /** The most probable label of one text. */
    default String predict(String text) {
        float[] p = probabilities(text);
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return labels().get(best);
    }
}
