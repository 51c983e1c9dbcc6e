package org.textclf.models.train;

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
