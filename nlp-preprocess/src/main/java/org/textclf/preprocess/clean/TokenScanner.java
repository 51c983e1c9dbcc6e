package org.textclf.preprocess.clean;

/**
 * Steps 1-5 of a pipeline with the {@code default} tokenizer in one pass over the characters: hands each token to a
 * {@link TokenSink} as a range of a reused character buffer (with its packed form when it is short, what the vocabulary
 * looks up), so that no token String, token list or cleaned copy of the text is ever made. The vocabulary encoder
 * ({@code org.textclf.preprocess.encode.TextEncoder}) is built on it.
 *
 * <p>It gives exactly the tokens of the stages run one after the other ({@link MarkupStripper}, {@link LowerCaser},
 * {@link PunctuationFilter}, {@link WhitespaceNormalizer}, split on spaces), by the same rules:
 * <ul>
 *   <li>markup: a text whose only markup is line breaks ({@link MarkupStripper#onlyLineBreakMarkup}) is scanned as it
 *       is, each {@code <br>} read as a separator; any other markup goes through jsoup
 *       ({@link MarkupStripper#parse}) and the visible text is scanned;</li>
 *   <li>ASCII by table (lower-case, keep, separate, or look at the apostrophe's neighbours); other code points by
 *       {@link Character#toLowerCase(int)} and {@link PunctuationFilter}'s classification of the lower-cased code
 *       point. For every code point except U+0130 and U+03A3, {@code Character.toLowerCase} is exactly what
 *       {@code String.toLowerCase(Locale.ROOT)} does to it (a test checks all 1,114,112); those two ({@code İ} becomes
 *       two characters, {@code Σ} depends on its neighbours) make {@link #scan} decline, and the caller runs the
 *       stages instead;</li>
 *   <li>whitespace normalisation does not change the tokens (the default tokenizer splits on whitespace runs
 *       either way), so one scanner serves the pipeline with that step on or off.</li>
 * </ul>
 * The equivalence is proven on seeded random strings, every BMP code point and real IMDB reviews
 * ({@code TextEncoderTest}).
 *
 * <p>Internal: public only so that the {@code encode} package can use it; not a stable API. Immutable and
 * thread-safe (each {@link #scan} call has its own buffer).
 */
public final class TokenScanner {

    /** Receives the tokens of one text, in order. */
    public interface TokenSink {

        /**
         * One token: {@code chars[0, length)}, valid only during the call (the buffer is reused).
         *
         * @param chars  the buffer
         * @param length the token's length, &ge; 1
         * @param packed for a token of at most {@value #PACKED} chars, each in U+0001..U+00FF: its chars one byte
         *               each, the first in the lowest byte ({@code Vocabulary.pack}); otherwise 0
         * @return {@code false} to stop the scan (e.g. enough tokens for a truncated document)
         */
        boolean accept(char[] chars, int length, long packed);
    }

    /** ASCII table value: a separator (whitespace, or punctuation when it is removed). */
    private static final int SEPARATOR = -1;
    /** ASCII table value: the apostrophe (when punctuation is removed) or {@code <} (a line-break tag). */
    private static final int SPECIAL = -2;
    /** ASCII table value, and the value of every non-ASCII char: the general (Unicode) path decides. */
    private static final int OTHER = -3;
    /** Longest token with a packed form; {@code org.textclf.preprocess.vocab.Vocabulary} stores the same. */
    public static final int PACKED = 8;

    private final boolean stripMarkup;
    private final boolean lowercase;
    private final boolean removePunctuation;
    /** What each ASCII character becomes in a text without markup: the character to keep, or SEPARATOR/SPECIAL. */
    private final int[] plain = new int[128];
    /** The same, for a text whose every {@code <} starts a line-break tag. */
    private final int[] lineBreaks;

    private TokenScanner(boolean stripMarkup, boolean lowercase, boolean removePunctuation) {
        this.stripMarkup = stripMarkup;
        this.lowercase = lowercase;
        this.removePunctuation = removePunctuation;
        for (int c = 0; c < 128; c++) {
            int kept = lowercase ? Character.toLowerCase(c) : c;
            if (removePunctuation) {
                plain[c] = c == '\'' ? SPECIAL : Character.isLetterOrDigit(c) ? kept : SEPARATOR;
            } else {
                plain[c] = WhitespaceNormalizer.isWhitespace(c) ? SEPARATOR : kept;
            }
        }
        // A kept NUL would be a zero byte in the packed form, which packing excludes: the general path marks it.
        if (plain[0] == 0) {
            plain[0] = OTHER;
        }
        lineBreaks = plain.clone();
        lineBreaks['<'] = SPECIAL;
    }

    /**
     * The scanner for a pipeline with these stages on or off and the {@code default} tokenizer.
     *
     * @param stripMarkup       step 1
     * @param lowercase         step 2
     * @param removePunctuation step 3
     * @return a scanner
     */
    public static TokenScanner of(boolean stripMarkup, boolean lowercase, boolean removePunctuation) {
        return new TokenScanner(stripMarkup, lowercase, removePunctuation);
    }

    /**
     * Hands the tokens of {@code raw} to {@code sink}.
     *
     * @param raw  raw document text
     * @param sink receives the tokens
     * @return {@code true} when done (every token handed over, or the sink stopped); {@code false} when the text
     *         needs the stages (a {@code İ} or {@code Σ} to lower-case): the sink may have seen some tokens already
     *         and must forget them
     */
    public boolean scan(String raw, TokenSink sink) {
        String text = raw;
        int[] ascii = plain;
        if (stripMarkup) {
            if (MarkupStripper.onlyLineBreakMarkup(raw)) {
                ascii = lineBreaks;
            } else {
                text = MarkupStripper.parse(raw);
            }
        }
        int n = text.length();
        // One bulk copy (an intrinsic), then plain array reads: cheaper than String.charAt's coder and bounds checks.
        // The current token is written over the start of the same array: a code point never lower-cases to more
        // chars than it has (TokenScannerTest checks all of them), so the write position len stays at or behind
        // the read position i, and no second buffer or capacity check is needed.
        char[] buf = new char[n];
        text.getChars(0, n, buf, 0);
        int len = 0;
        // The current token packed as the vocabulary stores short tokens (Vocabulary.pack): one byte per char, first
        // char lowest; a shift and an or per char, and the lookup needs neither a hash nor a loop over the chars.
        // Bytes beyond the 8th wrap around (shifts are mod 64) and spoil it, but then len > PACKED and it is not used.
        long packed = 0;
        // Non-zero once the token has a char that does not fit in a byte (or is NUL): it has no packed form.
        int wide = 0;
        for (int i = 0; i < n; ) {
            char c = buf[i];
            int m = c < 128 ? ascii[c] : OTHER;
            if (m >= 0) { // the common case: an ASCII char kept in the token (lower-cased)
                packed |= (long) m << (len << 3);
                buf[len++] = (char) m;
                i++;
                continue;
            }
            if (m != OTHER) {
                if (m == SPECIAL) {
                    if (c == '<') { // a line-break tag, known to be well-formed: a separator
                        i = MarkupStripper.lineBreakTagEnd(text, i);
                        if (len > 0) {
                            if (!sink.accept(buf, len, len <= PACKED && wide == 0 ? packed : 0)) {
                                return true;
                            }
                            len = 0;
                            packed = 0;
                            wide = 0;
                        }
                        continue;
                    }
                    if (inWord(text, i, 1)) { // apostrophe between letters: deleted
                        i++;
                        continue;
                    }
                }
                // a separator
                i++;
                if (len > 0) {
                    if (!sink.accept(buf, len, len <= PACKED && wide == 0 ? packed : 0)) {
                        return true;
                    }
                    len = 0;
                    packed = 0;
                    wide = 0;
                }
                continue;
            }
            // Not ASCII (or NUL kept as a token char): the general Unicode rules.
            int cp = Character.codePointAt(buf, i);
            int width = Character.charCount(cp);
            if (lowercase) {
                if (cp == 0x130 || cp == 0x3A3) {
                    return false;
                }
                cp = Character.toLowerCase(cp);
            }
            byte cls;
            if (removePunctuation) {
                cls = PunctuationFilter.classify(cp);
                if (cls == PunctuationFilter.APOSTROPHE) {
                    cls = inWord(text, i, width) ? PunctuationFilter.DELETE : PunctuationFilter.SPACE;
                } else if (cls == PunctuationFilter.MARK) {
                    // a mark is kept after a kept character; len > 0 is exactly that (deletions leave len alone)
                    cls = len > 0 ? PunctuationFilter.KEEP : PunctuationFilter.DELETE;
                }
            } else {
                cls = WhitespaceNormalizer.isWhitespace(cp) ? PunctuationFilter.SPACE : PunctuationFilter.KEEP;
            }
            i += width;
            if (cls == PunctuationFilter.KEEP) {
                if (cp == 0 || cp > 0xFF) {
                    wide = 1;
                }
                if (Character.isBmpCodePoint(cp)) {
                    packed |= (long) cp << (len << 3);
                    buf[len++] = (char) cp;
                } else if (width == 2) {
                    char high = Character.highSurrogate(cp);
                    char low = Character.lowSurrogate(cp);
                    buf[len++] = high;
                    buf[len++] = low;
                } else {
                    return false; // a BMP code point lower-cased out of the BMP: none in Java 17, but never overwrite
                }
            } else if (cls != PunctuationFilter.DELETE && len > 0) {
                if (!sink.accept(buf, len, len <= PACKED && wide == 0 ? packed : 0)) {
                    return true;
                }
                len = 0;
                packed = 0;
                wide = 0;
            }
        }
        if (len > 0) {
            sink.accept(buf, len, len <= PACKED && wide == 0 ? packed : 0);
        }
        return true;
    }

    /**
     * Whether the apostrophe at {@code i} (of {@code width} chars) has a letter right before and right after it in
     * the stripped, lower-cased text, as {@link PunctuationFilter} sees it. The raw neighbours stand for those: a
     * line-break tag begins with {@code <} and ends with {@code >}, neither a letter, just like the spaces it
     * becomes; and a neighbour whose lower case is not one code point (U+0130, U+03A3) makes the scan decline anyway
     * before or when it reaches it, except as the following character, where its first lower-case code point
     * ({@code i}, {@code σ}/{@code ς}) is a letter either way.
     */
    private boolean inWord(String text, int i, int width) {
        if (i == 0 || i + width >= text.length()) {
            return false;
        }
        return isLetter(text.codePointBefore(i)) && isLetter(text.codePointAt(i + width));
    }

    private boolean isLetter(int cp) {
        return Character.isLetter(lowercase ? Character.toLowerCase(cp) : cp);
    }

    @Override
    public String toString() {
        return "TokenScanner[markup=" + stripMarkup + ", lowercase=" + lowercase + ", punctuation removed="
                + removePunctuation + "]";
    }
}
