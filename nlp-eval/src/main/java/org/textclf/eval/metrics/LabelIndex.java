package org.textclf.eval.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Label to dense index, either fixed up front (unknown labels rejected) or growing as labels are first seen.
 * Indices are in order of first appearance; {@link #finalOrder()} gives the reporting order.
 * Not thread-safe.
 */
final class LabelIndex {

    private final boolean fixed;
    private final List<String> given;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> seen = new ArrayList<>();

    LabelIndex(List<String> labels) {
        this.fixed = labels != null;
        this.given = labels == null ? null : LabelOrder.checked(labels);
        if (given != null) {
            for (String label : given) {
                index.put(label, seen.size());
                seen.add(label);
            }
        }
    }

    boolean isFixed() {
        return fixed;
    }

    int size() {
        return seen.size();
    }

    String label(int i) {
        return seen.get(i);
    }

    /** Index of the label, registering it when the index grows; -1 only never (throws instead). */
    int indexOf(String label, String role) {
        if (label == null) {
            throw new IllegalArgumentException(role + " label is missing");
        }
        Integer i = index.get(label);
        if (i != null) {
            return i;
        }
        if (fixed) {
            throw new IllegalArgumentException(
                    "unknown " + role + " label '" + label + "'; the label list is " + given);
        }
        if (label.isEmpty()) {
            throw new IllegalArgumentException(role + " label is an empty string");
        }
        index.put(label, seen.size());
        seen.add(label);
        return seen.size() - 1;
    }

    /** Index without registering, or -1. */
    int find(String label) {
        Integer i = index.get(label);
        return i == null ? -1 : i;
    }

    /** The reporting order: the given list, or code-point order of what was seen. */
    List<String> finalOrder() {
        return fixed ? given : LabelOrder.sorted(seen);
    }

    /** perm[r] = internal index of the label at reporting position r. */
    int[] permutation(List<String> order) {
        int[] perm = new int[order.size()];
        for (int r = 0; r < perm.length; r++) {
            perm[r] = index.get(order.get(r));
        }
        return perm;
    }
}
