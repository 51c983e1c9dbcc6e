package org.textclf.eval.predictions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Streams {@link Prediction}s from a JSON Lines file, one record per line (blank lines are skipped; {@code .gz}
 * files are decompressed). The first record decides single- or multi-label; a record of the other kind, malformed
 * JSON, or a field of the wrong type fails with a {@link PredictionFormatException} naming the file and line.
 * Unknown fields are ignored so that newer writers stay readable.
 *
 * <pre>{@code
 * try (PredictionReader reader = PredictionReader.open(Path.of("predictions.jsonl"))) {
 *     while (reader.hasNext()) { Prediction p = reader.next(); ... }
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class PredictionReader implements Iterator<Prediction>, AutoCloseable {

    // Trailing garbage after the object and duplicate keys are errors, not silently ignored.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final BufferedReader in;
    private final String source;
    private long lineNumber;
    private long recordLine;
    private Prediction next;
    private Boolean multiLabel;
    private long firstLine;

    private PredictionReader(Reader in, String source) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.source = source;
    }

    /** Opens a UTF-8 predictions file ({@code .gz} decompressed). */
    public static PredictionReader open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return new PredictionReader(new InputStreamReader(in, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** Reads from a character stream; {@code sourceName} appears in error messages. */
    public static PredictionReader open(Reader reader, String sourceName) {
        return new PredictionReader(reader, sourceName);
    }

    /** Reads a whole file into memory (small files and tests). */
    public static List<Prediction> readAll(Path file) throws IOException {
        List<Prediction> out = new ArrayList<>();
        try (PredictionReader reader = open(file)) {
            reader.forEachRemaining(out::add);
        }
        return out;
    }

    /** The file or stream name used in messages. */
    public String source() {
        return source;
    }

    /** The 1-based line of the record most recently returned by {@link #next()} (0 before the first). */
    public long lineNumber() {
        return recordLine;
    }

    /** Whether the records are multi-label; null before the first record. */
    public Boolean multiLabel() {
        return multiLabel;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    next = parse(line);
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ":" + lineNumber + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Prediction next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more predictions in " + source);
        }
        Prediction p = next;
        next = null;
        recordLine = lineNumber;
        return p;
    }

    private Prediction parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw error("malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw error("expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType().toString()
                    .toLowerCase(java.util.Locale.ROOT)));
        }
        boolean hasLabel = present(node, "label");
        boolean hasLabels = present(node, "labels");
        if (hasLabel == hasLabels) {
            throw error(hasLabel ? "has both \"label\" (single-label) and \"labels\" (multi-label)"
                    : "has neither \"label\" (single-label) nor \"labels\" (multi-label)");
        }
        boolean multi = hasLabels;
        if (multiLabel == null) {
            multiLabel = multi;
            firstLine = lineNumber;
        } else if (multiLabel != multi) {
            throw error((multi ? "multi-label record (\"labels\")" : "single-label record (\"label\")")
                    + " but line " + firstLine + " was " + (multiLabel ? "multi-label" : "single-label")
                    + "; a file must not mix them");
        }
        String id = optionalText(node, "id");
        String text = optionalText(node, "text");
        Map<String, Double> scores = scores(node);
        try {
            if (multi) {
                List<String> gold = present(node, "gold") ? stringArray(node.get("gold"), "gold") : null;
                return new Prediction(id, gold, stringArray(node.get("labels"), "labels"), scores, true, text);
            }
            String gold = null;
            if (present(node, "gold")) {
                if (!node.get("gold").isTextual()) {
                    throw error("\"gold\" must be a string in a single-label record, got " + node.get("gold"));
                }
                gold = node.get("gold").asText();
            }
            if (!node.get("label").isTextual()) {
                throw error("\"label\" must be a string, got " + node.get("label"));
            }
            return new Prediction(id, gold == null ? null : List.of(gold), List.of(node.get("label").asText()),
                    scores, false, text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private static boolean present(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    private String optionalText(JsonNode node, String field) {
        if (!present(node, field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isValueNode() || v.isBoolean()) {
            throw error("\"" + field + "\" must be a string, got " + v);
        }
        return v.asText();
    }

    private List<String> stringArray(JsonNode v, String field) {
        if (!v.isArray()) {
            throw error("\"" + field + "\" must be an array of strings in a multi-label record, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw error("\"" + field + "\" must contain only strings, got " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    private Map<String, Double> scores(JsonNode node) {
        if (!present(node, "scores")) {
            return null;
        }
        JsonNode v = node.get("scores");
        if (!v.isObject()) {
            throw error("\"scores\" must be an object of label to number, got " + v);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw error("score of '" + e.getKey() + "' must be a number, got " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }

    private PredictionFormatException error(String detail) {
        return new PredictionFormatException(source, lineNumber, detail);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
