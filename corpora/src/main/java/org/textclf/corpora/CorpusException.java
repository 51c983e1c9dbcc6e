package org.textclf.corpora;

/**
 * A corpus could not be read: malformed row, invalid UTF-8, unreadable file. The message always starts with
 * {@code <source>:<line>: } when the line is known (for example
 * {@code train.tsv:17: expected label<TAB>text but the line has no TAB}), or {@code <source>: } otherwise.
 *
 * <p>Line numbers are 1-based and count {@code \n} characters only. Byte positions in messages about invalid UTF-8
 * are 1-based within the line; the offset in the file is 0-based and counts bytes of the uncompressed content.
 */
public class CorpusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    /**
     * @param source the file (as given by the caller) or stream name
     * @param line   1-based line number, or {@code 0} when no line applies
     * @param detail what is wrong, without the location prefix
     */
    public CorpusException(String source, long line, String detail) {
        this(source, line, detail, null);
    }

    /** As {@link #CorpusException(String, long, String)} with a cause. */
    public CorpusException(String source, long line, String detail, Throwable cause) {
        super((line > 0 ? source + ":" + line + ": " : source + ": ") + detail, cause);
        this.source = source;
        this.line = line;
    }

    /** The file or stream name the error is about. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or {@code 0} when the error is not about one line. */
    public long line() {
        return line;
    }
}
