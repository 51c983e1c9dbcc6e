package org.textclf.eval.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The one label order used everywhere in evaluation: sorted by Unicode code point unless the caller gives a
 * list. {@link String#compareTo} compares UTF-16 units, which puts supplementary characters (emoji, many CJK
 * extension ideographs) before {@code U+E000..U+FFFF}; code-point order is what Python's {@code sorted} does,
 * so label order matches scikit-learn's {@code unique_labels}.
 *
 * <p>Stateless; thread-safe.
 */
public final class LabelOrder {

    /** Compares strings by Unicode code point, like Python's {@code str} ordering. */
    public static final Comparator<String> CODE_POINT = LabelOrder::compareCodePoints;

    private LabelOrder() {
    }

    /** Returns the distinct labels sorted by code point, as a new unmodifiable list. */
    public static List<String> sorted(Collection<String> labels) {
        List<String> out = new ArrayList<>(new LinkedHashSet<>(labels));
        out.sort(CODE_POINT);
        return List.copyOf(out);
    }

    /**
     * Validates a caller-given label list: non-empty labels, no duplicates; returns an unmodifiable copy in the
     * given order.
     *
     * @throws IllegalArgumentException naming the offending label
     */
    public static List<String> checked(List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("label list must not be empty");
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String label : labels) {
            if (label == null || label.isEmpty()) {
                throw new IllegalArgumentException("labels must be non-empty strings, got " + labels);
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("label '" + label + "' is listed twice in " + labels);
            }
        }
        return List.copyOf(labels);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
