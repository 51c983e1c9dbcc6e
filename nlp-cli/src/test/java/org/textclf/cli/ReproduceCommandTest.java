package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.corpora.Split;

class ReproduceCommandTest {

    @TempDir
    Path dir;

    @Test
    void aModelTrainedOnTheEmbeddedCorpusIsReproducedExactly() {
        Path model = dir.resolve("m.textclf");
        CliRunner.Result t = CliRunner.run(TestCorpora.train("--output", model.toString(), "--seed", "3"));
        assertEquals(0, t.exitCode(), t.err());
        Path kept = dir.resolve("again");
        CliRunner.Result r = CliRunner.run("reproduce", model.toString(), "--output-dir", kept.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("reproduce: identical: config, data hashes, metrics and weights.fb of " + model),
                r.out());
        assertTrue(Files.isRegularFile(kept.resolve("model.textclf")));
    }

    @Test
    void changedTrainingDataIsReportedAsADifference() throws IOException {
        Split split = TestCorpora.write(dir);
        Path model = dir.resolve("m.textclf");
        Path train = dir.resolve("train.tsv");
        CliRunner.Result t = CliRunner.run(TestCorpora.train("--train", train.toString(),
                "--valid", dir.resolve("valid.tsv").toString(), "--output", model.toString()));
        assertEquals(0, t.exitCode(), t.err());
        // One training document fewer: the data hash, the document count and so the weights change.
        TestCorpora.tsv(train, split.train().subList(1, split.train().size()));
        CliRunner.Result r = CliRunner.run("reproduce", model.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("data train.documents: recorded " + split.train().size() + ", now "
                + (split.train().size() - 1)), r.out());
        assertTrue(r.out().contains("data train.sha256: recorded "), r.out());
        assertTrue(r.out().contains("bundle entry weights.fb: bytes differ"), r.out());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("m.textclf", "test.tsv", "train.tsv", "valid.tsv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no scratch left");
        }
    }
}
