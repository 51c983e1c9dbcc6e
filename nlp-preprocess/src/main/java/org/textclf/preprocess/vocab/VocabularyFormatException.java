package org.textclf.preprocess.vocab;

/**
 * A vocabulary file is not a valid, intact textclf vocabulary: missing or foreign trailer, wrong token count
 * (truncated), checksum mismatch (edited or corrupted), bad or duplicate token, invalid UTF-8. The message starts with
 * {@code <source>: } or {@code <source>:<line>: }.
 */
public class VocabularyFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message the complete message, including the source */
    public VocabularyFormatException(String message) {
        super(message);
    }

    /** @param message the complete message, including the source */
    public VocabularyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
