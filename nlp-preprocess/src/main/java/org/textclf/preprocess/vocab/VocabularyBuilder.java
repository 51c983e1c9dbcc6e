package org.textclf.preprocess.vocab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts tokens of training documents and freezes them into a {@link Vocabulary}: {@code <pad>}, {@code <unk>},
 * then tokens with count &ge; {@link #minCount(int)} by descending count, ties in Unicode code point order, cut to
 * {@link #maxSize(int)} entries in total (the two specials included). Tokens that literally are {@code <pad>} or
 * {@code <unk>} are not counted (they already have ids). An empty token, or one containing {@code \n}/{@code \r} or an
 * unpaired surrogate, is rejected by {@link #add(List)} with the document and position, because the vocabulary file
 * could not store it.
 *
 * <p>Not thread-safe: fill it from one thread. {@link #build()} can be called more than once.
 */
public final class VocabularyBuilder {

    private final Map<String, long[]> counts = new HashMap<>();
    private int maxSize = Integer.MAX_VALUE;
    private int minCount = 1;
    private long documents;
    private long tokens;

    VocabularyBuilder() {
    }

    /**
     * Maximum number of entries including {@code <pad>} and {@code <unk>} (default: unlimited).
     *
     * @throws IllegalArgumentException when {@code maxSize < 2}
     */
    public VocabularyBuilder maxSize(int maxSize) {
        if (maxSize < 2) {
            throw new IllegalArgumentException("maxSize must be >= 2 (it includes <pad> and <unk>), was " + maxSize);
        }
        this.maxSize = maxSize;
        return this;
    }

    /**
     * Minimum training count for a token to get an id (default 1).
     *
     * @throws IllegalArgumentException when {@code minCount < 1}
     */
    public VocabularyBuilder minCount(int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, was " + minCount);
        }
        this.minCount = minCount;
        return this;
    }

    /**
     * Counts the tokens of one training document.
     *
     * @throws IllegalArgumentException for a token the vocabulary file could not store
     */
    public VocabularyBuilder add(List<String> documentTokens) {
        for (int i = 0; i < documentTokens.size(); i++) {
            String t = documentTokens.get(i);
            String problem = Vocabulary.tokenProblem(t);
            if (problem != null) {
                throw new IllegalArgumentException("document " + documents + " (0-based), token " + i + " " + problem);
            }
        }
        for (String t : documentTokens) {
            tokens++;
            if (!Vocabulary.PAD.equals(t) && !Vocabulary.UNK.equals(t)) {
                counts.computeIfAbsent(t, k -> new long[1])[0]++;
            }
        }
        documents++;
        return this;
    }

    /** Counts every document of {@code tokenisedDocs}. */
    public VocabularyBuilder addAll(Iterable<List<String>> tokenisedDocs) {
        tokenisedDocs.forEach(this::add);
        return this;
    }

    /** How often {@code token} was seen so far. */
    public long count(String token) {
        long[] c = counts.get(token);
        return c == null ? 0 : c[0];
    }

    /** Documents added so far. */
    public long documents() {
        return documents;
    }

    /** Token occurrences added so far. */
    public long tokens() {
        return tokens;
    }

    /** Distinct tokens seen so far (specials excluded). */
    public int types() {
        return counts.size();
    }

    /** The frozen vocabulary of the counts so far. */
    public Vocabulary build() {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (e.getValue()[0] >= minCount) {
                entries.add(e);
            }
        }
        entries.sort((a, b) -> {
            int byCount = Long.compare(b.getValue()[0], a.getValue()[0]);
            return byCount != 0 ? byCount : compareCodePoints(a.getKey(), b.getKey());
        });
        int keep = (int) Math.min(entries.size(), (long) maxSize - 2);
        List<String> list = new ArrayList<>(keep + 2);
        list.add(Vocabulary.PAD);
        list.add(Vocabulary.UNK);
        for (int i = 0; i < keep; i++) {
            list.add(entries.get(i).getKey());
        }
        return Vocabulary.of(list);
    }

    /**
     * Unicode code point order. Differs from {@link String#compareTo} (UTF-16 unit order) when a supplementary
     * character (e.g. an emoji) meets a BMP character above U+D7FF.
     */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    @Override
    public String toString() {
        return "VocabularyBuilder[maxSize=" + (maxSize == Integer.MAX_VALUE ? "unlimited" : maxSize) + ", minCount="
                + minCount + ", documents=" + documents + ", types=" + counts.size() + "]";
    }
}
