package org.textclf.corpora.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.textclf.corpora.CorpusException;

/**
 * A {@link Reader} that decodes UTF-8 strictly: malformed or truncated byte sequences are a {@link CorpusException}
 * naming the source, the line (counting {@code \n} bytes), the byte within the line and the offending bytes. A byte
 * order mark at the very start is dropped. Characters decoded before a bad sequence are delivered first, so the error
 * surfaces when the reader reaches the bad line, not earlier.
 *
 * <p>Not thread-safe.
 */
public final class StrictUtf8Reader extends Reader {

    private static final int BYTES = 1 << 16;

    private final InputStream in;
    private final String source;
    private final boolean compressed;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BYTES);
    private final CharBuffer chars = CharBuffer.allocate(BYTES);
    /** Offset in the whole stream of {@code bytes.array()[0]}. */
    private long base;
    /** Line (1-based) and stream offset of its first byte, for the bytes decoded so far. */
    private long line = 1;
    private long lineStart;
    private boolean eof;
    private boolean flushed;
    private boolean first = true;
    private CorpusException pending;

    /**
     * @param in         UTF-8 bytes (already decompressed); closed by {@link #close()}
     * @param source     name used in error messages
     * @param compressed whether the bytes came out of gzip (only changes the wording of offsets in messages)
     */
    public StrictUtf8Reader(InputStream in, String source, boolean compressed) {
        this.in = in;
        this.source = source;
        this.compressed = compressed;
        bytes.limit(0);
        chars.limit(0);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    /** Decodes at least one more char into {@link #chars}; false at end of input. */
    private boolean fill() throws IOException {
        if (pending != null) {
            throw pending;
        }
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (flushed) {
                    return false;
                }
                int start = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, eof);
                countLines(start, bytes.position());
                if (result.isError()) {
                    CorpusException error = error(bytes.position(), result.length());
                    if (chars.position() == 0) {
                        throw error;
                    }
                    pending = error;
                    break;
                }
                if (result.isOverflow()) {
                    break;
                }
                if (eof) {
                    decoder.flush(chars);
                    flushed = true;
                } else {
                    refill();
                }
            }
        } finally {
            chars.flip();
        }
        if (first && chars.hasRemaining()) {
            first = false;
            if (chars.get(0) == '\uFEFF') {
                chars.get();
                if (!chars.hasRemaining()) {
                    return fill();
                }
            }
        }
        return chars.hasRemaining();
    }

    private void refill() throws IOException {
        base += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void countLines(int from, int to) {
        byte[] a = bytes.array();
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                line++;
                lineStart = base + i + 1;
            }
        }
    }

    private CorpusException error(int position, int length) {
        long offset = base + position;
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length && position + i < bytes.limit(); i++) {
            hex.append(i == 0 ? "" : " ")
                    .append(String.format(Locale.ROOT, "%02X", bytes.get(position + i) & 0xFF));
        }
        String what = position + length >= bytes.limit() && eof ? "truncated UTF-8 sequence" : "invalid UTF-8";
        return new CorpusException(source, line, what + " at byte " + (offset - lineStart + 1) + " of the line (offset "
                + offset + " of the " + (compressed ? "decompressed " : "") + "file): bytes " + hex);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
