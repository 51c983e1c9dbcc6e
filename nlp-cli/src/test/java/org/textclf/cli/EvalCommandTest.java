package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.corpora.Document;
import org.textclf.corpora.Split;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.text.NeuralTextClassifier;

class EvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Split split;
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() throws IOException {
        split = TestCorpora.write(shared);
        model = shared.resolve("m.textclf");
        CliRunner.Result r = CliRunner.run(TestCorpora.train("--train", shared.resolve("train.tsv").toString(),
                "--valid", shared.resolve("valid.tsv").toString(), "-o", model.toString()));
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void printsTheMetricsTableAndWritesJsonReportAndPredictionsThatAgreeWithTheModel() throws IOException {
        Path json = dir.resolve("m.json");
        Path report = dir.resolve("r.html");
        Path predictions = dir.resolve("p.jsonl");
        CliRunner.Result r = CliRunner.run("eval", "--model", model.toString(), "--test",
                shared.resolve("test.tsv").toString(), "--json", json.toString(), "--report", report.toString(),
                "--predictions", predictions.toString(), "--batch-size", "7", "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("              precision    recall  f1-score   support"), r.out());
        assertTrue(r.out().contains("Confusion matrix (rows = gold, columns = predicted)"), r.out());

        // Every test document once, in input order, with the model's own probabilities (chunks of 7, sorted by
        // length inside a chunk, must not change order or values).
        List<String> lines = Files.readAllLines(predictions, StandardCharsets.UTF_8);
        assertEquals(split.test().size(), lines.size());
        NeuralTextClassifier c = NeuralTextClassifier.of(ModelBundle.read(model));
        int correct = 0;
        for (int i = 0; i < lines.size(); i++) {
            assertFalse(lines.get(i).startsWith(" "), "line " + (i + 1) + " starts with a space");
            JsonNode p = JSON.readTree(lines.get(i));
            Document d = split.test().get(i);
            assertEquals("test.tsv:" + (i + 1), p.get("id").asText());
            assertEquals(d.label(), p.get("gold").asText());
            float[] expected = c.probabilities(d.text());
            for (int l = 0; l < c.labels().size(); l++) {
                assertEquals(expected[l], (float) p.get("scores").get(c.labels().get(l)).asDouble(), 1e-6f);
            }
            assertEquals(c.predict(d.text()), p.get("label").asText());
            correct += p.get("label").asText().equals(d.label()) ? 1 : 0;
        }
        JsonNode m = JSON.readTree(json.toFile());
        assertEquals(split.test().size(), m.get("n").asInt());
        assertEquals((double) correct / lines.size(), m.get("accuracy").asDouble(), 1e-12);
        assertTrue(m.has("roc_auc_ovr_macro"));

        // The predictions file gives exactly the same table through the metrics verb.
        CliRunner.Result metrics = CliRunner.run("metrics", "--input", predictions.toString());
        assertEquals(0, metrics.exitCode(), metrics.err());
        assertEquals(metrics.out(), r.out());

        String html = Files.readString(report);
        for (String s : List.of("m.textclf", "test.tsv", "valid macro-F1", "train loss", "model train.sha256",
                "&quot;hiddenSize&quot;", "gru-attention")) {
            assertTrue(html.contains(s), s + " missing from the report");
        }
    }

    @Test
    void unknownGoldLabelsAreAnErrorNamingTheDocumentOrSkippedAndCounted() throws IOException {
        List<Document> docs = new ArrayList<>(split.test().subList(0, 5));
        docs.add(2, Document.labelled("x", "<p>slow-cooked lentil stew</p>", "cooking"));
        Path test = TestCorpora.tsv(dir.resolve("odd.tsv"), docs);
        Path predictions = dir.resolve("p.jsonl");
        CliRunner.Result r = CliRunner.run("eval", "-m", model.toString(), "--test", test.toString(),
                "--predictions", predictions.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("test document odd.tsv:3 has gold label 'cooking' that the model was not"
                + " trained on; the model knows [food, sports, tech, weather]"), r.err());
        assertFalse(Files.exists(predictions), "no half-written predictions");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(test), files.toList());
        }

        r = CliRunner.run("eval", "-m", model.toString(), "--test", test.toString(), "--unknown-labels", "skip",
                "--predictions", predictions.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("skipped 1 test document(s) whose gold label the model does not know"), r.err());
        assertTrue(r.out().contains("    accuracy                         "), r.out());
        assertTrue(r.out().contains("         5\n"), r.out());
        assertEquals(5, Files.readAllLines(predictions).size());
    }

    @Test
    void multiLabelModelsGiveMultiLabelPredictionsAndMetrics() throws IOException {
        Path multi = dir.resolve("multi.textclf");
        CliRunner.Result r = CliRunner.run(TestCorpora.train("--train", shared.resolve("train.tsv").toString(),
                "--multi-label", "-o", multi.toString()));
        assertEquals(0, r.exitCode(), r.err());
        Path predictions = dir.resolve("p.jsonl");
        r = CliRunner.run("eval", "-m", multi.toString(), "--test", shared.resolve("test.tsv").toString(),
                "--predictions", predictions.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("samples avg"), r.out());
        JsonNode first = JSON.readTree(Files.readAllLines(predictions).get(0));
        assertTrue(first.get("gold").isArray() && first.get("labels").isArray(), first.toString());
        assertEquals(4, first.get("scores").size());
    }

    @Test
    void usageAndModelErrors() throws IOException {
        CliRunner.Result r = CliRunner.run("eval", "--model", model.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--test is required: " + model + " was not trained on the embedded default"
                + " corpus"), r.err());

        Path notAModel = Files.writeString(dir.resolve("fake.textclf"), "hello");
        r = CliRunner.run("eval", "--model", notAModel.toString(), "--test", shared.resolve("test.tsv").toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("fake.textclf: not a textclf model"), r.err());

        r = CliRunner.run("eval", "--model", model.toString(), "--test", dir.resolve("nope.tsv").toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("nope.tsv"), r.err());

        Path unlabelled = Files.writeString(dir.resolve("u.jsonl"), "{\"id\": \"q1\", \"text\": \"rain\"}\n");
        r = CliRunner.run("eval", "--model", model.toString(), "--test", unlabelled.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("test document q1 has no label"), r.err());

        r = CliRunner.run("eval", "--model", model.toString(), "--test", shared.resolve("test.tsv").toString(),
                "--unknown-labels", "maybe");
        assertEquals(2, r.exitCode(), r.err());
    }
}
