package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetricsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new MetricsCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static Path write(Path dir, String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static final String[] BINARY = {
        "{\"id\": \"d1\", \"gold\": \"neg\", \"label\": \"neg\", \"scores\": {\"neg\": 0.9, \"pos\": 0.1}}",
        "{\"id\": \"d2\", \"gold\": \"neg\", \"label\": \"neg\", \"scores\": {\"neg\": 0.6, \"pos\": 0.4}}",
        "{\"id\": \"d3\", \"gold\": \"pos\", \"label\": \"neg\", \"scores\": {\"neg\": 0.65, \"pos\": 0.35}}",
        "{\"id\": \"d4\", \"gold\": \"pos\", \"label\": \"pos\", \"scores\": {\"neg\": 0.2, \"pos\": 0.8}}",
    };

    @Test
    void binaryPredictionsPrintTheReportAndWriteJsonWithTheIssueKeys(@TempDir Path dir) throws Exception {
        Path in = write(dir, "p.jsonl", BINARY);
        Path json = dir.resolve("m.json");
        Result r = run("--input", in.toString(), "--json", json.toString());
        assertEquals(0, r.exit(), r.err());
        String expectedTable = String.join("\n",
                "              precision    recall  f1-score   support",
                "",
                "         neg     0.6667    1.0000    0.8000         2",
                "         pos     1.0000    0.5000    0.6667         2",
                "",
                "    accuracy                         0.7500         4",
                "   macro avg     0.8333    0.7500    0.7333         4",
                "   micro avg     0.7500    0.7500    0.7500         4",
                "weighted avg     0.8333    0.7500    0.7333         4",
                "");
        assertTrue(r.out().startsWith(expectedTable), r.out());
        assertTrue(r.out().contains("ROC AUC (positive pos)       0.7500"), r.out());
        assertTrue(r.out().contains("average precision            0.8333"), r.out());
        assertTrue(r.out().contains(String.join("\n",
                "Confusion matrix (rows = gold, columns = predicted)",
                "gold \\ predicted    neg    pos",
                "             neg      2      0",
                "             pos      1      1")), r.out());
        JsonNode m = JSON.readTree(json.toFile());
        assertEquals(new TreeSet<>(List.of("n", "labels", "accuracy", "per_class", "macro", "micro", "weighted",
                "confusion_matrix", "mcc", "cohen_kappa", "roc_auc", "average_precision", "positive_label")), keys(m));
        assertEquals(4, m.get("n").asInt());
        assertEquals("pos", m.get("positive_label").asText());
        assertEquals(0.75, m.get("accuracy").asDouble());
        assertEquals(Set.of("precision", "recall", "f1", "support"), keys(m.get("per_class").get("neg")));
        assertEquals(0.8, m.get("per_class").get("neg").get("f1").asDouble(), 1e-15);
        assertEquals("[[2,0],[1,1]]", m.get("confusion_matrix").toString());
        assertEquals(0.5, m.get("cohen_kappa").asDouble(), 1e-15);
        assertEquals(1 / Math.sqrt(3), m.get("mcc").asDouble(), 1e-15);
    }

    @Test
    void multiClassWithoutScoresHasNoRankingKeysAndMultiLabelHasItsOwn(@TempDir Path dir) throws Exception {
        Path in = write(dir, "p.jsonl", "{\"gold\": \"a\", \"label\": \"b\"}", "{\"gold\": \"c\", \"label\": \"c\"}",
                "{\"gold\": \"b\", \"label\": \"b\"}");
        Path json = dir.resolve("m.json");
        assertEquals(0, run("--input", in.toString(), "--json", json.toString()).exit());
        assertEquals(new TreeSet<>(List.of("n", "labels", "accuracy", "per_class", "macro", "micro", "weighted",
                "confusion_matrix", "mcc", "cohen_kappa")), keys(JSON.readTree(json.toFile())));

        Path multi = write(dir, "ml.jsonl", "{\"gold\": [\"a\", \"c\"], \"labels\": [\"a\"]}",
                "{\"gold\": [], \"labels\": []}");
        Path mjson = dir.resolve("ml.json");
        Result r = run("--input", multi.toString(), "--json", mjson.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode m = JSON.readTree(mjson.toFile());
        assertEquals(new TreeSet<>(List.of("n", "labels", "per_class", "macro", "micro", "weighted", "samples",
                "subset_accuracy")), keys(m));
        assertEquals(0.5, m.get("subset_accuracy").asDouble());
        assertTrue(r.out().contains("samples avg"), r.out());
    }

    @Test
    void errorsNameTheLine(@TempDir Path dir) throws Exception {
        Path malformed = write(dir, "bad.jsonl", BINARY[0], BINARY[1], "{\"gold\": \"neg\", \"label\": ");
        Result r = run("--input", malformed.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("bad.jsonl:3: malformed JSON"), r.err());

        Path mixed = write(dir, "mixed.jsonl", BINARY[0], "", "{\"gold\": [\"neg\"], \"labels\": [\"neg\"]}");
        r = run("--input", mixed.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("mixed.jsonl:3: multi-label record (\"labels\") but line 1 was single-label"),
                r.err());

        Path unknown = write(dir, "u.jsonl", "{\"gold\": \"a\", \"label\": \"a\"}", "{\"gold\": \"a\", \"label\": \"z\"}");
        r = run("--input", unknown.toString(), "--labels", "a,b");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("u.jsonl:2: unknown predicted label 'z'; the label list is [a, b]"), r.err());

        r = run("--input", dir.resolve("missing.jsonl").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("file not found"), r.err());
    }

    @Test
    void readsStandardInputAndWarnsAboutEmptyInput(@TempDir Path dir) throws Exception {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(String.join("\n", BINARY).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
            Result r = run("--input", "-");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("    accuracy                         0.7500         4"), r.out());
        } finally {
            System.setIn(stdin);
        }
        Path empty = write(dir, "empty.jsonl", "");
        Result r = run("--input", empty.toString());
        assertEquals(0, r.exit());
        assertTrue(r.err().contains("empty.jsonl holds no predictions"), r.err());
    }

    @Test
    void badUsageExitsWithTwo(@TempDir Path dir) throws Exception {
        assertEquals(2, run().exit());
        assertEquals(2, run("--input", "x.jsonl", "--bootstrap", "many").exit());
        Path in = write(dir, "p.jsonl", BINARY);
        Result r = run("--input", in.toString(), "--labels", "neg,pos", "--positive", "maybe");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("positive label 'maybe' is not in the label list [neg, pos]"), r.err());
        assertEquals(2, run("--input", in.toString(), "--bootstrap", "-5").exit());
        assertEquals(0, run("--help").exit());
    }

    @Test
    void bootstrapCompareAndHtmlReport(@TempDir Path dir) throws Exception {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String gold = i % 3 == 0 ? "x" : i % 3 == 1 ? "y" : "z";
            String wrong = gold.equals("x") ? "y" : "x";
            a.add("{\"id\": \"d" + i + "\", \"gold\": \"" + gold + "\", \"label\": \"" + (i % 10 == 0 ? wrong : gold)
                    + "\"}");
            b.add("{\"id\": \"d" + i + "\", \"gold\": \"" + gold + "\", \"label\": \"" + (i % 4 == 0 ? wrong : gold)
                    + "\"}");
        }
        Path pa = write(dir, "a.jsonl", a.toArray(String[]::new));
        Path pb = write(dir, "b.jsonl", b.toArray(String[]::new));
        Path json = dir.resolve("m.json");
        Path html = dir.resolve("r.html");
        Result r = run("--input", pa.toString(), "--compare", pb.toString(), "--bootstrap", "200", "--seed", "3",
                "--json", json.toString(), "--report", html.toString(), "--title", "A vs B");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("McNemar exact p"), r.out());
        JsonNode m = JSON.readTree(json.toFile());
        assertEquals(200, m.get("bootstrap").get("replicates").asInt());
        assertEquals(3, m.get("bootstrap").get("seed").asInt());
        // A wrong on i % 10 == 0 (6 docs), B on i % 4 == 0 (15 docs), both on i % 20 == 0 (3 docs)
        assertEquals(12, m.get("comparison").get("only_a_correct").asInt());
        assertEquals(3, m.get("comparison").get("only_b_correct").asInt());
        String page = Files.readString(html);
        assertTrue(page.contains("<title>A vs B</title>"));
        assertTrue(page.contains("id=\"comparison\""));
        // the same seed gives the same intervals
        Path json2 = dir.resolve("m2.json");
        assertEquals(0, run("--input", pa.toString(), "--compare", pb.toString(), "--bootstrap", "200", "--seed", "3",
                "--json", json2.toString()).exit());
        assertEquals(m.get("bootstrap"), JSON.readTree(json2.toFile()).get("bootstrap"));
    }
}
