package org.textclf.preprocess.clean;

import java.util.ArrayList;
import java.util.List;

/**
 * The default pipeline (steps 1-5 all on, {@code default} tokenizer) in one pass over the characters, for the texts
 * where that is simple: no markup other than line breaks ({@code <br>}, {@code <br/>}, {@code <br />}), no character
 * reference, no NUL, and neither U+0130 nor U+03A3 (whose lower case depends on context). Anything else is
 * declined and goes through the stages one by one.
 *
 * <p>Why: the staged pipeline copies a review four times (markup, case, punctuation+whitespace, tokens); this pass
 * writes the cleaned characters once and cuts tokens out of that buffer. It gives exactly the staged result:
 * {@code DefaultLaneTest} compares both on seeded random strings and on real IMDB reviews, and checks that
 * {@link Character#toLowerCase(int)} equals {@code String.toLowerCase(Locale.ROOT)} for every other code point.
 *
 * <p>Internal to {@link org.textclf.preprocess.TextPipeline}, public only across packages; stateless and
 * thread-safe.
 */
public final class DefaultLane {

    /** ASCII classes for the lane: an ASCII letter (lower-cased and kept), a character needing a check, the rest. */
    private static final byte OTHER = 0;
    private static final byte LOWER = 1;
    private static final byte SPECIAL = 2;
    private static final byte[] ASCII_LANE = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_LANE[c] = LOWER;
            ASCII_LANE[c - 'a' + 'A'] = LOWER;
        }
        ASCII_LANE['<'] = SPECIAL;
        ASCII_LANE['&'] = SPECIAL;
        ASCII_LANE[0] = SPECIAL;
    }

    private DefaultLane() {
    }

    /**
     * The default pipeline's {@code clean()}, or {@code null} when this text needs the staged path.
     *
     * @param raw raw text
     * @return cleaned text or {@code null}
     */
    public static String clean(String raw) {
        char[] out = new char[raw.length()];
        int len = run(raw, out);
        return len < 0 ? null : new String(out, 0, len);
    }

    /**
     * The default pipeline's {@code tokens()}, or {@code null} when this text needs the staged path.
     *
     * @param raw raw text
     * @return tokens or {@code null}
     */
    public static List<String> tokens(String raw) {
        char[] out = new char[raw.length()];
        int len = run(raw, out);
        if (len < 0) {
            return null;
        }
        int spaces = 0;
        for (int i = 0; i < len; i++) {
            if (out[i] == ' ') {
                spaces++;
            }
        }
        // Exact size: growing the list was a third of the time of this method on IMDB reviews.
        List<String> tokens = new ArrayList<>(len == 0 ? 0 : spaces + 1);
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (out[i] == ' ') {
                tokens.add(new String(out, start, i - start));
                start = i + 1;
            }
        }
        if (len > 0) {
            tokens.add(new String(out, start, len - start));
        }
        return tokens;
    }

    /**
     * Writes the cleaned text into {@code out} (at least {@code raw.length()} long).
     *
     * @return its length, or -1 to decline
     */
    private static int run(String raw, char[] out) {
        int n = raw.length();
        // One bulk copy, then plain array reads: cheaper than String.charAt's coder and bounds checks per character.
        char[] in = new char[n];
        raw.getChars(0, n, in, 0);
        int len = 0;
        boolean pendingSpace = false;
        boolean afterKept = false; // last output is a letter, number or mark: a following mark has a base
        boolean previousIsLetter = false; // previous code point of the stripped, lower-cased text
        for (int i = 0; i < n; ) {
            char c = in[i];
            int cp;
            int width;
            byte cls;
            if (c < 128) {
                byte ascii = ASCII_LANE[c];
                if (ascii == LOWER) {
                    if (pendingSpace) {
                        out[len++] = ' ';
                        pendingSpace = false;
                    }
                    out[len++] = (char) (c | 0x20);
                    afterKept = true;
                    previousIsLetter = true;
                    i++;
                    continue;
                }
                if (ascii == SPECIAL) {
                    if (c == '<') {
                        int end = MarkupStripper.lineBreakTagEnd(raw, i);
                        if (end < 0) {
                            return -1;
                        }
                        pendingSpace = len > 0;
                        afterKept = false;
                        previousIsLetter = false;
                        i = end;
                        continue;
                    }
                    if (c == 0 || c == '&' && i + 1 < n && (MarkupStripper.isAsciiLetter(in[i + 1]) || in[i + 1] == '#')) {
                        return -1;
                    }
                }
                cp = c;
                width = 1;
                cls = PunctuationFilter.ASCII[c];
            } else {
                int original = Character.codePointAt(in, i);
                if (original == 0x130 || original == 0x3A3) {
                    return -1;
                }
                width = Character.charCount(original);
                cp = Character.toLowerCase(original);
                if (Character.charCount(cp) > width) {
                    return -1; // the buffer has room for one output unit per input unit only
                }
                cls = PunctuationFilter.classify(cp);
            }
            if (cls == PunctuationFilter.APOSTROPHE) {
                cls = previousIsLetter && nextIsLetter(in, i + width) ? PunctuationFilter.DELETE : PunctuationFilter.SPACE;
            } else if (cls == PunctuationFilter.MARK) {
                cls = afterKept ? PunctuationFilter.KEEP : PunctuationFilter.DELETE;
            }
            previousIsLetter = c >= 128 && Character.isLetter(cp);
            if (cls == PunctuationFilter.KEEP) {
                if (pendingSpace) {
                    out[len++] = ' ';
                    pendingSpace = false;
                }
                if (Character.isBmpCodePoint(cp)) {
                    out[len++] = (char) cp;
                } else {
                    out[len++] = Character.highSurrogate(cp);
                    out[len++] = Character.lowSurrogate(cp);
                }
                afterKept = true;
            } else if (cls != PunctuationFilter.DELETE) {
                pendingSpace = len > 0;
                afterKept = false;
            }
            i += width;
        }
        return len;
    }

    /** Whether the code point at {@code i} of the stripped, lower-cased text is a letter. */
    private static boolean nextIsLetter(char[] in, int i) {
        if (i >= in.length) {
            return false;
        }
        char c = in[i];
        if (c < 128) {
            // '<' here is a line break (or the text is declined anyway), '&' is literal: neither is a letter
            return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        }
        return Character.isLetter(Character.toLowerCase(Character.codePointAt(in, i)));
    }
}
