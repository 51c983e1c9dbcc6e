package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random documents (emoji, NEL, U+2028, lone CRs, markup, quotes, commas, non-BMP) written in every format
 * by an independent writer and read back unchanged, plain and gzipped.
 */
class RandomRoundTripTest {

    private static final String ALPHABET = "abcXYZ éİıß中 <>&;\"',|\\\u00a0\u0085\u2028\r\f\u200b\uFEFF😀🏆#_";

    @TempDir
    Path dir;

    private static String text(Random rnd, int maxLen, boolean allowNewline) {
        StringBuilder sb = new StringBuilder();
        sb.append((char) ('a' + rnd.nextInt(26))); // fastText consumes whitespace before the text
        int len = rnd.nextInt(maxLen);
        int points = ALPHABET.codePointCount(0, ALPHABET.length());
        for (int i = 0; i < len; i++) {
            if (allowNewline && rnd.nextInt(20) == 0) {
                sb.append('\n');
            } else {
                sb.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, rnd.nextInt(points))));
            }
        }
        // a CR right before the line end is removed by the line formats (CRLF support): keep it out of the text end
        while (sb.charAt(sb.length() - 1) == '\r') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    private static List<String> labels(Random rnd) {
        List<String> all = List.of("pos", "neg", "Sci/Tech", "money-fx", "é", "😀");
        List<String> out = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        while (out.size() < n) {
            String l = all.get(rnd.nextInt(all.size()));
            if (!out.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    private Path write(String name, String content, boolean gz) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return TestFiles.write(dir, gz ? name + ".gz" : name, gz ? TestFiles.gzip(bytes) : bytes);
    }

    private static String id(Path file, int line) {
        return file.getFileName() + ":" + line;
    }

    @Test
    void everyFormatRoundTrips() throws IOException {
        Random rnd = new Random(20261121);
        ObjectMapper json = new ObjectMapper();
        for (int round = 0; round < 40; round++) {
            boolean gz = round % 2 == 1;
            int n = 1 + rnd.nextInt(30);
            List<String> texts = new ArrayList<>();
            List<List<String>> labels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                texts.add(text(rnd, 60, false));
                labels.add(labels(rnd));
            }

            StringBuilder tsv = new StringBuilder();
            StringBuilder ft = new StringBuilder();
            StringBuilder lines = new StringBuilder();
            StringBuilder jsonl = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String t = texts.get(i).replace('\t', ' ');
                tsv.append(String.join("|", labels.get(i))).append('\t').append(t).append(round % 3 == 0 ? "\r\n" : "\n");
                labels.get(i).forEach(l -> ft.append("__label__").append(l).append(' '));
                ft.append(t).append('\n');
                lines.append(t).append('\n');
                ObjectNode o = json.createObjectNode().put("id", "d" + i).put("text", texts.get(i));
                labels.get(i).forEach(o.putArray("labels")::add);
                jsonl.append(json.writeValueAsString(o)).append('\n');
            }
            Path tsvFile = write("r" + round + ".tsv", tsv.toString(), gz);
            Path ftFile = write("r" + round + ".ft", ft.toString(), gz);
            Path linesFile = write("r" + round + ".txt", lines.toString(), gz);
            Path jsonlFile = write("r" + round + ".jsonl", jsonl.toString(), gz);

            List<Document> tsvExpected = new ArrayList<>();
            List<Document> ftExpected = new ArrayList<>();
            List<Document> linesExpected = new ArrayList<>();
            List<Document> jsonlExpected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String t = texts.get(i).replace('\t', ' ');
                tsvExpected.add(new Document(id(tsvFile, i + 1), t, labels.get(i)));
                ftExpected.add(new Document(id(ftFile, i + 1), t, labels.get(i)));
                linesExpected.add(Document.unlabelled(id(linesFile, i + 1), t));
                jsonlExpected.add(new Document("d" + i, texts.get(i), labels.get(i)));
            }
            assertEquals(tsvExpected, Corpora.readAll(tsvFile, ReadOptions.builder().labelSeparator("|").build()));
            assertEquals(ftExpected, Corpora.readAll(ftFile));
            assertEquals(linesExpected, Corpora.readAll(linesFile));
            assertEquals(jsonlExpected, Corpora.readAll(jsonlFile));
        }
    }

    @Test
    void csvRoundTripsMultiLineFields() throws IOException {
        Random rnd = new Random(77);
        for (int round = 0; round < 40; round++) {
            int n = 1 + rnd.nextInt(30);
            StringWriter out = new StringWriter();
            List<Document> expected = new ArrayList<>();
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("id", "text", "label")
                    .get())) {
                for (int i = 0; i < n; i++) {
                    String t = text(rnd, 60, true);
                    List<String> labels = labels(rnd);
                    printer.printRecord("doc" + i, t, String.join("|", labels));
                    expected.add(new Document("doc" + i, t, labels));
                }
            }
            Path f = write("r" + round + ".csv", out.toString(), round % 2 == 1);
            assertEquals(expected, Corpora.readAll(f,
                    ReadOptions.builder().idColumn("id").labelSeparator("|").build()), "round " + round);
        }
    }

    @Test
    void dirRoundTripsWholeFiles() throws IOException {
        Random rnd = new Random(3);
        List<Document> expected = new ArrayList<>();
        for (String label : List.of("a", "b", "c")) {
            for (int i = 0; i < 10; i++) {
                String t = text(rnd, 200, true) + (i % 2 == 0 ? "\r\n" : "");
                String name = String.format(java.util.Locale.ROOT, "%03d.txt", i);
                TestFiles.write(dir.resolve("corpus"), label + "/" + name, t);
                expected.add(Document.labelled(label + "/" + name, t, label));
            }
        }
        assertEquals(expected, Corpora.readAll(dir.resolve("corpus")));
    }
}
