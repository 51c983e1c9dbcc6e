package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.network.Architecture;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void runsEndToEndAndItsModelEvaluatesAgainWithoutNamingTheTestData() throws Exception {
        Path out = dir.resolve("demo");
        CliRunner.Result r = CliRunner.run("demo", "--output-dir", out.toString(), "--epochs", "1", "--examples", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("split 70/15/15 (stratified, seed 42): 252 train, 55 validation, 53 test"), r.out());
        assertTrue(r.out().contains("Confusion matrix"), r.out());
        assertEquals(3, r.out().split("\n   attention: ", -1).length - 1, r.out());
        assertTrue(r.out().contains(out.resolve("report.html").toString()), r.out());
        assertFalse(r.out().contains("Added differentiated op"), "ND4J's per-op lines are filtered: " + r.out());

        ModelBundle b = ModelBundle.read(out.resolve("model.textclf"));
        assertEquals(Architecture.GRU_ATTENTION, b.network().config().architecture());
        assertEquals(DefaultCorpus.labels(), b.labels());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(53, metrics.get("n").asInt());
        assertEquals(53, Files.readAllLines(out.resolve("predictions.jsonl")).size());
        assertTrue(Files.readString(out.resolve("report.html")).contains("valid macro-F1"));

        // eval finds the same test part from the split seed recorded in the bundle
        CliRunner.Result e = CliRunner.run("eval", "--model", out.resolve("model.textclf").toString(),
                "--json", dir.resolve("again.json").toString(), "--threads", "1");
        assertEquals(0, e.exitCode(), e.err());
        JsonNode again = new ObjectMapper().readTree(dir.resolve("again.json").toFile());
        assertEquals(metrics, again);
    }

    @Test
    void examplesTakeEachLabelInTurn() {
        List<Document> test = List.of(Document.labelled("1", "a", "x"), Document.labelled("2", "b", "x"),
                Document.labelled("3", "c", "y"), Document.labelled("4", "d", "z"));
        assertEquals(List.of("1", "3", "4", "2"), DemoCommand.examples(test, 9).stream().map(Document::id).toList());
        assertEquals(List.of("1", "3"), DemoCommand.examples(test, 2).stream().map(Document::id).toList());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, CliRunner.run("demo", "--epochs", "0", "--output-dir", dir.toString()).exitCode());
        assertEquals(2, CliRunner.run("demo", "--epochs", "x").exitCode());
    }
}
