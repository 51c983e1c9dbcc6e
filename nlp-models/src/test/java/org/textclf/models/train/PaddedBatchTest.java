package org.textclf.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PaddedBatchTest {

    @Test
    void padsToTheLongestDocumentWithAMaskOfRealTokens() {
        PaddedBatch b = PaddedBatch.of(new int[][] {{9}, {5, 6, 7}, {8, 4}}, new int[] {1, 2, 0});
        assertArrayEquals(new int[][] {{5, 6, 7}, {8, 4, 0}, {9, 0, 0}}, b.ids());
        assertArrayEquals(new float[][] {{1, 1, 1}, {1, 1, 0}, {1, 0, 0}}, b.mask());
    }

    @Test
    void tokenDropoutDrawsOncePerRealTokenInRowMajorOrder() {
        PaddedBatch b = PaddedBatch.of(new int[][] {{5, 6, 7, 8}, {9, 10}}, new int[] {0, 1});
        PaddedBatch d = b.withTokenDropout(0.5, 1, new SplittableRandom(7));
        // The same six draws, made here: token k is dropped when draw k < 0.5; the pads draw nothing.
        SplittableRandom r = new SplittableRandom(7);
        int[][] expected = {{5, 6, 7, 8}, {9, 10, 0, 0}};
        for (int[] row : expected) {
            for (int j = 0; j < row.length; j++) {
                if (row[j] != 0 && r.nextDouble() < 0.5) {
                    row[j] = 1;
                }
            }
        }
        assertArrayEquals(expected, d.ids());
        assertArrayEquals(new int[][] {{5, 6, 7, 8}, {9, 10, 0, 0}}, b.ids(), "the batch itself is unchanged");
        assertSame(b.mask(), d.mask());
        assertArrayEquals(b.ids(), b.withTokenDropout(0, 1, new SplittableRandom(7)).ids());
    }

    @Test
    void tokenDropoutRateOnSeededRandomDocuments() {
        SplittableRandom gen = new SplittableRandom(11);
        int[][] docs = new int[200][];
        int real = 0;
        for (int i = 0; i < docs.length; i++) {
            docs[i] = new int[1 + gen.nextInt(100)];
            for (int j = 0; j < docs[i].length; j++) {
                docs[i][j] = 2 + gen.nextInt(1000);
            }
            real += docs[i].length;
        }
        int[] all = new int[docs.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        PaddedBatch b = PaddedBatch.of(docs, all);
        PaddedBatch d = b.withTokenDropout(0.25, 1, new SplittableRandom(3));
        int dropped = 0;
        for (int r = 0; r < docs.length; r++) {
            for (int j = 0; j < b.ids()[r].length; j++) {
                int id = d.ids()[r][j];
                if (b.mask()[r][j] == 0) {
                    assertEquals(0, id, "a pad stays a pad");
                } else if (id == 1) {
                    dropped++;
                } else {
                    assertEquals(b.ids()[r][j], id);
                }
            }
        }
        double rate = (double) dropped / real;
        assertTrue(rate > 0.24 && rate < 0.26, real + " tokens, dropped " + dropped);
    }
}
