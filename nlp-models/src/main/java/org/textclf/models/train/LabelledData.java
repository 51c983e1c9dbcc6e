package org.textclf.models.train;

import java.util.Objects;

/**
 * Encoded documents with their gold labels: {@code docs[i]} holds document i's token ids without
 * padding (already truncated; may be empty), {@code labels[i]} its label indices (exactly one for
 * single-label data, zero or more for multi-label). Arrays are not copied: treat them as frozen.
 * Immutable by convention and thread-safe once built.
 */
public record LabelledData(int[][] docs, int[][] labels) {

    public LabelledData {
        Objects.requireNonNull(docs, "docs");
        Objects.requireNonNull(labels, "labels");
        if (docs.length != labels.length) {
            throw new IllegalArgumentException(docs.length + " documents but " + labels.length + " label rows");
        }
        for (int i = 0; i < docs.length; i++) {
            if (docs[i] == null || labels[i] == null) {
                throw new IllegalArgumentException("document " + i + " has null ids or labels");
            }
        }
    }

    /** Single-label convenience: one label index per document. */
    public static LabelledData singleLabel(int[][] docs, int[] labels) {
        int[][] rows = new int[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            rows[i] = new int[] {labels[i]};
        }
        return new LabelledData(docs, rows);
    }

    public int size() {
        return docs.length;
    }

    /** Token count of every document. */
    public int[] lengths() {
        int[] l = new int[docs.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = docs[i].length;
        }
        return l;
    }

    /** The documents at {@code indices}, in that order. */
    public LabelledData subset(int[] indices) {
        int[][] d = new int[indices.length][];
        int[][] l = new int[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            d[i] = docs[indices[i]];
            l[i] = labels[indices[i]];
        }
        return new LabelledData(d, l);
    }

    /** Checks ids and label indices against a network's sizes; the message names the document. */
    void validate(int vocabSize, int labelCount, boolean multiLabel, String name) {
        for (int i = 0; i < docs.length; i++) {
            for (int id : docs[i]) {
                if (id < 0 || id >= vocabSize) {
                    throw new IllegalArgumentException(name + " document " + i + ": token id " + id
                            + " outside the vocabulary [0, " + vocabSize + ")");
                }
            }
            if (!multiLabel && labels[i].length != 1) {
                throw new IllegalArgumentException(name + " document " + i + " has " + labels[i].length
                        + " labels; single-label training needs exactly one");
            }
            for (int l : labels[i]) {
                if (l < 0 || l >= labelCount) {
                    throw new IllegalArgumentException(name + " document " + i + ": label index " + l
                            + " outside [0, " + labelCount + ")");
                }
            }
        }
    }
}
