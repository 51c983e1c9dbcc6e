package org.textclf.eval.predictions;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes {@link Prediction}s as JSON Lines (UTF-8, one object per line, fields in the order id, gold,
 * label/labels, scores, text; absent fields are omitted). Scores are written with Java's shortest round-trip
 * representation, so reading them back gives the same doubles.
 *
 * <p>A file is written to a temporary sibling and moved into place by {@link #commit()}; closing without
 * committing deletes the temporary file, so a failure never leaves a half-written predictions file.
 *
 * <pre>{@code
 * try (PredictionWriter out = PredictionWriter.create(Path.of("predictions.jsonl"))) {
 *     out.write(Prediction.single("d1", "a", "b", Map.of("a", 0.3, "b", 0.7)));
 *     out.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class PredictionWriter implements AutoCloseable {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final OutputStream out;
    private final JsonGenerator json;
    private final Path target;
    private final Path temp;
    private boolean done;

    private PredictionWriter(OutputStream out, Path target, Path temp) throws IOException {
        this.out = out;
        this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // Jackson separates root values with a space by default, which would start every line after the first
        // with one; the newline written after each record is the only separator JSON Lines needs.
        this.json.setRootValueSeparator(null);
        this.target = target;
        this.temp = temp;
    }

    /** A writer to {@code file}, which appears (atomically replaced) only on {@link #commit()}. */
    public static PredictionWriter create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        return new PredictionWriter(Files.newOutputStream(temp), file, temp);
    }

    /** A writer to a stream (e.g. stdout); {@link #commit()} flushes, nothing is closed. */
    public static PredictionWriter to(OutputStream stream) throws IOException {
        return new PredictionWriter(stream, null, null);
    }

    /** Writes one prediction as one line. */
    public void write(Prediction p) throws IOException {
        if (done) {
            throw new IllegalStateException("writer already committed or closed");
        }
        json.writeStartObject();
        if (p.id() != null) {
            json.writeStringField("id", p.id());
        }
        if (p.multiLabel()) {
            if (p.gold() != null) {
                json.writeArrayFieldStart("gold");
                for (String g : p.gold()) {
                    json.writeString(g);
                }
                json.writeEndArray();
            }
            json.writeArrayFieldStart("labels");
            for (String l : p.labels()) {
                json.writeString(l);
            }
            json.writeEndArray();
        } else {
            if (p.gold() != null) {
                json.writeStringField("gold", p.goldLabel());
            }
            json.writeStringField("label", p.label());
        }
        if (p.scores() != null) {
            json.writeObjectFieldStart("scores");
            for (Map.Entry<String, Double> e : p.scores().entrySet()) {
                json.writeNumberField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
        }
        if (p.text() != null) {
            json.writeStringField("text", p.text());
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /** Writes all predictions. */
    public void writeAll(Iterable<Prediction> predictions) throws IOException {
        for (Prediction p : predictions) {
            write(p);
        }
    }

    /** Flushes and, for a file, atomically moves the finished file into place. */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("writer already committed or closed");
        }
        json.flush();
        done = true;
        if (temp != null) {
            json.close();
            out.close();
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Without a prior {@link #commit()}, discards the temporary file. */
    @Override
    public void close() {
        if (temp == null) {
            if (!done) {
                try {
                    json.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            done = true;
            return;
        }
        if (!done) {
            done = true;
            try {
                json.close();
                out.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes a whole list to a file atomically. */
    public static void writeAll(Path file, Iterable<Prediction> predictions) throws IOException {
        try (PredictionWriter w = create(file)) {
            w.writeAll(predictions);
            w.commit();
        }
    }
}
