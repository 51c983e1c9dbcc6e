package org.textclf.eval.predictions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionIoTest {

    private static List<Prediction> read(String text) {
        List<Prediction> out = new ArrayList<>();
        try (PredictionReader r = PredictionReader.open(new StringReader(text), "p.jsonl")) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    private static String error(String text) {
        return assertThrows(PredictionFormatException.class, () -> read(text)).getMessage();
    }

    @Test
    void readsBothFormsAndOptionalFields() {
        List<Prediction> single = read("{\"id\": \"d1\", \"gold\": \"a\", \"label\": \"b\", \"scores\": {\"a\": 0.3, \"b\": 0.7}}\n"
                + "\n{\"label\": \"a\", \"extra\": [1, 2]}\n");
        assertEquals(2, single.size());
        assertEquals("d1", single.get(0).id());
        assertEquals("a", single.get(0).goldLabel());
        assertEquals("b", single.get(0).label());
        assertEquals(List.of("a", "b"), List.copyOf(single.get(0).scores().keySet()));
        assertEquals(0.7, single.get(0).scores().get("b"));
        assertNull(single.get(1).goldLabel());
        assertNull(single.get(1).scores());
        assertFalse(single.get(1).hasGold());

        List<Prediction> multi = read("{\"gold\": [\"a\", \"c\"], \"labels\": [\"a\"], \"text\": \"hi\"}\n"
                + "{\"gold\": [], \"labels\": []}");
        assertTrue(multi.get(0).multiLabel());
        assertEquals(List.of("a", "c"), multi.get(0).gold());
        assertEquals("hi", multi.get(0).text());
        assertEquals(List.of(), multi.get(1).labels());
    }

    @Test
    void errorsNameSourceAndLine() {
        assertTrue(error("{\"label\": \"a\"}\n{\"label\": \"a\"\n")
                .startsWith("p.jsonl:2: malformed JSON: Unexpected end-of-input"));
        assertTrue(error("{\"label\": \"a\"} trailing\n").startsWith("p.jsonl:1: malformed JSON"));
        assertTrue(error("{\"label\": \"a\", \"label\": \"b\"}").startsWith("p.jsonl:1: malformed JSON: Duplicate field"));
        assertEquals("p.jsonl:1: expected a JSON object, got array", error("[1]"));
        assertEquals("p.jsonl:3: multi-label record (\"labels\") but line 1 was single-label; a file must not mix them",
                error("{\"label\": \"a\"}\n\n{\"labels\": [\"a\"]}"));
        assertEquals("p.jsonl:2: single-label record (\"label\") but line 1 was multi-label; a file must not mix them",
                error("{\"labels\": [\"a\"]}\n{\"label\": \"a\"}"));
        assertEquals("p.jsonl:1: has both \"label\" (single-label) and \"labels\" (multi-label)",
                error("{\"label\": \"a\", \"labels\": [\"a\"]}"));
        assertEquals("p.jsonl:1: has neither \"label\" (single-label) nor \"labels\" (multi-label)", error("{\"gold\": \"a\"}"));
        assertEquals("p.jsonl:1: \"gold\" must be a string in a single-label record, got [\"a\"]",
                error("{\"gold\": [\"a\"], \"label\": \"a\"}"));
        assertEquals("p.jsonl:1: score of 'b' must be a number, got \"x\"",
                error("{\"label\": \"a\", \"scores\": {\"a\": 1, \"b\": \"x\"}}"));
        assertEquals("p.jsonl:1: \"labels\" must contain only strings, got 3", error("{\"labels\": [3]}"));
    }

    @Test
    void writeThenReadRoundTripsExactly(@TempDir Path dir) throws Exception {
        Random random = new Random(99);
        List<Prediction> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Double> scores = new LinkedHashMap<>();
            scores.put("neg", random.nextDouble());
            scores.put("p\u00f6s \"q\"", random.nextDouble() * 1e-300);
            written.add(Prediction.single("doc " + i, i % 2 == 0 ? "neg" : "p\u00f6s \"q\"", "neg",
                    i % 3 == 0 ? null : scores).withText(i % 5 == 0 ? "line\nbreak \u0130" : null));
        }
        Path file = dir.resolve("out.jsonl");
        PredictionWriter.writeAll(file, written);
        assertEquals(written, PredictionReader.readAll(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList()); // no temporary file left behind
        }
        List<Prediction> multi = List.of(Prediction.multi(null, List.of("a"), List.of(), null),
                Prediction.multi("x", null, List.of("b", "a"), Map.of("a", 0.5)));
        Path mfile = dir.resolve("m.jsonl");
        PredictionWriter.writeAll(mfile, multi);
        assertEquals(multi, PredictionReader.readAll(mfile));
        assertEquals("{\"gold\":[\"a\"],\"labels\":[]}", Files.readAllLines(mfile).get(0));
    }

    @Test
    void uncommittedWriterLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.jsonl");
        try (PredictionWriter w = PredictionWriter.create(file)) {
            w.write(Prediction.single("d", "a", "a", null));
            // no commit: as if an exception happened here
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PredictionWriter w = PredictionWriter.to(out)) {
            w.write(Prediction.single("d", "a", "b", Map.of("a", 0.25)));
            w.commit();
        }
        assertEquals("{\"id\":\"d\",\"gold\":\"a\",\"label\":\"b\",\"scores\":{\"a\":0.25}}\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void recordValidation() {
        assertThrows(IllegalArgumentException.class, () -> new Prediction(null, null, List.of("a", "b"), null, false, null));
        assertThrows(IllegalArgumentException.class, () -> Prediction.single(null, "a", "b", Map.of("a", Double.NaN)));
        assertThrows(IllegalStateException.class, () -> Prediction.multi(null, null, List.of(), null).label());
    }
}
