package org.textclf.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An output file that is built as {@code FILE.partial} beside the target and only appears under its own
 * name, by an atomic move, when complete; with checkpoints that make an interrupted run resumable.
 *
 * <p>A checkpoint flushes and syncs the partial file, then writes {@code FILE.partial.json} (atomically):
 * how many input items were consumed, lines and failures so far, the partial file's length at that
 * moment, a SHA-256 of the consumed input, and the run's fingerprint (model checksum, inputs, options).
 * Everything in the partial file up to that length is complete lines in input order; anything after it
 * (a run killed between checkpoints) is cut off on resume. So a resumed run neither duplicates nor drops
 * a document, and refuses to continue when the model, inputs or options differ.
 *
 * <p>Not thread-safe: one writer thread.
 */
final class PartialOutput implements AutoCloseable {

    static final String FORMAT = "textclf-classify-partial";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Where an interrupted run stopped.
     *
     * @param items       input items consumed (documents, failed documents and notes)
     * @param lines       prediction lines written
     * @param failed      failed documents
     * @param bytes       length of the partial file holding exactly those lines
     * @param inputSha256 SHA-256 of the consumed items (see {@code ClassifyCommand})
     */
    record Checkpoint(long items, long lines, long failed, long bytes, String inputSha256) {
        static final Checkpoint START = new Checkpoint(0, 0, 0, 0, null);
    }

    private final Path target;
    private final Path partial;
    private final Path meta;
    private final Map<String, String> fingerprint;
    private final FileOutputStream file;
    private final OutputStream out;
    private final Checkpoint resumedFrom;
    private boolean closed;

    private PartialOutput(Path target, Map<String, String> fingerprint, FileOutputStream file, Checkpoint from) {
        this.target = target;
        this.partial = partialOf(target);
        this.meta = metaOf(target);
        this.fingerprint = Map.copyOf(fingerprint);
        this.file = file;
        this.out = new BufferedOutputStream(file, 1 << 16);
        this.resumedFrom = from;
    }

    static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial");
    }

    static Path metaOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial.json");
    }

    /** Starts from scratch, replacing a partial output of an earlier run (returns whether there was one). */
    static PartialOutput create(Path target, Map<String, String> fingerprint) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Files.deleteIfExists(metaOf(abs));
        FileOutputStream f = new FileOutputStream(partialOf(abs).toFile(), false);
        PartialOutput p = new PartialOutput(abs, fingerprint, f, Checkpoint.START);
        p.checkpoint(Checkpoint.START);
        return p;
    }

    /** Whether an interrupted run left a resumable output for {@code target}. */
    static boolean exists(Path target) {
        Path abs = target.toAbsolutePath();
        return Files.isRegularFile(metaOf(abs)) && Files.isRegularFile(partialOf(abs));
    }

    /**
     * Continues the partial output of an interrupted run.
     *
     * @throws ResumeException when the fingerprint differs or the partial file is damaged
     */
    static PartialOutput resume(Path target, Map<String, String> fingerprint) throws IOException {
        Path abs = target.toAbsolutePath();
        Path metaFile = metaOf(abs);
        Map<String, Object> m;
        try {
            m = JSON.readValue(metaFile.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new ResumeException(metaFile + ": not a readable checkpoint (" + e.getMessage() + ")");
        }
        if (!FORMAT.equals(m.get("format")) || !(m.get("version") instanceof Integer v) || v != VERSION) {
            throw new ResumeException(metaFile + ": not a textclf classify checkpoint of version " + VERSION);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> was = (Map<String, String>) m.get("fingerprint");
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(fingerprint.keySet());
        keys.addAll(was == null ? Map.<String, String>of().keySet() : was.keySet());
        for (String k : keys) {
            String before = was == null ? null : was.get(k);
            String now = fingerprint.get(k);
            if (before == null ? now != null : !before.equals(now)) {
                differences.add(k + " was " + before + ", now " + now);
            }
        }
        if (!differences.isEmpty()) {
            throw new ResumeException("cannot resume " + partialOf(abs) + ": the interrupted run differs: "
                    + String.join("; ", differences));
        }
        Checkpoint c = new Checkpoint(number(m, "items"), number(m, "lines"), number(m, "failed"), number(m, "bytes"),
                (String) m.get("inputSha256"));
        Path partialFile = partialOf(abs);
        long size = Files.size(partialFile);
        if (size < c.bytes()) {
            throw new ResumeException("cannot resume " + partialFile + ": it has " + size + " bytes but the checkpoint"
                    + " recorded " + c.bytes() + " (was it modified?); delete it and " + metaFile.getFileName()
                    + " to start again");
        }
        // Lines after the last checkpoint may be incomplete and are redone: cut them off.
        try (FileChannel ch = FileChannel.open(partialFile, StandardOpenOption.WRITE)) {
            ch.truncate(c.bytes());
        }
        return new PartialOutput(abs, fingerprint, new FileOutputStream(partialFile.toFile(), true), c);
    }

    private static long number(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (!(o instanceof Number n) || n.longValue() < 0) {
            throw new ResumeException("checkpoint has no valid '" + key + "'");
        }
        return n.longValue();
    }

    Checkpoint resumedFrom() {
        return resumedFrom;
    }

    OutputStream stream() {
        return out;
    }

    Path partialFile() {
        return partial;
    }

    Path target() {
        return target;
    }

    /** Makes everything written so far durable and records {@code c}: its lines are the first {@code c.bytes()} bytes. */
    void checkpoint(Checkpoint c) {
        try {
            out.flush();
            file.getFD().sync();
            long bytes = c.bytes();
            long size = file.getChannel().position();
            if (size < bytes) {
                throw new IllegalStateException(partial + " has " + size + " bytes, fewer than the " + bytes + " written");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.put("version", VERSION);
            m.put("items", c.items());
            m.put("lines", c.lines());
            m.put("failed", c.failed());
            m.put("bytes", bytes);
            m.put("inputSha256", c.inputSha256());
            m.put("fingerprint", new TreeMap<>(fingerprint));
            Path tmp = meta.resolveSibling(meta.getFileName() + ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(m));
            move(tmp, meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial + ": " + e.getMessage(), e);
        }
    }

    /** Moves the finished output into place and removes the checkpoint. */
    void commit() {
        try {
            out.flush();
            file.getFD().sync();
            out.close();
            closed = true;
            move(partial, target);
            Files.deleteIfExists(meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the partial output and its checkpoint. */
    void discard() {
        close();
        try {
            Files.deleteIfExists(meta);
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + partial + ": " + e.getMessage(), e);
        }
    }

    /** Closes the file, keeping it and its checkpoint (for a later --resume). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + partial + ": " + e.getMessage(), e);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A partial output cannot be continued; the message says why and what to do. */
    static final class ResumeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResumeException(String message) {
            super(message);
        }
    }
}
