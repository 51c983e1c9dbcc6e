package org.textclf.preprocess.encode;

import java.util.List;

import org.textclf.preprocess.vocab.Vocabulary;

/**
 * Encoded documents padded to a rectangle: {@code ids()[b][t]} is the id of token {@code t} of document {@code b}
 * or {@link Vocabulary#PAD_ID} past its end; {@code mask()[b][t]} is {@code 1f} for a real token and {@code 0f} for
 * padding; {@code lengths()[b]} is the real length.
 *
 * <p>The width is the longest document in the batch, but at least 1, so a tensor made from a batch is never
 * zero-sized. A document with zero tokens gives a row of {@code PAD_ID} with an all-zero mask and length 0: models
 * must cope with a zero mask sum (e.g. mean pooling divides by {@code max(1, length)}, attention falls back to a
 * zero vector) — padding must never change a prediction.
 *
 * <p>Immutable and thread-safe: every accessor returns a fresh copy, so call it once per batch.
 */
public final class Batch {

    private final int[][] ids;
    private final int[] lengths;
    private final int width;

    private Batch(int[][] ids, int[] lengths, int width) {
        this.ids = ids;
        this.lengths = lengths;
        this.width = width;
    }

    /**
     * Pads {@code encodedDocs} (each an id array as made by {@link Encoder#encode}) to the longest.
     *
     * @throws IllegalArgumentException for an empty list, or an id that is negative or {@link Vocabulary#PAD_ID}
     *                                  (a real token with the padding id would be masked out)
     */
    public static Batch of(List<int[]> encodedDocs) {
        if (encodedDocs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one document");
        }
        int width = 1;
        for (int[] doc : encodedDocs) {
            width = Math.max(width, doc.length);
        }
        int[][] ids = new int[encodedDocs.size()][width];
        int[] lengths = new int[encodedDocs.size()];
        for (int b = 0; b < ids.length; b++) {
            int[] doc = encodedDocs.get(b);
            for (int t = 0; t < doc.length; t++) {
                if (doc[t] <= Vocabulary.PAD_ID) {
                    throw new IllegalArgumentException("document " + b + " of the batch has id " + doc[t]
                            + " at position " + t + " (real tokens must have ids > " + Vocabulary.PAD_ID + ")");
                }
            }
            System.arraycopy(doc, 0, ids[b], 0, doc.length);
            lengths[b] = doc.length;
        }
        return new Batch(ids, lengths, width);
    }

    /** Number of documents (rows). */
    public int size() {
        return ids.length;
    }

    /** Number of columns: the longest document, at least 1. */
    public int width() {
        return width;
    }

    /** Ids {@code [size][width]}, {@link Vocabulary#PAD_ID} in padded slots (a copy). */
    public int[][] ids() {
        int[][] copy = new int[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            copy[b] = ids[b].clone();
        }
        return copy;
    }

    /** Mask {@code [size][width]}: 1 for a real token, 0 for padding (a copy). */
    public float[][] mask() {
        float[][] mask = new float[ids.length][width];
        for (int b = 0; b < ids.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                mask[b][t] = 1f;
            }
        }
        return mask;
    }

    /** Real lengths, one per document (a copy). */
    public int[] lengths() {
        return lengths.clone();
    }

    /** Ids in row-major order ({@code size * width}), e.g. for {@code Nd4j.create(data, shape)} (a copy). */
    public int[] flatIds() {
        int[] flat = new int[ids.length * width];
        for (int b = 0; b < ids.length; b++) {
            System.arraycopy(ids[b], 0, flat, b * width, width);
        }
        return flat;
    }

    /** Mask in row-major order ({@code size * width}) (a copy). */
    public float[] flatMask() {
        float[] flat = new float[ids.length * width];
        for (int b = 0; b < ids.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                flat[b * width + t] = 1f;
            }
        }
        return flat;
    }

    /** Number of padded slots (size * width minus real tokens). */
    public long paddingSlots() {
        long real = 0;
        for (int len : lengths) {
            real += len;
        }
        return (long) ids.length * width - real;
    }

    @Override
    public String toString() {
        return "Batch[size=" + ids.length + ", width=" + width + ", padding=" + paddingSlots() + "]";
    }
}
