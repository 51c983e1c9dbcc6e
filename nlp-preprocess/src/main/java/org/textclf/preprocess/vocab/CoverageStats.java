package org.textclf.preprocess.vocab;

import java.util.Locale;

/**
 * How well a vocabulary covers a tokenised corpus. A token counts as unknown when it would be encoded as
 * {@link Vocabulary#UNK_ID}: it is not in the vocabulary, or it is literally {@code <pad>} or {@code <unk>}.
 * Rates are 0 for an empty corpus. Immutable and thread-safe.
 *
 * @param documents     documents seen
 * @param tokens        token occurrences
 * @param unknownTokens token occurrences that are unknown
 * @param types         distinct tokens
 * @param unknownTypes  distinct tokens that are unknown
 */
public record CoverageStats(long documents, long tokens, long unknownTokens, long types, long unknownTypes) {

    /** Unknown token occurrences / token occurrences (the usual "OOV rate"). */
    public double tokenOovRate() {
        return tokens == 0 ? 0.0 : (double) unknownTokens / tokens;
    }

    /** Unknown distinct tokens / distinct tokens. */
    public double typeOovRate() {
        return types == 0 ? 0.0 : (double) unknownTypes / types;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "documents=%d tokens=%d unknown tokens=%d (OOV %.2f%%) types=%d unknown types=%d (%.2f%%)",
                documents, tokens, unknownTokens, 100 * tokenOovRate(), types, unknownTypes, 100 * typeOovRate());
    }
}
