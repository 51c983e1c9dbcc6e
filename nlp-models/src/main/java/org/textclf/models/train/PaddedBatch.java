package org.textclf.models.train;

import java.util.SplittableRandom;

/**
 * Documents of one batch right-padded to the longest: {@code ids} [B][T] with PAD = 0, {@code mask}
 * [B][T] with 1 for real tokens. Immutable by convention.
 */
public record PaddedBatch(int[][] ids, float[][] mask) {

    /** Pads {@code docs[indices[i]]} into row i. */
    public static PaddedBatch of(int[][] docs, int[] indices) {
        int t = 0;
        for (int i : indices) {
            t = Math.max(t, docs[i].length);
        }
        int[][] ids = new int[indices.length][t];
        float[][] mask = new float[indices.length][t];
        for (int r = 0; r < indices.length; r++) {
            int[] doc = docs[indices[r]];
            System.arraycopy(doc, 0, ids[r], 0, doc.length);
            for (int j = 0; j < doc.length; j++) {
                mask[r][j] = 1;
            }
        }
        return new PaddedBatch(ids, mask);
    }

    /**
     * A copy in which each real token's id is replaced by {@code unk} with probability {@code p}, one
     * draw from {@code random} per real token in row-major order (word dropout). Padding and the mask
     * are kept: a dropped token is still a token, one the model reads as unknown. This batch is not
     * changed.
     */
    PaddedBatch withTokenDropout(double p, int unk, SplittableRandom random) {
        int[][] out = new int[ids.length][];
        for (int r = 0; r < ids.length; r++) {
            out[r] = ids[r].clone();
            for (int j = 0; j < out[r].length; j++) {
                if (mask[r][j] != 0 && random.nextDouble() < p) {
                    out[r][j] = unk;
                }
            }
        }
        return new PaddedBatch(out, mask);
    }

    /** One-hot (or multi-hot) rows for the labels of {@code indices}. */
    static float[][] targets(int[][] labels, int[] indices, int labelCount) {
        float[][] y = new float[indices.length][labelCount];
        for (int r = 0; r < indices.length; r++) {
            for (int l : labels[indices[r]]) {
                y[r][l] = 1;
            }
        }
        return y;
    }
}
