package org.textclf.eval;

import java.util.List;

/**
 * A wrongly classified document, kept for the report's "most confidently wrong" table.
 *
 * <p>Immutable; thread-safe.
 *
 * @param id         document id, or null
 * @param line       line (or record number) in the predictions source
 * @param text       document text (truncated), or null
 * @param gold       gold label
 * @param predicted  predicted label
 * @param confidence the model's score for the predicted label
 */
public record Mistake(String id, long line, String text, String gold, String predicted, double confidence) {

    /** Longest text kept per mistake, so that keeping mistakes stays bounded in memory. */
    public static final int MAX_TEXT = 600;

    /** Truncates the text. */
    public Mistake {
        if (text != null && text.length() > MAX_TEXT) {
            int end = MAX_TEXT;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end) + "\u2026";
        }
    }
}
