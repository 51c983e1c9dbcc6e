package org.textclf.models.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Loss weights per label for imbalanced data, to pass to
 * {@link org.textclf.models.network.NetworkConfig.Builder#classWeights(List)}. Stateless and
 * thread-safe.
 */
public final class ClassWeights {

    private ClassWeights() {
    }

    /**
     * scikit-learn's {@code class_weight="balanced"}: {@code n / (labels * count(label))}, counting
     * every label occurrence (so multi-label documents count once per label). A label that never
     * occurs gets weight 1.
     *
     * @throws IllegalArgumentException when a label index is outside [0, labelCount)
     */
    public static List<Double> balanced(LabelledData data, int labelCount) {
        long[] counts = new long[labelCount];
        long total = 0;
        for (int i = 0; i < data.size(); i++) {
            for (int l : data.labels()[i]) {
                if (l < 0 || l >= labelCount) {
                    throw new IllegalArgumentException("document " + i + ": label index " + l + " outside [0, " + labelCount + ")");
                }
                counts[l]++;
                total++;
            }
        }
        List<Double> w = new ArrayList<>(labelCount);
        for (long c : counts) {
            w.add(c == 0 ? 1.0 : (double) total / (labelCount * (double) c));
        }
        return List.copyOf(w);
    }
}
