package org.textclf.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Drops lines that ND4J 1.0.0-M2.1 prints straight to {@code System.out} while building a gradient function
 * ("Added differentiated op multiply_7", one per op, dozens per model). They bypass logging, so no log level hides
 * them, and on the command line they would bury the output people read; {@code System.out} is the place where a
 * verb's own results go when written to standard output. Every other line passes through unchanged and in order.
 *
 * <p>Swaps {@code System.out} for the duration of one call: use it from the main thread only.
 */
final class StdoutFilter extends OutputStream {

    /** What ND4J prints per differentiated op. */
    static final String ND4J_GRADIENT_NOISE = "Added differentiated op ";

    private final OutputStream target;
    private final byte[] prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    StdoutFilter(OutputStream target, String droppedPrefix) {
        this.target = target;
        this.prefix = droppedPrefix.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@code work} with lines starting with {@code droppedPrefix} removed from {@code System.out}. */
    static <T> T dropping(String droppedPrefix, Supplier<T> work) {
        PrintStream original = System.out;
        StdoutFilter filter = new StdoutFilter(original, droppedPrefix);
        System.setOut(new PrintStream(filter, true, StandardCharsets.UTF_8));
        try {
            return work.get();
        } finally {
            System.out.flush();
            filter.finish();
            System.setOut(original);
        }
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    /** Writes out a last line without a newline. */
    synchronized void finish() {
        try {
            if (line.size() > 0) {
                emit();
            }
            target.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void emit() throws IOException {
        byte[] bytes = line.toByteArray();
        line.reset();
        if (!startsWithPrefix(bytes)) {
            target.write(bytes);
        }
    }

    private boolean startsWithPrefix(byte[] bytes) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
