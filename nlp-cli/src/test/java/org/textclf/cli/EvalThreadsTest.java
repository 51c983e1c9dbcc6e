package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.corpora.Document;
import org.textclf.corpora.Split;
import org.textclf.models.Threads;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.text.NeuralTextClassifier;

/**
 * {@code eval}'s numbers do not depend on {@code --threads}, for a GRU whose scores DO depend on the number of
 * native threads (the second test shows that, so the first one is not passing by luck of tiny shapes).
 */
class EvalThreadsTest {

    /**
     * A GRU big enough that one and two native threads give different last float digits on the embedded corpus
     * (measured with the code before workers: 11 of 53 prediction lines differed between {@code eval --threads 1}
     * and {@code --threads 3}); one epoch trains in a few seconds.
     */
    static final List<String> GRU = List.of("--epochs", "1", "--embedding-dim", "32", "--hidden", "32", "--heads",
            "2", "--max-length", "128", "--batch-size", "32", "--min-count", "1", "--threads", "1");

    @TempDir
    static Path shared;
    static Split split;
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() throws IOException {
        split = TestCorpora.write(shared);
        model = shared.resolve("gru.textclf");
        CliRunner.Result r = CliRunner.run(TestCorpora.args(List.of("train"), TestCorpora.args(GRU, "--train",
                shared.resolve("train.tsv").toString(), "--valid", shared.resolve("valid.tsv").toString(), "-o",
                model.toString())));
        assertEquals(0, r.exitCode(), r.err());
    }

    @AfterAll
    static void oneNativeThread() {
        Threads.set(1);
    }

    @Test
    void evalAtOneAndThreeThreadsWritesByteIdenticalPredictionsAndMetrics() throws IOException {
        List<byte[]> predictions = new ArrayList<>();
        List<byte[]> metrics = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        for (String threads : List.of("1", "3")) {
            Path p = dir.resolve("p" + threads + ".jsonl");
            Path m = dir.resolve("m" + threads + ".json");
            // Chunks of 8: the 53 test documents make 7 chunks, so 3 workers really classify side by side.
            CliRunner.Result r = CliRunner.run("eval", "--model", model.toString(), "--test",
                    shared.resolve("test.tsv").toString(), "--predictions", p.toString(), "--json", m.toString(),
                    "--batch-size", "8", "--threads", threads);
            assertEquals(0, r.exitCode(), r.err());
            predictions.add(Files.readAllBytes(p));
            metrics.add(Files.readAllBytes(m));
            tables.add(r.out());
        }
        assertEquals(split.test().size(), Files.readAllLines(dir.resolve("p1.jsonl")).size());
        assertArrayEquals(predictions.get(0), predictions.get(1), "predictions at --threads 1 and 3");
        assertArrayEquals(metrics.get(0), metrics.get(1), "metrics JSON at --threads 1 and 3");
        assertEquals(tables.get(0), tables.get(1));
    }

    @Test
    void theseShapesGiveOtherScoresAtAnotherNativeThreadCount() {
        // What eval did before it had workers: one thread classifying with --threads native threads.
        NeuralTextClassifier c = NeuralTextClassifier.of(ModelBundle.read(model));
        List<String> texts = split.test().stream().map(Document::text).toList();
        float[][] one;
        float[][] two;
        try {
            Threads.set(1);
            one = c.probabilities(texts);
            Threads.set(2);
            two = c.probabilities(texts);
        } finally {
            Threads.set(1);
        }
        int differing = 0;
        for (int i = 0; i < one.length; i++) {
            differing += Arrays.equals(one[i], two[i]) ? 0 : 1;
        }
        assertTrue(differing > 0, "no score differs between 1 and 2 native threads: these shapes no longer show"
                + " that eval's results are independent of the native thread count; use a bigger GRU");
    }
}
