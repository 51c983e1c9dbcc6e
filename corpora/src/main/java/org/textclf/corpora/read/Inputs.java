package org.textclf.corpora.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opening byte streams: gzip is recognised by its magic bytes, so {@code .gz} files and gzipped stdin both work. */
public final class Inputs {

    private Inputs() {
    }

    /** A byte stream plus whether it was gzip-compressed. */
    public record Opened(InputStream in, boolean compressed) {
    }

    /**
     * Wraps {@code raw} in a buffer and, when it starts with the gzip magic {@code 1F 8B}, in a decompressor
     * (concatenated gzip members are read as one stream).
     */
    public static Opened maybeGunzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1F && b1 == 0x8B) {
            return new Opened(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16), true);
        }
        return new Opened(in, false);
    }

    /** Closes a stream that failed to open as a corpus; the original failure is what the caller needs to see. */
    public static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // keep the caller's exception, not this one
        }
    }
}
