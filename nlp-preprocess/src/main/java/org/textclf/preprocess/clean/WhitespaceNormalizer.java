package org.textclf.preprocess.clean;

/**
 * Step 4 of the default pipeline: every run of Unicode whitespace becomes one U+0020 space, and leading and
 * trailing whitespace is removed.
 *
 * <p>"Whitespace" is {@link #isWhitespace(int)}: Java's {@link Character#isWhitespace(int)} (tab, LF, VT, FF, CR,
 * the ASCII separators U+001C..U+001F and the non-breaking Z* characters) plus every space separator
 * ({@link Character#isSpaceChar(int)}, which adds the no-break spaces U+00A0, U+2007, U+202F that
 * {@code isWhitespace} leaves out) plus NEL U+0085, which Python's {@code str.split()} also treats as
 * whitespace. Zero-width characters such as U+200B are format characters (Cf), not whitespace; step 3 deletes them.
 *
 * <p>Immutable and thread-safe.
 */
public final class WhitespaceNormalizer implements CleaningStage {

    /** The only instance: the stage has no parameters. */
    public static final WhitespaceNormalizer INSTANCE = new WhitespaceNormalizer();

    private WhitespaceNormalizer() {
    }

    /**
     * Whether a code point counts as whitespace for this stage and for the default tokenizer.
     *
     * @param cp a Unicode code point
     * @return {@code true} for whitespace as defined in the class comment
     */
    public static boolean isWhitespace(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (cp < 0x80) {
            return cp <= 0x20 && (cp >= 0x09 && cp <= 0x0D || cp >= 0x1C);
        }
        return cp == 0x85 || Character.isSpaceChar(cp) || Character.isWhitespace(cp);
    }

    @Override
    public String apply(String text) {
        int n = text.length();
        // Most documents are already normalised; answering with the same instance avoids a copy per document.
        if (isNormalized(text)) {
            return text;
        }
        char[] out = new char[n];
        int len = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            // Every whitespace character is in the BMP, so a char loop is exact; surrogates are copied through.
            if (isWhitespace(c)) {
                pendingSpace = len > 0;
            } else {
                if (pendingSpace) {
                    out[len++] = ' ';
                    pendingSpace = false;
                }
                out[len++] = c;
            }
        }
        return new String(out, 0, len);
    }

    private static boolean isNormalized(String text) {
        int n = text.length();
        boolean previousSpace = true; // a leading space is not normalised
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (previousSpace) {
                    return false;
                }
                previousSpace = true;
            } else if (isWhitespace(c)) {
                return false;
            } else {
                previousSpace = false;
            }
        }
        return n == 0 || !previousSpace;
    }

    @Override
    public String toString() {
        return "whitespace(runs -> one space, trim)";
    }
}
