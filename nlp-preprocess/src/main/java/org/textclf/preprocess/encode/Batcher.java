package org.textclf.preprocess.encode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Groups document indices into batches.
 *
 * <p>{@link #batches} shuffles the indices with {@code new Random(seed)}. Without bucketing it cuts the shuffled
 * order into batches of {@code batchSize} (the last may be smaller). With bucketing it takes the shuffled order in
 * pools of {@value #POOL_BATCHES} batches, sorts each pool by length (stable, so equal lengths stay shuffled), cuts
 * the result into batches and shuffles the batch order with the same {@code Random}: batches hold documents of
 * similar length, so there is little padding, while different seeds (e.g. one per epoch) still give different
 * batches. Every index appears exactly once; same arguments, same batches.
 *
 * <p>{@link #sequential} keeps the input order (for prediction). Stateless and thread-safe.
 */
public final class Batcher {

    /** Batches per pool that is sorted by length when bucketing. */
    public static final int POOL_BATCHES = 50;

    private Batcher() {
    }

    /**
     * @param lengths        token count of each document (index = document)
     * @param batchSize      documents per batch, &ge; 1
     * @param bucketByLength group documents of similar length
     * @param seed           shuffling seed
     * @return batches of document indices
     */
    public static List<int[]> batches(int[] lengths, int batchSize, boolean bucketByLength, long seed) {
        checkBatchSize(batchSize);
        Random random = new Random(seed);
        List<Integer> order = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        if (bucketByLength) {
            int pool = (int) Math.min(Integer.MAX_VALUE, (long) batchSize * POOL_BATCHES);
            for (int start = 0; start < order.size(); start += pool) {
                order.subList(start, Math.min(order.size(), start + pool))
                        .sort((a, b) -> Integer.compare(lengths[a], lengths[b]));
            }
        }
        List<int[]> batches = cut(order, batchSize);
        if (bucketByLength) {
            Collections.shuffle(batches, random);
        }
        return batches;
    }

    /** Indices {@code 0..n-1} in order, in batches of {@code batchSize} (the last may be smaller). */
    public static List<int[]> sequential(int n, int batchSize) {
        checkBatchSize(batchSize);
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        return cut(order, batchSize);
    }

    /**
     * Share of padded slots when each batch is padded to its longest document (at least width 1): 0 means no
     * padding at all.
     */
    public static double paddingRatio(int[] lengths, List<int[]> batches) {
        long slots = 0;
        long real = 0;
        for (int[] batch : batches) {
            int width = 1;
            for (int i : batch) {
                width = Math.max(width, lengths[i]);
                real += lengths[i];
            }
            slots += (long) width * batch.length;
        }
        return slots == 0 ? 0.0 : (double) (slots - real) / slots;
    }

    private static List<int[]> cut(List<Integer> order, int batchSize) {
        List<int[]> batches = new ArrayList<>((order.size() + batchSize - 1) / batchSize);
        for (int start = 0; start < order.size(); start += batchSize) {
            List<Integer> part = order.subList(start, Math.min(order.size(), start + batchSize));
            batches.add(part.stream().mapToInt(Integer::intValue).toArray());
        }
        return batches;
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
    }
}
