package org.textclf.preprocess.encode;

import java.util.Arrays;
import java.util.Locale;

/**
 * What truncation to {@code maxLength} does to a corpus, plus length percentiles to choose {@code maxLength}.
 * Percentiles use the nearest-rank method ({@code p}-th percentile = the {@code ceil(p/100 * n)}-th smallest
 * length); all are 0 for an empty corpus. Immutable and thread-safe.
 *
 * @param maxLength          the limit applied
 * @param documents          documents seen
 * @param truncatedDocuments documents longer than {@code maxLength}
 * @param emptyDocuments     documents with no tokens
 * @param tokens             tokens before truncation
 * @param keptTokens         tokens after truncation
 * @param p50                median document length (tokens, before truncation)
 * @param p90                90th percentile length
 * @param p99                99th percentile length
 * @param longest            longest document
 */
public record TruncationStats(int maxLength, long documents, long truncatedDocuments, long emptyDocuments,
                              long tokens, long keptTokens, int p50, int p90, int p99, int longest) {

    /** Statistics for documents of the given lengths (in tokens). */
    public static TruncationStats of(int maxLength, int[] lengths) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
        }
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        long truncated = 0;
        long empty = 0;
        long tokens = 0;
        long kept = 0;
        for (int len : sorted) {
            if (len < 0) {
                throw new IllegalArgumentException("lengths must be >= 0, found " + len);
            }
            truncated += len > maxLength ? 1 : 0;
            empty += len == 0 ? 1 : 0;
            tokens += len;
            kept += Math.min(len, maxLength);
        }
        return new TruncationStats(maxLength, sorted.length, truncated, empty, tokens, kept,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    static int percentile(int[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Share of documents that were cut. */
    public double truncatedFraction() {
        return documents == 0 ? 0.0 : (double) truncatedDocuments / documents;
    }

    /** Share of tokens that were dropped. */
    public double droppedTokenFraction() {
        return tokens == 0 ? 0.0 : (double) (tokens - keptTokens) / tokens;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "maxLength=%d documents=%d truncated=%d (%.2f%%) empty=%d tokens=%d "
                        + "dropped=%d (%.2f%%) length p50=%d p90=%d p99=%d max=%d", maxLength, documents,
                truncatedDocuments, 100 * truncatedFraction(), emptyDocuments, tokens, tokens - keptTokens,
                100 * droppedTokenFraction(), p50, p90, p99, longest);
    }
}
