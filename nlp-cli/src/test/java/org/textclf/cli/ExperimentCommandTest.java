package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.textclf.corpora.Splitter;
import org.textclf.models.bundle.ModelBundle;

class ExperimentCommandTest {

    /** The embedded corpus with a network a few kilobytes big: one epoch takes about a second. */
    static final String TINY_YAML = """
            name: tiny
            seed: 7
            corpus:
              embedded: true
            preprocessing:
              tokenizer: default
            model:
              type: gru-attention
              embedding-dim: 8
              hidden: 8
              max-length: 32
              min-count: 1
            training:
              epochs: 1
              batch-size: 32
            """;

    /**
     * A GRU whose scores differ in the last float digits between 1 and 2 native threads (EvalThreadsTest shows it
     * for these shapes; with the code before workers, 11 of the 53 prediction lines of this run differed between
     * --threads 1 and 2). One epoch trains in a few seconds.
     */
    static final String GRU_YAML = TINY_YAML.replace("name: tiny", "name: gru")
            .replace("embedding-dim: 8", "embedding-dim: 32").replace("hidden: 8", "hidden: 32")
            .replace("max-length: 32", "max-length: 128");

    @TempDir
    Path dir;

    @Test
    void sameFileAndSeedGiveIdenticalResultsAtOneAndTwoThreads() throws IOException {
        Path file = Files.writeString(dir.resolve("gru.yaml"), GRU_YAML);
        Path a = dir.resolve("runs/a");
        Path b = dir.resolve("runs/b");
        CliRunner.Result ra = CliRunner.run("experiment", "run", file.toString(), "--output-dir", a.toString(),
                "--threads", "1");
        assertEquals(0, ra.exitCode(), ra.err());
        assertTrue(ra.out().contains("gru: embedded default corpus, stratified 70/15/15, seed 7: test part: accuracy"),
                ra.out());
        CliRunner.Result rb = CliRunner.run("experiment", "run", file.toString(), "--output-dir", b.toString(),
                "--threads", "2");
        assertEquals(0, rb.exitCode(), rb.err());

        assertEquals(Set.of("config.json", "model.textclf", "metrics.json", "predictions.jsonl", "report.html",
                "manifest.json"), names(a));
        assertEquals(Set.of("a", "b"), names(dir.resolve("runs")), "no temporary run folders left");
        for (String f : List.of("metrics.json", "predictions.jsonl", "config.json")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        long lines = Files.readAllLines(a.resolve("predictions.jsonl")).size();
        assertEquals(53, lines, "the stratified 15 % test part of the 360 embedded documents");

        Map<String, byte[]> ea = ReproduceCommand.entries(a.resolve("model.textclf"));
        Map<String, byte[]> eb = ReproduceCommand.entries(b.resolve("model.textclf"));
        assertEquals(ea.keySet(), eb.keySet());
        assertArrayEquals(ea.get("weights.fb"), eb.get("weights.fb"), "weights.fb");
        TreeSet<String> differing = new TreeSet<>();
        ea.forEach((k, v) -> {
            if (!Arrays.equals(v, eb.get(k))) {
                differing.add(k);
            }
        });
        // provenance.json: 'created' time and cli.options' output path; curves.json: per-epoch 'seconds';
        // manifest.json: their checksums. Everything else (vocabulary, labels, pipeline, network, weights, updater state) is identical.
        assertTrue(Set.of("provenance.json", "curves.json", "manifest.json").containsAll(differing),
                differing.toString());
        Map<String, String> pa = new HashMap<>(ModelBundle.read(a.resolve("model.textclf")).provenance());
        Map<String, String> pb = new HashMap<>(ModelBundle.read(b.resolve("model.textclf")).provenance());
        assertEquals("1", pa.get("threads"), "training threads come from the file (default 1)");
        ObjectMapper json = new ObjectMapper();
        for (Map<String, String> p : List.of(pa, pb)) {
            p.remove("created");
            com.fasterxml.jackson.databind.node.ObjectNode o =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(p.get("cli.options"));
            o.remove("threads");
            o.remove("output");
            p.put("cli.options", o.toString());
        }
        assertEquals(pa, pb);

        JsonNode manifest = json.readTree(a.resolve("manifest.json").toFile());
        assertEquals(7, manifest.get("seed").asLong());
        assertEquals(1, manifest.get("threads.training").asInt());
        assertEquals(1, manifest.get("threads.evaluation").asInt());
        assertEquals(53, manifest.get("test.documents").asInt());
        assertEquals(manifest.has("git.commit"), manifest.has("git.dirty"), manifest.toString());
        assertTrue(manifest.get("wall.seconds").asDouble() > 0);
        assertEquals(64, manifest.get("train.sha256").asText().length());
        assertEquals(System.getProperty("java.version"), manifest.get("java.version").asText());
        // ND4J's jars have no Implementation-Version: the manifest and the bundle once said "unknown".
        String nd4j = nd4jApiJarVersion();
        assertEquals(nd4j, manifest.get("nd4j.version").asText());
        assertEquals(nd4j, pa.get("nd4j.version"));
        assertEquals("CpuBackend", manifest.get("nd4j.backend").asText());
        assertEquals("CpuBackend", pa.get("nd4j.backend"));
        JsonNode config = json.readTree(a.resolve("config.json").toFile());
        assertEquals("32", config.get("model").get("hidden").asText());
        assertEquals(Splitter.DEFAULT_TEST, config.get("corpus").get("split").get("test").asDouble());

        // The run folder is a complete record: reproduce retrains it and finds no difference.
        CliRunner.Result rr = CliRunner.run("reproduce", a.resolve("model.textclf").toString(), "--threads", "2");
        assertEquals(0, rr.exitCode(), rr.out() + rr.err());
        assertTrue(rr.out().contains("reproduce: identical"), rr.out());
    }

    /** The version in the file name of the nd4j-api jar on the test class path: a source independent of the code. */
    private static String nd4jApiJarVersion() {
        try {
            Path jar = Path.of(Nd4j.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Matcher m = Pattern.compile("nd4j-api-(\\d+\\.\\d+\\.\\d+\\S*)\\.jar")
                    .matcher(jar.getFileName().toString());
            assertTrue(m.matches(), jar.toString());
            return m.group(1);
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void manifestRecordsTheCommitOfTheRepositoryHoldingTheExperimentFileAndWhetherItIsDirty() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Assumptions.assumeTrue(git(repo, "init", "-q") != null, "git is not installed: skipping the manifest's"
                + " git.commit test");
        Path file = Files.writeString(repo.resolve("tiny.yaml"), TINY_YAML);
        git(repo, "add", "tiny.yaml");
        assertTrue(git(repo, "-c", "user.name=textclf test", "-c", "user.email=test@textclf.invalid", "-c",
                "commit.gpgsign=false", "commit", "-q", "-m", "tiny experiment") != null);
        String head = git(repo, "rev-parse", "HEAD").trim();
        // The data (embedded corpus) and the run folder are outside the repository, as ../shared corpora are.
        Path run = dir.resolve("runs/clean");
        CliRunner.Result r = CliRunner.run("experiment", "run", file.toString(), "--output-dir", run.toString(),
                "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertEquals(head, manifest.get("git.commit").asText());
        assertFalse(manifest.get("git.dirty").asBoolean(), manifest.toString());
        assertTrue(manifest.get("git.dirty").isBoolean(), manifest.toString());

        assertEquals(Boolean.FALSE, ExperimentRunner.gitDirty(repo));
        Files.writeString(repo.resolve("notes.txt"), "untracked");
        assertEquals(Boolean.TRUE, ExperimentRunner.gitDirty(repo), "an untracked file");
        Files.delete(repo.resolve("notes.txt"));
        Files.writeString(file, TINY_YAML.replace("seed: 7", "seed: 8"));
        assertEquals(Boolean.TRUE, ExperimentRunner.gitDirty(repo), "a modified experiment file");
        Path noRepo = Files.createDirectories(dir.resolve("no-repo"));
        assertNull(ExperimentRunner.gitCommit(noRepo), "a folder outside any repository has no commit");
        assertNull(ExperimentRunner.gitDirty(noRepo), "nor a dirty state");
    }

    @Test
    void pretrainedVectorsAreHashedIntoTheManifestAndTheBundle() throws IOException {
        // Two 8-dimensional vectors; sha256sum of these 48 bytes is below.
        String vec = "2 8\nsports 1 0 0 0 0 0 0 0\nfood 0 1 0 0 0 0 0 0\n";
        Path vectors = Files.writeString(dir.resolve("v.vec"), vec);
        Path file = Files.writeString(dir.resolve("tiny.yaml"),
                TINY_YAML.replace("  min-count: 1", "  min-count: 1\n  pretrained-vectors: v.vec"));
        Path run = dir.resolve("runs/vec");
        CliRunner.Result r = CliRunner.run("experiment", "run", file.toString(), "--output-dir", run.toString(),
                "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        String sha = "c91c9be34e4de7c4cbad5a188fe7237304e0c5f2ce259c5830d798374125fe1c";
        JsonNode data = new ObjectMapper().readTree(run.resolve("manifest.json").toFile()).get("data");
        assertEquals(sha, data.get(vectors.toAbsolutePath().normalize().toString()).asText(), data.toString());
        assertEquals(sha, org.textclf.models.bundle.ModelBundle.read(run.resolve("model.textclf")).provenance()
                .get("pretrained.sha256"));
    }

    /** Standard output of git in {@code where}, or null when it fails or git is not installed. */
    private static String git(Path where, String... args) throws InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void unknownKeyIsAUsageErrorNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), TINY_YAML.replace("  hidden: 8", "  hiden: 8"));
        CliRunner.Result r = CliRunner.run("experiment", "run", file.toString(), "--output-dir",
                dir.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("bad.yaml: unknown key 'model.hiden'"), r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void relativePathsResolveAgainstTheFileAndSplitNeedsRatiosSummingToOne() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("exp"));
        Files.writeString(sub.resolve("e.json"), "{\"corpus\": {\"train\": \"../data/train.tsv\","
                + " \"split\": {\"train\": 0.8, \"valid\": 0.1, \"test\": 0.1}}, \"model\": {\"pretrained-vectors\":"
                + " \"v.vec\"}}");
        ExperimentConfig c = ExperimentConfig.load(sub.resolve("e.json"));
        assertEquals("e", c.name());
        assertEquals(42, c.seed());
        assertEquals(dir.resolve("data/train.tsv").toAbsolutePath().normalize(), c.corpus().train());
        assertEquals(sub.resolve("v.vec").toAbsolutePath().normalize().toString(), c.model().get("pretrained-vectors"));
        assertEquals(List.of("--pretrained-vectors", c.model().get("pretrained-vectors"), "--threads", "1", "--seed",
                        "42"),
                c.trainArgs());
        ExperimentConfig back = ExperimentConfig.fromJson(c.toJson(), Path.of("/elsewhere"), "x");
        assertEquals(c, back);

        Files.writeString(sub.resolve("bad.json"), "{\"corpus\": {\"embedded\": true, \"split\": {\"train\": 0.8}}}");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ExperimentConfig.load(sub.resolve("bad.json")));
        assertTrue(e.getMessage().contains("bad.json: corpus.split: train, valid and test must be > 0 and sum to 1,"
                + " were 0.8, 0.15, 0.15"), e.getMessage());
    }

    @Test
    void seedOptionReplacesTheFilesSeedAndIsRecorded() throws IOException {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), TINY_YAML);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, CliRunner.run("experiment", "run", file.toString(), "--output-dir", a.toString(), "--threads",
                "1").exitCode());
        CliRunner.Result rb = CliRunner.run("experiment", "run", file.toString(), "--output-dir", b.toString(),
                "--threads", "1", "--seed", "8");
        assertEquals(0, rb.exitCode(), rb.err());
        ObjectMapper json = new ObjectMapper();
        assertEquals(7, json.readTree(a.resolve("config.json").toFile()).get("seed").asLong());
        assertEquals(8, json.readTree(b.resolve("config.json").toFile()).get("seed").asLong());
        assertEquals(8, json.readTree(b.resolve("manifest.json").toFile()).get("seed").asLong());
        ModelBundle bundle = ModelBundle.read(b.resolve("model.textclf"));
        assertEquals(8, bundle.trainer().seed());
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("predictions.jsonl")),
                Files.readAllBytes(b.resolve("predictions.jsonl"))), "another seed, another split and model");
        CliRunner.Result rr = CliRunner.run("reproduce", b.resolve("model.textclf").toString(), "--threads", "1");
        assertEquals(0, rr.exitCode(), rr.err());
        assertTrue(rr.out().contains("reproduce: identical"), rr.out());
    }

    @Test
    void existingRunFolderIsRefusedAndLeftAlone() throws IOException {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), TINY_YAML);
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRunner.Result r = CliRunner.run("experiment", "run", file.toString(), "--output-dir", out.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("run folder exists already"), r.err());
        assertEquals(Set.of("keep.txt"), names(out));
        assertEquals(Set.of("taken", "tiny.yaml"), names(dir));
    }

    private static Set<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
