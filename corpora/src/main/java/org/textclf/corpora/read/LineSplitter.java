package org.textclf.corpora.read;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits characters into lines on {@code \n} only (never on a lone CR, U+0085, U+2028 or form feed, which are text
 * in the shared corpora). One CR directly before the {@code \n} (or before the end of input) is removed, so CRLF
 * files read like LF files; any other CR stays in the line. A final line without {@code \n} is still a line; input
 * ending with {@code \n} has no extra empty line after it.
 *
 * <p>Not thread-safe.
 */
public final class LineSplitter implements AutoCloseable {

    private final Reader reader;
    private final char[] buffer = new char[1 << 14];
    private int pos;
    private int limit;
    private long lineNumber;
    private boolean eof;
    private final StringBuilder line = new StringBuilder(256);

    /** @param reader the characters; closed by {@link #close()} */
    public LineSplitter(Reader reader) {
        this.reader = reader;
    }

    /** The next line without its terminator, or {@code null} at end of input. */
    public String next() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof) {
                    break;
                }
                int n = reader.read(buffer, 0, buffer.length);
                if (n < 0) {
                    eof = true;
                    break;
                }
                pos = 0;
                limit = n;
                continue;
            }
            any = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            line.append(buffer, start, pos - start);
            if (pos < limit) {
                pos++;
                lineNumber++;
                return finish();
            }
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        return finish();
    }

    private String finish() {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
        return line.toString();
    }

    /** The 1-based number of the line last returned by {@link #next()}. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
