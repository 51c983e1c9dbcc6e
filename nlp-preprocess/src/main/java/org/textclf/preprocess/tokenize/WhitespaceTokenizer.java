package org.textclf.preprocess.tokenize;

import java.util.ArrayList;
import java.util.List;
import org.textclf.preprocess.clean.WhitespaceNormalizer;

/**
 * The {@code default} tokenizer, step 5 of the default pipeline: splits on spaces.
 *
 * <p>After {@link WhitespaceNormalizer} the text has single spaces only, and this is exactly "split on the single
 * spaces". When the whitespace stage is switched off, runs of any whitespace ({@link WhitespaceNormalizer#isWhitespace})
 * separate tokens and no empty token is produced, like Python's {@code str.split()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class WhitespaceTokenizer implements Tokenizer {

    /** The only instance: the tokenizer has no parameters. */
    public static final WhitespaceTokenizer INSTANCE = new WhitespaceTokenizer();

    private WhitespaceTokenizer() {
    }

    @Override
    public List<String> tokenize(String text) {
        int n = text.length();
        List<String> tokens = new ArrayList<>(Math.max(4, n / 6));
        int start = -1;
        for (int i = 0; i < n; i++) {
            // All whitespace is in the BMP, so surrogate halves are never mistaken for separators.
            if (WhitespaceNormalizer.isWhitespace(text.charAt(i))) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    /**
     * Splits text that is known to contain single U+0020 spaces and no other whitespace, as
     * {@link WhitespaceNormalizer} leaves it, with the intrinsic {@link String#indexOf(int, int)}; the same result as
     * {@link #tokenize(String)} on such text, faster.
     *
     * @param normalized text without leading, trailing, repeated or non-U+0020 whitespace
     * @return the tokens
     */
    public static List<String> splitNormalized(String normalized) {
        int n = normalized.length();
        List<String> tokens = new ArrayList<>(Math.max(4, n / 6));
        if (n == 0) {
            return tokens;
        }
        int start = 0;
        for (int space = normalized.indexOf(' '); space >= 0; space = normalized.indexOf(' ', start)) {
            tokens.add(normalized.substring(start, space));
            start = space + 1;
        }
        tokens.add(normalized.substring(start));
        return tokens;
    }

    @Override
    public String name() {
        return Tokenizers.DEFAULT;
    }

    @Override
    public String toString() {
        return "tokenizer=default(split on whitespace)";
    }
}
