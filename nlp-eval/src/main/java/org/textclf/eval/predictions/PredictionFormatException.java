package org.textclf.eval.predictions;

/**
 * A predictions file (or stream) has bad content. The message starts with {@code source:line:}.
 */
public class PredictionFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    /**
     * @param source file or stream name
     * @param line   1-based line (or record) number, 0 when not about one line
     * @param detail what is wrong
     */
    public PredictionFormatException(String source, long line, String detail) {
        super(source + (line > 0 ? ":" + line : "") + ": " + detail);
        this.source = source;
        this.line = line;
    }

    /** The file or stream name. */
    public String source() {
        return source;
    }

    /** The 1-based line number, 0 when not about one line. */
    public long line() {
        return line;
    }
}
