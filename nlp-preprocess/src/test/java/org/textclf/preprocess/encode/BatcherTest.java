package org.textclf.preprocess.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BatcherTest {

    private static String show(List<int[]> batches) {
        return batches.stream().map(Arrays::toString).toList().toString();
    }

    private static void assertPermutation(int n, List<int[]> batches, int batchSize) {
        boolean[] seen = new boolean[n];
        int small = 0;
        for (int[] b : batches) {
            assertTrue(b.length >= 1 && b.length <= batchSize);
            small += b.length < batchSize ? 1 : 0;
            for (int i : b) {
                assertTrue(!seen[i], "index " + i + " twice");
                seen[i] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            assertTrue(seen[i], "index " + i + " missing");
        }
        assertTrue(small <= 1, "at most one partial batch");
    }

    @Test
    void sequentialKeepsOrder() {
        assertEquals("[[0, 1, 2], [3, 4, 5], [6]]", show(Batcher.sequential(7, 3)));
        assertEquals("[]", show(Batcher.sequential(0, 3)));
        assertEquals("batchSize must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Batcher.sequential(3, 0)).getMessage());
    }

    @Test
    void sameSeedSameBatchesOtherSeedOtherBatches() {
        int[] lengths = new Random(1).ints(500, 0, 300).toArray();
        for (boolean bucket : new boolean[] {false, true}) {
            List<int[]> a = Batcher.batches(lengths, 16, bucket, 42);
            List<int[]> b = Batcher.batches(lengths, 16, bucket, 42);
            List<int[]> c = Batcher.batches(lengths, 16, bucket, 43);
            assertEquals(show(a), show(b));
            assertNotEquals(show(a), show(c));
            assertPermutation(lengths.length, a, 16);
            assertPermutation(lengths.length, c, 16);
        }
    }

    @Test
    void bucketingGroupsSimilarLengthsAndCutsPadding() {
        int[] lengths = new Random(7).ints(1000, 1, 500).toArray();
        double plain = Batcher.paddingRatio(lengths, Batcher.batches(lengths, 32, false, 3));
        double bucketed = Batcher.paddingRatio(lengths, Batcher.batches(lengths, 32, true, 3));
        assertTrue(plain > 0.3, "plain " + plain);
        assertTrue(bucketed < 0.05, "bucketed " + bucketed);
    }

    @Test
    void smallExactCase() {
        // 4 documents, one pool: sorted by length within the pool, then batch order shuffled
        int[] lengths = {5, 1, 3, 2};
        List<int[]> batches = Batcher.batches(lengths, 2, true, 0);
        assertEquals(2, batches.size());
        for (int[] b : batches) {
            assertEquals(2, b.length);
        }
        int[] withShortest = Arrays.stream(batches.get(0)).anyMatch(i -> i == 1) ? batches.get(0) : batches.get(1);
        int[] sortedFirst = withShortest.clone();
        Arrays.sort(sortedFirst);
        assertArrayEquals(new int[] {1, 3}, sortedFirst, "the two shortest documents share a batch");
        assertEquals(0.0, Batcher.paddingRatio(new int[] {2, 2}, List.of(new int[] {0, 1})));
        assertEquals(1.0, Batcher.paddingRatio(new int[] {0, 0}, List.of(new int[] {0, 1})));
        assertEquals(0.25, Batcher.paddingRatio(new int[] {4, 2}, List.of(new int[] {0, 1})));
    }

    @Test
    void edgeSizes() {
        assertEquals("[]", show(Batcher.batches(new int[0], 4, true, 1)));
        assertEquals("[[0]]", show(Batcher.batches(new int[] {3}, 4, false, 1)));
        List<int[]> big = Batcher.batches(new int[] {1, 2, 3}, 100, true, 1);
        assertEquals(1, big.size());
        assertPermutation(3, big, 100);
    }
}
