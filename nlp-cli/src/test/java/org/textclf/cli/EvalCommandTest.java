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
    void severalModelsAreEvaluatedAsTheirWeightedEnsemble() throws IOException {
        Path baseline = dir.resolve("baseline.textclf");
        CliRunner.Result r = CliRunner.run(TestCorpora.train("--train", shared.resolve("train.tsv").toString(),
                "--valid", shared.resolve("valid.tsv").toString(), "--model", "baseline",
                "-o", baseline.toString()));
        assertEquals(0, r.exitCode(), r.err());
        Path predictions = dir.resolve("p.jsonl");
        Path report = dir.resolve("r.html");
        r = CliRunner.run("eval", "--model", model.toString(), "--model", baseline.toString(), "--weights", "1,3",
                "--test", shared.resolve("test.tsv").toString(), "--predictions", predictions.toString(),
                "--report", report.toString(), "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());

        // Each text's scores are 0.25 x the GRU's + 0.75 x the baseline's, each model reading the raw text
        // through its own pipeline and length limit.
        NeuralTextClassifier gru = NeuralTextClassifier.of(ModelBundle.read(model));
        NeuralTextClassifier bag = NeuralTextClassifier.of(ModelBundle.read(baseline));
        List<String> lines = Files.readAllLines(predictions, StandardCharsets.UTF_8);
        assertEquals(split.test().size(), lines.size());
        int differs = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode p = JSON.readTree(lines.get(i));
            String text = split.test().get(i).text();
            float[] a = gru.probabilities(text);
            float[] b = bag.probabilities(text);
            int best = 0;
            for (int l = 0; l < gru.labels().size(); l++) {
                double expected = 0.25 * a[l] + 0.75 * b[l];
                double got = p.get("scores").get(gru.labels().get(l)).asDouble();
                assertEquals(expected, got, 1e-6, "document " + (i + 1) + ", label " + gru.labels().get(l));
                best = got > p.get("scores").get(gru.labels().get(best)).asDouble() ? l : best;
            }
            assertEquals(gru.labels().get(best), p.get("label").asText());
            differs += gru.predict(text).equals(p.get("label").asText()) ? 0 : 1;
        }
        assertTrue(differs > 0, "the baseline's weight changed no decision of the GRU; the test shows nothing");
        String html = Files.readString(report);
        for (String s : List.of("ensemble of 2 models", "m.textclf (gru-attention, weight 0.2500)",
                "baseline.textclf (baseline, weight 0.7500)", "model 2 train loss", "model 1 vocabulary")) {
            assertTrue(html.contains(s), s + " missing from the report");
        }

        r = CliRunner.run("eval", "--model", model.toString(), "--model", baseline.toString(), "--weights", "1",
                "--test", shared.resolve("test.tsv").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--weights has 1 value(s) for 2 --model(s)"), r.err());
        r = CliRunner.run("eval", "--model", model.toString(), "--model", baseline.toString(), "--weights", "1,0",
                "--test", shared.resolve("test.tsv").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--weights must be finite and > 0, was 0.0"), r.err());

        Path multi = dir.resolve("multi.textclf");
        r = CliRunner.run(TestCorpora.train("--train", shared.resolve("train.tsv").toString(), "--multi-label",
                "--model", "baseline", "-o", multi.toString()));
        assertEquals(0, r.exitCode(), r.err());
        r = CliRunner.run("eval", "--model", model.toString(), "--model", multi.toString(), "--test",
                shared.resolve("test.tsv").toString(), "--predictions", dir.resolve("q.jsonl").toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("--model [" + model + ", " + multi + "]: model 2 is multi-label but model 1 is"
                + " single-label"), r.err());
        assertFalse(Files.exists(dir.resolve("q.jsonl")), "no predictions file after a refused ensemble");
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
