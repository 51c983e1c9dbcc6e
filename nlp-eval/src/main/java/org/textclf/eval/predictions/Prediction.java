package org.textclf.eval.predictions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a predictions file: a document's gold label(s), the predicted label(s) and optionally the per-label
 * scores. {@code labels} drives the classification metrics and {@code scores} the ranking metrics; they may
 * disagree (a thresholded label is not always the arg-max).
 *
 * <p>JSON Lines forms:
 * <pre>
 * {"id": "d1", "gold": "a", "label": "b", "scores": {"a": 0.3, "b": 0.7}}              single-label
 * {"id": "d2", "gold": ["a", "c"], "labels": ["a"], "scores": {"a": 0.9, "c": 0.2}}    multi-label
 * </pre>
 * {@code id}, {@code gold}, {@code scores} and {@code text} (the document, shown in reports next to confident
 * mistakes) are optional.
 *
 * <p>Immutable; thread-safe.
 *
 * @param id         document id, or null
 * @param gold       gold labels (one for single-label), or null when unknown
 * @param labels     predicted labels (exactly one for single-label; possibly empty for multi-label)
 * @param scores     per-label scores in insertion order, or null
 * @param multiLabel whether this is a multi-label record
 * @param text       document text, or null
 */
public record Prediction(String id, List<String> gold, List<String> labels, Map<String, Double> scores,
                         boolean multiLabel, String text) {

    /** Validates and makes defensive, unmodifiable copies. */
    public Prediction {
        Objects.requireNonNull(labels, "labels");
        labels = List.copyOf(labels);
        gold = gold == null ? null : List.copyOf(gold);
        if (!multiLabel) {
            if (labels.size() != 1) {
                throw new IllegalArgumentException("a single-label prediction has exactly one label, got " + labels);
            }
            if (gold != null && gold.size() != 1) {
                throw new IllegalArgumentException("a single-label prediction has exactly one gold label, got " + gold);
            }
        }
        if (scores != null) {
            for (Map.Entry<String, Double> e : scores.entrySet()) {
                Objects.requireNonNull(e.getKey(), "score label");
                if (e.getValue() == null || e.getValue().isNaN()) {
                    throw new IllegalArgumentException("score of '" + e.getKey() + "' is " + e.getValue());
                }
            }
            scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        }
    }

    /** A single-label prediction; {@code gold} and {@code scores} may be null. */
    public static Prediction single(String id, String gold, String label, Map<String, Double> scores) {
        return new Prediction(id, gold == null ? null : List.of(gold), List.of(Objects.requireNonNull(label, "label")),
                scores, false, null);
    }

    /** A multi-label prediction; {@code gold} and {@code scores} may be null. */
    public static Prediction multi(String id, List<String> gold, List<String> labels, Map<String, Double> scores) {
        return new Prediction(id, gold, labels, scores, true, null);
    }

    /** This prediction with the document text attached. */
    public Prediction withText(String documentText) {
        return new Prediction(id, gold, labels, scores, multiLabel, documentText);
    }

    /** The single gold label, or null when unknown. */
    public String goldLabel() {
        requireSingle();
        return gold == null ? null : gold.get(0);
    }

    /** The single predicted label. */
    public String label() {
        requireSingle();
        return labels.get(0);
    }

    /** Whether gold labels are present. */
    public boolean hasGold() {
        return gold != null;
    }

    private void requireSingle() {
        if (multiLabel) {
            throw new IllegalStateException("multi-label prediction: use gold() and labels()");
        }
    }
}
