package org.textclf.models.bench;

import java.util.Random;

/**
 * The profilers' input: B full-length rows of random ids in [2, V), an all-ones mask and one-hot labels over
 * two classes, from {@code new Random(1)} so that every profiler sees the same batch.
 */
public record ReferenceBatch(int[][] ids, float[][] mask, float[][] labels) {

    public static ReferenceBatch random(int b, int t, int vocab) {
        Random r = new Random(1);
        int[][] ids = new int[b][t];
        float[][] mask = new float[b][t];
        float[][] y = new float[b][2];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                ids[i][j] = 2 + r.nextInt(vocab - 2);
                mask[i][j] = 1;
            }
            y[i][r.nextInt(2)] = 1;
        }
        return new ReferenceBatch(ids, mask, y);
    }
}
