package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.Split;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.Pooling;
import org.textclf.models.network.TextNetwork;
import org.textclf.models.text.NeuralTextClassifier;
import org.textclf.preprocess.encode.EncoderConfig;
import org.textclf.preprocess.encode.Truncation;

class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsFromFilesAndWritesALoadableBundleWithProvenance() throws IOException {
        Split split = TestCorpora.write(dir);
        Path model = dir.resolve("out/m.textclf");
        CliRunner.Result r = CliRunner.run(TestCorpora.train("--train", dir.resolve("train.tsv").toString(),
                "--valid", dir.resolve("valid.tsv").toString(), "--output", model.toString()));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("model written to " + model), r.out());
        assertTrue(r.err().contains("epoch 1/1  train loss"), r.err());
        assertTrue(r.err().contains("omp=1 master=1 blas=1"), r.err());

        ModelBundle b = ModelBundle.read(model);
        assertEquals(DefaultCorpus.labels(), b.labels());
        assertEquals(Architecture.GRU_ATTENTION, b.network().config().architecture());
        assertEquals(8, b.network().config().hiddenSize());
        assertEquals(32, b.encoder().maxLength());
        assertEquals(1, b.curves().size());
        assertEquals(Integer.toString(split.train().size()), b.provenance().get("train.documents"));
        assertEquals(dir.resolve("train.tsv").toString(), b.provenance().get("train.source"));
        assertEquals(dir.resolve("valid.tsv").toString(), b.provenance().get("valid.source"));
        JsonNode options = new ObjectMapper().readTree(b.provenance().get("cli.options"));
        assertEquals("1", options.get("epochs").asText());
        assertEquals("gru-attention", options.get("model").asText());
        assertEquals(4, NeuralTextClassifier.of(b).probabilities("rain again").length);
        try (Stream<Path> files = Files.list(model.getParent())) {
            assertEquals(List.of(model), files.toList(), "no temporary files left");
        }
    }

    @Test
    void withoutTrainItUsesTheEmbeddedCorpusAndReportsItsTestPart() {
        Path model = dir.resolve("embedded.textclf");
        CliRunner.Result r = CliRunner.run(TestCorpora.train("--model", "baseline", "--output", model.toString()));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("embedded corpus test part (53 documents): accuracy "), r.out());
        ModelBundle b = ModelBundle.read(model);
        assertEquals("42", b.provenance().get(EvalCommand.SPLIT_SEED_KEY));
        assertEquals(Architecture.BASELINE, b.network().config().architecture());
        assertEquals("embedded default corpus, stratified 70/15/15, seed 42: train part",
                b.provenance().get("train.source"));
        assertEquals(new EncoderConfig(32, Truncation.HEAD), b.encoder());   // TestCorpora.TINY's --max-length
    }

    @Test
    void truncationHeadTailIsKeptInTheBundle() {
        Path model = dir.resolve("head-tail.textclf");
        CliRunner.Result r = CliRunner.run(TestCorpora.train("--model", "baseline",
                "--truncation", "head-tail", "--output", model.toString()));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(new EncoderConfig(32, Truncation.HEAD_TAIL), ModelBundle.read(model).encoder());
    }

    @Test
    void configFileSuppliesOptionsAndTheCommandLineOverridesIt() throws IOException {
        TestCorpora.write(dir);
        Path cfgDir = Files.createDirectories(dir.resolve("cfg"));
        Files.writeString(cfgDir.resolve("train.json"), """
                {"model": "transformer", "train": "../train.tsv", "output": "from-config.textclf",
                 "epochs": 3, "embedding-dim": 8, "heads": 2, "layers": 1, "ffn-dim": 16, "max-length": 16,
                 "lr": 0.002, "keep-case": true, "min-count": 1, "threads": 1, "seed": 7}
                """);
        CliRunner.Result r = CliRunner.run("train", "--config", cfgDir.resolve("train.json").toString(),
                "--epochs", "1", "--seed", "9");
        assertEquals(0, r.exitCode(), r.err());
        ModelBundle b = ModelBundle.read(cfgDir.resolve("from-config.textclf"));   // relative to the config file
        assertEquals(Architecture.TRANSFORMER, b.network().config().architecture());
        assertEquals(1, b.network().config().layers());
        assertEquals(16, b.encoder().maxLength());
        assertEquals(1, b.trainer().epochs(), "command line wins");
        assertEquals(9, b.trainer().seed(), "command line wins");
        assertEquals(0.002, b.trainer().learningRate());
        assertFalse(b.pipeline().lowercase(), "keep-case: true from the file");
        assertEquals(dir.resolve("train.tsv").toString(), b.provenance().get("train.source"));
    }

    @Test
    void yamlConfigWorksToo() throws IOException {
        TestCorpora.write(dir);
        Files.writeString(dir.resolve("c.yaml"), """
                # a tiny baseline
                model: baseline
                train: train.tsv
                output: y.textclf
                epochs: 1
                embedding-dim: 8
                bigram-buckets: 32
                threads: 1
                """);
        CliRunner.Result r = CliRunner.run("train", "--config", dir.resolve("c.yaml").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Architecture.BASELINE, ModelBundle.read(dir.resolve("y.textclf")).network().config().architecture());
    }

    @Test
    void freezeEmbeddingsNeedsVectorsAndNoBaselineBigramsAndIsRecorded() throws IOException {
        Path out = dir.resolve("frozen.textclf");
        CliRunner.Result r = CliRunner.run("train", "--freeze-embeddings", "-o", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--freeze-embeddings needs --pretrained-vectors"), r.err());
        assertFalse(Files.exists(out));

        Path vectors = Files.writeString(dir.resolve("v.vec"), "1 4\nrain 1 0 0 0\n");
        r = CliRunner.run("train", "--model", "baseline", "--embedding-dim", "4", "--pretrained-vectors",
                vectors.toString(), "--freeze-embeddings", "-o", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--freeze-embeddings with the baseline needs --bigram-buckets 0"), r.err());

        r = CliRunner.run("train", "--model", "baseline", "--embedding-dim", "4", "--bigram-buckets", "0",
                "--pretrained-vectors", vectors.toString(), "--freeze-embeddings", "--epochs", "2", "-o",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        ModelBundle b = ModelBundle.read(out);
        assertTrue(b.trainer().freezeEmbeddings());
        // The frozen table is the initial one: the "rain" row is still exactly the file's vector.
        int rain = b.vocabulary().id("rain");
        assertArrayEquals(new float[] {1, 0, 0, 0}, b.network().sameDiff().getArrForVarName("embedding")
                .getRow(rain).toFloatVector());
    }

    @Test
    void tokenDropoutIsCheckedAndRecorded() throws IOException {
        Path out = dir.resolve("drop.textclf");
        CliRunner.Result r = CliRunner.run("train", "--model", "baseline", "--token-dropout", "1", "-o", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("tokenDropout must be in [0, 1), was 1.0"), r.err());
        assertFalse(Files.exists(out));

        r = CliRunner.run("train", "--model", "baseline", "--token-dropout", "0.2", "--epochs", "1", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0.2, ModelBundle.read(out).trainer().tokenDropout(), 0);
    }

    @Test
    void poolingIsAnOptionOfTheTwoAttentionModelsOnly() throws IOException {
        Path out = dir.resolve("pool.textclf");
        CliRunner.Result r = CliRunner.run("train", "--model", "baseline", "--pooling", "attention", "-o", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("the baseline is a mean of word and bigram vectors (MEAN only)"), r.err());
        r = CliRunner.run("train", "--model", "transformer", "--pooling", "max", "-o", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--pooling must be one of [attention, mean, cls], was 'max'"), r.err());
        r = CliRunner.run("train", "--model", "gru-attention", "--pooling", "cls", "-o", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("pooling CLS is for the Transformer"), r.err());
        assertFalse(Files.exists(out));

        r = CliRunner.run("train", "--model", "transformer", "--pooling", "attention", "--embedding-dim", "16",
                "--ffn-dim", "16", "--layers", "1", "--epochs", "1", "--threads", "1", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        ModelBundle b = ModelBundle.read(out);
        assertEquals(Pooling.ATTENTION, b.network().config().pooling());
        assertTrue(b.network().sameDiff().hasVariable(TextNetwork.POOL_ATTENTION));

        Path cls = dir.resolve("cls.textclf");
        r = CliRunner.run("train", "--model", "transformer", "--pooling", "cls", "--embedding-dim", "16",
                "--ffn-dim", "16", "--layers", "1", "--epochs", "1", "--threads", "1", "-o", cls.toString());
        assertEquals(0, r.exitCode(), r.err());
        b = ModelBundle.read(cls);
        assertEquals(Pooling.CLS, b.network().config().pooling());
        assertEquals(b.vocabulary().size() + 1, b.network().sameDiff().getArrForVarName(TextNetwork.EMBEDDING).size(0));
    }

    @Test
    void unknownConfigKeysAndBadConfigFilesAreUsageErrorsNamingTheProblem() throws IOException {
        Files.writeString(dir.resolve("typo.json"), "{\"epoch\": 3}");
        CliRunner.Result r = CliRunner.run("train", "--config", dir.resolve("typo.json").toString(), "-o",
                dir.resolve("m.textclf").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("typo.json: unknown key 'epoch'"), r.err());
        assertTrue(r.err().contains("epochs"), "lists the valid keys: " + r.err());

        Files.writeString(dir.resolve("list.json"), "{\"epochs\": [1, 2]}");
        r = CliRunner.run("train", "--config", dir.resolve("list.json").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("key 'epochs' takes one value, not a list"), r.err());

        Files.writeString(dir.resolve("broken.json"), "{\"epochs\": ");
        r = CliRunner.run("train", "--config", dir.resolve("broken.json").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("broken.json: not valid JSON"), r.err());

        Files.writeString(dir.resolve("wrongtype.json"), "{\"epochs\": \"many\"}");
        r = CliRunner.run("train", "--config", dir.resolve("wrongtype.json").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("many"), r.err());

        r = CliRunner.run("train", "--config", dir.resolve("missing.json").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("missing.json: config file not found"), r.err());
        assertFalse(Files.exists(dir.resolve("m.textclf")));
    }

    @Test
    void badDataFailsWithExitOneAndLeavesAnEarlierModelUntouched() throws IOException {
        Split split = TestCorpora.write(dir);
        Path model = dir.resolve("m.textclf");
        Files.writeString(model, "an earlier model");
        Path valid = TestCorpora.tsv(dir.resolve("bad-valid.tsv"), List.of(split.valid().get(0),
                Document.labelled("x", "a recipe for soup", "cooking")));
        CliRunner.Result r = CliRunner.run(TestCorpora.train("--train", dir.resolve("train.tsv").toString(),
                "--valid", valid.toString(), "-o", model.toString()));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("validation document bad-valid.tsv:2 has label 'cooking' that no training"
                + " document has"), r.err());
        assertEquals("an earlier model", Files.readString(model));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")
                    || p.getFileName().toString().endsWith(".tmp")), "no temporary files");
        }

        Files.writeString(dir.resolve("empty.tsv"), "");
        r = CliRunner.run(TestCorpora.train("--train", dir.resolve("empty.tsv").toString(), "-o", model.toString()));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("training corpus " + dir.resolve("empty.tsv") + " holds no documents"), r.err());

        Files.writeString(dir.resolve("one.tsv"), "a\tfirst text\na\tsecond text\na\tthird\n", StandardCharsets.UTF_8);
        r = CliRunner.run(TestCorpora.train("--train", dir.resolve("one.tsv").toString(), "-o", model.toString()));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("has only one label (a); a classifier needs at least two"), r.err());

        Files.writeString(dir.resolve("malformed.tsv"), "a\tfine\nno tab here\n", StandardCharsets.UTF_8);
        r = CliRunner.run(TestCorpora.train("--train", dir.resolve("malformed.tsv").toString(), "-o", model.toString()));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("malformed.tsv:2"), r.err());
        assertEquals("an earlier model", Files.readString(model));
    }

    @Test
    void pretrainedVectorsInitialiseTheEmbeddingsAndTheirCoverageIsReported() throws IOException {
        TestCorpora.write(dir);
        Path vectors = dir.resolve("tiny-glove.txt");   // GloVe text: no header
        Files.writeString(vectors, String.join("\n",
                "rain 0.5 -0.25 0.125 1 2 3 4 -5",
                "Soup 1 1 1 1 1 1 1 1",                      // lowercased to fill "soup"
                "qqqq 0 0 0 0 0 0 0 0") + "\n");
        Path model = dir.resolve("pre.textclf");
        // A learning rate of 1e-9 keeps the trained vectors within ~1e-8 of where they started.
        CliRunner.Result r = CliRunner.run(TestCorpora.train("--train", dir.resolve("train.tsv").toString(),
                "--pretrained-vectors", vectors.toString(), "--lr", "1e-9", "-o", model.toString()));
        assertEquals(0, r.exitCode(), r.err());
        ModelBundle b = ModelBundle.read(model);
        int words = b.vocabulary().size() - 2;
        assertEquals("2 of " + words + " vocabulary entries (" + String.format(java.util.Locale.ROOT, "%.1f",
                200.0 / words) + "%) from 3 vectors", b.provenance().get("pretrained.coverage"));
        assertTrue(r.err().contains("pretrained vectors cover 2 of " + words), r.err());
        float[] rain = b.network().sameDiff().getArrForVarName("embedding")
                .getRow(b.vocabulary().id("rain")).toFloatVector();
        float[] expected = {0.5f, -0.25f, 0.125f, 1, 2, 3, 4, -5};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], rain[i], 1e-6f, "component " + i);
        }

        Path wrongDim = Files.writeString(dir.resolve("wrong.txt"), "rain 1 2 3\n");
        r = CliRunner.run(TestCorpora.train("--train", dir.resolve("train.tsv").toString(),
                "--pretrained-vectors", wrongDim.toString(), "-o", dir.resolve("w.textclf").toString()));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("wrong.txt:1: vector has 3 values, expected 8"), r.err());
        assertFalse(Files.exists(dir.resolve("w.textclf")));
    }

    @Test
    void aTerminatedTrainingLeavesNoModelAndKeepsTheEarlierOne() throws Exception {
        Path model = dir.resolve("m.textclf");
        Files.writeString(model, "an earlier model");
        Path errLog = dir.resolve("err.log");
        // A separate JVM, stopped with SIGTERM (what Ctrl-C and `kill` do) once training is under way.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TextclfCli.class.getName(), "train", "--epochs", "500",
                "--patience", "0", "--embedding-dim", "8", "--hidden", "8", "--heads", "2", "--max-length", "32",
                "--threads", "1", "-o", model.toString())
                .redirectError(errLog.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!Files.readString(errLog).contains("epoch 1/500  train loss") && p.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(p.isAlive(), "training ended early: " + Files.readString(errLog));
        } finally {
            p.destroy();
        }
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(Files.readString(errLog).contains("textclf train: interrupted; no model written to " + model),
                Files.readString(errLog));
        assertEquals("an earlier model", Files.readString(model));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("err.log", "m.textclf"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        Path model = dir.resolve("m.textclf");
        CliRunner.Result r = CliRunner.run("train", "--model", "lstm", "-o", model.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("unknown model architecture 'lstm'; expected one of gru-attention, transformer,"
                + " baseline"), r.err());
        r = CliRunner.run("train", "--dropout", "1.5", "-o", model.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("dropout must be in [0, 1), was 1.5"), r.err());
        r = CliRunner.run("train", "--heads", "3", "-o", model.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("heads=3 must divide the attention width 128"), r.err());
        r = CliRunner.run("train", "--schedule", "sometimes", "-o", model.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--schedule must be one of [constant, plateau, warmup-linear, warmup-cosine]"),
                r.err());
        r = CliRunner.run("train", "--truncation", "tail", "-o", model.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--truncation must be one of [head, head-tail], was 'tail'"), r.err());
        r = CliRunner.run("train", "--threads", "0", "-o", model.toString());
        assertEquals(2, r.exitCode(), r.err());
        r = CliRunner.run("train", "--epochs", "2");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--output is required"), r.err());
        assertFalse(Files.exists(model));
    }

    @Test
    void helpDocumentsTheDefaults() {
        CliRunner.Result r = CliRunner.run("train", "--help");
        assertEquals(0, r.exitCode());
        for (String s : List.of("Default: gru-attention", "--embedding-dim=D", "(default: 128)", "(default: 256)",
                "(default: 32)", "(default: 1e-3)", "(default: 5)", "(default: 2)", "(default: 42)",
                "(default: 30000)", "--pretrained-vectors", "--config")) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
    }
}
