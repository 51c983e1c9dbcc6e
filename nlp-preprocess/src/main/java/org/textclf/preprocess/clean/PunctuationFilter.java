package org.textclf.preprocess.clean;

/**
 * Step 3 of the default pipeline: removes punctuation, symbols and invisible characters, keeps words.
 *
 * <p>Per code point of the input:
 * <ul>
 *   <li>an apostrophe (U+0027 or U+2019) with a letter immediately before and after it is deleted:
 *       {@code don't -> dont}, {@code can’t -> cant}, {@code rock'n'roll -> rocknroll}; any other apostrophe
 *       ({@code 'quoted'}, {@code 80's}) is punctuation;</li>
 *   <li>punctuation and symbols (categories P* and S*, so also emoji) and control characters (Cc, including tab
 *       and newline) become one U+0020 space each;</li>
 *   <li>format characters (Cf: soft hyphen, zero-width space/joiner, BOM, bidi marks) are deleted, so
 *       {@code co\u00ADoperate -> cooperate};</li>
 *   <li>letters of any script, numbers (N*) and separators (Z*, left to {@link WhitespaceNormalizer}) are kept;</li>
 *   <li>combining marks (Mn, Mc) are kept when they follow a kept letter, number or mark, so decomposed accents survive
 *       ({@code e\u0301 -> e\u0301}). Two decisions the issue leaves open: a mark whose base character was turned
 *       into a space (or that starts the text or follows whitespace) is dropped, because on its own it would become
 *       a one-mark token; and the variation selectors U+FE00..U+FE0F and U+E0100..U+E01EF, which are marks but only
 *       choose emoji or text presentation of the preceding character, are deleted like format characters. Without
 *       this, {@code ❤️} (U+2764 U+FE0F) would leave a token consisting of an invisible U+FE0F. Enclosing marks
 *       (Me: the emoji keycap U+20E3, circles U+20DD) draw a symbol around their base and are treated as symbols:
 *       a space, so {@code 1️⃣x -> 1 x};</li>
 *   <li>private-use (Co), lone surrogates (Cs) and code points unassigned in Java 17's Unicode 13 tables (Cn) become
 *       a space: in real text these are icon-font glyphs, broken UTF-16, and emoji newer than Unicode 13.</li>
 * </ul>
 * Lower-casing is not part of this stage; it runs before it in the default pipeline.
 *
 * <p>Immutable and thread-safe. One pass over the code points, no regular expressions.
 */
public final class PunctuationFilter implements CleaningStage {

    /** The only instance: the stage has no parameters. */
    public static final PunctuationFilter INSTANCE = new PunctuationFilter();

    static final byte KEEP = 0;
    static final byte SPACE = 1;
    static final byte DELETE = 2;
    static final byte MARK = 3;
    static final byte WHITESPACE = 4;
    static final byte APOSTROPHE = 5;

    /** Classes of the ASCII range, which is almost all of English text; avoids {@link Character#getType(int)}. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII[c] = Character.isLetterOrDigit(c) ? KEEP : SPACE;
        }
        ASCII[' '] = WHITESPACE;
        ASCII['\''] = APOSTROPHE;
    }

    private PunctuationFilter() {
    }

    /**
     * This stage followed by {@link WhitespaceNormalizer}, in one pass and with one copy instead of two; the default
     * pipeline uses it. Gives exactly {@code WhitespaceNormalizer.INSTANCE.apply(INSTANCE.apply(text))}
     * ({@code PunctuationFilterTest} checks this on seeded random strings).
     */
    public static final CleaningStage WITH_WHITESPACE = new CleaningStage() {
        @Override
        public String apply(String text) {
            return filter(text, true);
        }

        @Override
        public String toString() {
            return INSTANCE + " -> " + WhitespaceNormalizer.INSTANCE;
        }
    };

    @Override
    public String apply(String text) {
        return filter(text, false);
    }

    private static String filter(String text, boolean collapse) {
        int n = text.length();
        char[] out = null; // without collapsing, allocated at the first change, so clean text costs no copy
        if (collapse) {
            out = new char[n];
        }
        int len = 0;
        boolean afterKept = false; // last output was a letter, number or mark: a following mark has a base
        boolean pendingSpace = false; // collapse only: a space is due before the next kept character
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            int cp;
            int width;
            byte cls;
            if (c < 128) { // the common case, without code point decoding or Character.getType
                cp = c;
                width = 1;
                cls = ASCII[c];
            } else {
                cp = text.codePointAt(i);
                width = Character.charCount(cp);
                cls = classify(cp);
            }
            if (cls == APOSTROPHE) {
                boolean inWord = i > 0 && Character.isLetter(text.codePointBefore(i))
                        && i + width < n && Character.isLetter(text.codePointAt(i + width));
                cls = inWord ? DELETE : SPACE;
            } else if (cls == MARK) {
                cls = afterKept ? KEEP : DELETE;
            }
            if (collapse && cls != DELETE) {
                if (cls == KEEP) {
                    if (pendingSpace) {
                        out[len++] = ' ';
                        pendingSpace = false;
                    }
                    len = put(out, len, cp, width);
                    afterKept = true;
                } else {
                    // SPACE or WHITESPACE: a separator, written only if a kept character follows
                    pendingSpace = len > 0;
                    afterKept = false;
                }
            } else if (cls == KEEP || cls == WHITESPACE) {
                if (out != null) {
                    len = put(out, len, cp, width);
                } else {
                    len += width;
                }
                afterKept = cls == KEEP;
            } else {
                if (out == null) {
                    out = new char[n];
                    text.getChars(0, len, out, 0);
                }
                if (cls == SPACE) {
                    out[len++] = ' ';
                    afterKept = false;
                }
                // DELETE: nothing written, and afterKept unchanged so that a mark after a deleted soft hyphen still
                // finds its base.
            }
            i += width;
        }
        return out == null ? text : new String(out, 0, len);
    }

    private static int put(char[] out, int len, int cp, int width) {
        if (width == 1) {
            out[len] = (char) cp;
            return len + 1;
        }
        out[len] = Character.highSurrogate(cp);
        out[len + 1] = Character.lowSurrogate(cp);
        return len + 2;
    }

    static byte classify(int cp) {
        if (cp < 128) {
            return ASCII[cp];
        }
        if (cp == 0x2019) {
            return APOSTROPHE;
        }
        if (cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF) {
            return DELETE;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return KEEP;
            case Character.NON_SPACING_MARK:
            case Character.COMBINING_SPACING_MARK:
                return MARK;
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return WHITESPACE;
            case Character.FORMAT:
                return DELETE;
            default:
                // P*, S*, Cc, Co, Cs, Cn
                return SPACE;
        }
    }

    @Override
    public String toString() {
        return "punctuation(P*/S*/Cc -> space, Cf deleted, in-word apostrophe deleted)";
    }
}
