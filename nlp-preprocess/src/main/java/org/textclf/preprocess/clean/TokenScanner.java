package org.textclf.preprocess.clean;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
 *       either way), so one scanner serves the pipeline with that step on or off;</li>
 *   <li>with punctuation removed, a text of chars up to U+00FF (almost every review) is read 8 bytes at a time from
 *       its Latin-1 copy: tokens of ASCII letters and digits that end in a separator are found, lower-cased and
 *       packed with a few operations on one or two longs ({@link TokenSink#acceptPacked}); every other token is
 *       scanned char by char from its start by the rules above.</li>
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

        /**
         * One token of 1 to 16 chars, each in U+0001..U+00FF, given only by its packed form (what the vocabulary looks
         * up): the scanner's word-at-a-time path hands over most tokens this way, without writing their chars anywhere.
         * The default unpacks the chars and calls {@link #accept(char[], int, long)}.
         *
         * @param first  chars 1-8 one byte each, the first in the lowest byte ({@code Vocabulary.pack})
         * @param next   chars 9-16 packed the same way, 0 for a token of at most {@value #PACKED} chars
         * @param length the token's length, 1 to 16
         * @return {@code false} to stop the scan
         */
        default boolean acceptPacked(long first, long next, int length) {
            char[] chars = new char[length];
            for (int k = 0; k < length; k++) {
                chars[k] = (char) ((k < PACKED ? first >>> (k << 3) : next >>> ((k - PACKED) << 3)) & 0xFF);
            }
            return accept(chars, length, length <= PACKED ? first : 0);
        }
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

    /** Byte kind (Latin-1 path): an ASCII letter or digit, a token char the word-at-a-time path reads 8 at a time. */
    private static final byte WORD = 0;
    /** Byte kind: a separator whatever its neighbours are (space, most punctuation, NBSP, Latin-1 symbols). */
    private static final byte SEP = 1;
    /**
     * Byte kind: the char-by-char path decides (apostrophe, {@code <} of a line-break tag, non-ASCII letters, the
     * soft hyphen, and {@code ?}, which also stands for every char above U+00FF in the Latin-1 copy).
     */
    private static final byte SLOW = 2;
    /** Kind of each Latin-1 char in a text without markup, or {@code null}: the word-at-a-time path is off. */
    private final byte[] plainKinds;
    /** The same, for a text whose every {@code <} starts a line-break tag. */
    private final byte[] lineBreakKinds;
    /** Reads 8 bytes of a {@code byte[]} as one little-endian long: the first char in the lowest byte, as packed. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_7_BITS = 0x7F7F7F7F7F7F7F7FL;
    /** {@code b} repeated in all 8 bytes. */
    private static final long ONES = 0x0101010101010101L;

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
        if (removePunctuation) {
            plainKinds = kinds(plain);
            lineBreakKinds = kinds(lineBreaks);
        } else {
            // every non-space char is a token char: tokens are not runs of letters and digits, the SWAR test
            plainKinds = null;
            lineBreakKinds = null;
        }
    }

    /**
     * The byte kinds for the word-at-a-time path, with punctuation removed: derived from the same ASCII table and,
     * above ASCII, the same Unicode rules as the char-by-char path, so that WORD and SEP mean exactly what that
     * path would do with the char whatever its neighbours.
     */
    private byte[] kinds(int[] ascii) {
        byte[] kinds = new byte[256];
        for (int c = 0; c < 256; c++) {
            byte kind = SLOW;
            if (c < 128) {
                if (ascii[c] == SEPARATOR) {
                    kind = SEP;
                } else if (ascii[c] >= 0 && Character.isLetterOrDigit(c)) {
                    kind = WORD;
                }
            } else {
                byte cls = PunctuationFilter.classify(lowercase ? Character.toLowerCase(c) : c);
                if (cls == PunctuationFilter.SPACE || cls == PunctuationFilter.WHITESPACE) {
                    kind = SEP;
                }
            }
            kinds[c] = kind;
        }
        // the Latin-1 copy has '?' for every char above U+00FF: the char-by-char path reads the real char
        kinds['?'] = SLOW;
        return kinds;
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
        byte[] kinds = plainKinds;
        if (stripMarkup) {
            if (MarkupStripper.onlyLineBreakMarkup(raw)) {
                ascii = lineBreaks;
                kinds = lineBreakKinds;
            } else {
                text = MarkupStripper.parse(raw);
            }
        }
        if (kinds != null) {
            // An intrinsic copy for a Latin-1 string (almost every review); any char above U+00FF becomes '?', a
            // surrogate pair a single '?', which would shift the positions: such a text takes the char path.
            byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
            if (latin1.length == text.length()) {
                return scanLatin1(text, latin1, ascii, kinds, sink);
            }
        }
        return scanChars(text, ascii, sink);
    }

    /**
     * The word-at-a-time path. {@code latin1[i]} is {@code text.charAt(i)} for every char up to U+00FF and {@code ?}
     * for the others. A token of ASCII letters and digits that ends in a separator is read 8 bytes at a time: one
     * unaligned long read, a few SWAR operations classify and lower-case all 8 chars, the position of the first
     * non-letter-or-digit gives its length, and the masked long is its packed form, handed over without writing its
     * chars anywhere. Everything else (a token with an apostrophe, a non-ASCII letter, more than 16 chars, within 16
     * chars of the end, a {@code <br>} right after it, ...) is handled char by char from the token's start by the
     * same code as {@link #scanChars}, reading the String, until that token is handed over; then the fast path
     * resumes. Both paths agree at token boundaries, where the only state is "no token in progress".
     */
    private boolean scanLatin1(String text, byte[] latin1, int[] ascii, byte[] kinds, TokenSink sink) {
        int n = latin1.length;
        int fastEnd = n - 2 * PACKED; // a fast attempt reads up to 16 bytes from its start
        char[] buf = null; // the char path's token buffer, made at its first use
        int i = 0;
        while (i < n) {
            byte kind = kinds[latin1[i] & 0xFF];
            if (kind == SEP) {
                i++;
                continue;
            }
            if (kind == WORD && i <= fastEnd) {
                long w = (long) LONGS.get(latin1, i);
                long letters = letters(w);
                long stop = ~(letters | digits(w)) & HIGH_BITS;
                if (stop != 0) { // the token's first non-letter-or-digit is among these 8 bytes
                    int length = Long.numberOfTrailingZeros(stop) >>> 3;
                    int end = i + length;
                    if (kinds[latin1[end] & 0xFF] == SEP) {
                        long first = lowercase ? w | letters >>> 2 : w;
                        if (!sink.acceptPacked(first & ((1L << (length << 3)) - 1), 0, length)) {
                            return true;
                        }
                        i = end + 1;
                        continue;
                    }
                } else { // 8 letters or digits: the token may end within the next 8
                    long w2 = (long) LONGS.get(latin1, i + PACKED);
                    long letters2 = letters(w2);
                    long stop2 = ~(letters2 | digits(w2)) & HIGH_BITS;
                    // 0 to 8 more chars (a 16-char token needs a separator right after the second long)
                    int length2 = stop2 != 0 ? Long.numberOfTrailingZeros(stop2) >>> 3 : PACKED;
                    int end = i + PACKED + length2;
                    if (end < n && kinds[latin1[end] & 0xFF] == SEP) {
                        long first = lowercase ? w | letters >>> 2 : w;
                        long next = lowercase ? w2 | letters2 >>> 2 : w2;
                        // no bits beyond the token: -1L >>> 64 would keep them all, hence the test for 0
                        next = length2 == 0 ? 0 : next & (-1L >>> (64 - (length2 << 3)));
                        if (!sink.acceptPacked(first, next, PACKED + length2)) {
                            return true;
                        }
                        i = end + 1;
                        continue;
                    }
                }
            }
            // Char by char from i, with no token in progress, until one is handed over or a separator passed.
            if (buf == null) {
                buf = new char[Math.min(n, 64)];
            }
            int len = 0;
            long packed = 0;
            int wide = 0;
            do {
                if (len + 2 > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(len + 2, Math.min(n + 1, 2 * buf.length)));
                }
                char c = text.charAt(i);
                int m = c < 128 ? ascii[c] : OTHER;
                if (m >= 0) {
                    packed |= (long) m << (len << 3);
                    buf[len++] = (char) m;
                    i++;
                    continue;
                }
                boolean separator = true;
                if (m != OTHER) {
                    if (m == SPECIAL) {
                        if (c == '<') {
                            i = MarkupStripper.lineBreakTagEnd(text, i);
                        } else if (inWord(text, i, 1)) {
                            separator = false;
                            i++;
                        } else {
                            i++;
                        }
                    } else {
                        i++;
                    }
                } else {
                    int cp = text.codePointAt(i);
                    int width = Character.charCount(cp);
                    if (lowercase) {
                        if (cp == 0x130 || cp == 0x3A3) {
                            return false;
                        }
                        cp = Character.toLowerCase(cp);
                    }
                    byte cls = PunctuationFilter.classify(cp); // punctuation is removed on this path
                    if (cls == PunctuationFilter.APOSTROPHE) {
                        cls = inWord(text, i, width) ? PunctuationFilter.DELETE : PunctuationFilter.SPACE;
                    } else if (cls == PunctuationFilter.MARK) {
                        cls = len > 0 ? PunctuationFilter.KEEP : PunctuationFilter.DELETE;
                    }
                    i += width;
                    if (cls == PunctuationFilter.KEEP) {
                        separator = false;
                        if (cp == 0 || cp > 0xFF) {
                            wide = 1;
                        }
                        if (Character.isBmpCodePoint(cp)) {
                            packed |= (long) cp << (len << 3);
                            buf[len++] = (char) cp;
                        } else {
                            buf[len++] = Character.highSurrogate(cp);
                            buf[len++] = Character.lowSurrogate(cp);
                        }
                    } else if (cls == PunctuationFilter.DELETE) {
                        separator = false;
                    }
                }
                if (separator && len > 0) {
                    if (!sink.accept(buf, len, len <= PACKED && wide == 0 ? packed : 0)) {
                        return true;
                    }
                    len = 0;
                }
            } while (len > 0 && i < n);
            if (len > 0) { // the text ended inside the token
                sink.accept(buf, len, len <= PACKED && wide == 0 ? packed : 0);
            }
        }
        return true;
    }

    /** 0x80 in each byte of {@code w} that is an ASCII letter, 0 in the others. */
    private static long letters(long w) {
        // Per byte, with the high bit cleared and case folded (| 0x20): x + (0x80 - lo) has its high bit set iff
        // x >= lo, and no byte sum carries into the next byte; bytes with the high bit set are masked out by ~w.
        long x = (w & LOW_7_BITS) | 0x2020202020202020L;
        return (x + (0x80 - 'a') * ONES) & ~(x + (0x80 - 'z' - 1) * ONES) & ~w & HIGH_BITS;
    }

    /** 0x80 in each byte of {@code w} that is an ASCII digit, 0 in the others. */
    private static long digits(long w) {
        long x = w & LOW_7_BITS;
        return (x + (0x80 - '0') * ONES) & ~(x + (0x80 - '9' - 1) * ONES) & ~w & HIGH_BITS;
    }

    /** The char-by-char path over a copy of the text: texts with chars above U+00FF in pairs, and other configurations. */
    private boolean scanChars(String text, int[] ascii, TokenSink sink) {
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
