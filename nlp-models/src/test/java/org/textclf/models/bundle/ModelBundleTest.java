package org.textclf.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.models.text.NeuralTextClassifier;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.Pooling;
import org.textclf.models.network.TextNetwork;
import org.textclf.models.train.LabelledData;
import org.textclf.models.train.Trainer;
import org.textclf.models.train.TrainerConfig;
import org.textclf.models.train.TrainingResult;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.encode.EncoderConfig;
import org.textclf.preprocess.vocab.Vocabulary;

class ModelBundleTest {

    static final List<String> TEXTS = List.of("A <b>great</b>, great film!", "boring plot and bad acting", "",
            "great acting but a bad plot, great fun");
    static final Vocabulary VOCAB = Vocabulary.of(List.of(Vocabulary.PAD, Vocabulary.UNK, "great", "bad", "film",
            "plot", "acting", "boring", "a", "and", "but", "fun"));

    static String bits(float[] row) {
        StringJoiner j = new StringJoiner(" ");
        for (float f : row) {
            j.add(Integer.toHexString(Float.floatToIntBits(f)));
        }
        return j.toString();
    }

    private static NetworkConfig.Builder tiny(Architecture a) {
        return NetworkConfig.builder(a, VOCAB.size(), 2).embeddingDim(8).hiddenSize(8).heads(2)
                .bigramBuckets(a == Architecture.BASELINE ? 7 : 0);
    }

    private static ModelBundle trainedBundle(Architecture a) {
        return trainedBundle(tiny(a).build());
    }

    private static ModelBundle trainedBundle(NetworkConfig cfg) {
        TextNetwork net = NetworkFactory.build(cfg);
        LabelledData data = LabelledData.singleLabel(new int[][] {{2, 4}, {7, 5, 3}, {2, 2}, {3, 6}}, new int[] {1, 0, 1, 0});
        Trainer trainer = new Trainer(TrainerConfig.builder().epochs(2).batchSize(2).build());
        TrainingResult r = trainer.train(net, data, data, List.of("neg", "pos"), null);
        return new ModelBundle(net, PipelineConfig.defaults(), EncoderConfig.defaults(), VOCAB, List.of("neg", "pos"),
                trainer.config(), r.curves(), Map.of("seed", "42"), trainer.updaterState());
    }

    @Test
    void roundTripGivesBitIdenticalPredictionsForEveryArchitecture(@TempDir Path dir) {
        List<NetworkConfig> configs = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            configs.add(tiny(a).build());
        }
        configs.add(tiny(Architecture.TRANSFORMER).pooling(Pooling.CLS).build());
        for (NetworkConfig cfg : configs) {
            ModelBundle b = trainedBundle(cfg);
            String a = cfg.architecture().id() + "-" + cfg.pooling();
            Path file = dir.resolve(a + ".textclf");
            b.write(file);
            ModelBundle back = ModelBundle.read(file);
            float[][] before = NeuralTextClassifier.of(b).probabilities(TEXTS);
            float[][] after = NeuralTextClassifier.of(back).probabilities(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertEquals(bits(before[i]), bits(after[i]), a + " text " + i);
            }
            assertEquals(b.network().config(), back.network().config());
            assertEquals(VOCAB.checksum(), back.vocabulary().checksum());
            assertEquals(List.of("neg", "pos"), back.labels());
            assertEquals(b.trainer(), back.trainer());
            assertEquals(b.curves(), back.curves());
            assertEquals("42", back.provenance().get("seed"));
            assertTrue(back.provenance().containsKey("java.version"));
            assertEquals(b.updaterState().keySet(), back.updaterState().keySet());
            for (String k : b.updaterState().keySet()) {
                assertEquals(b.updaterState().get(k), back.updaterState().get(k), k);
            }
            assertFalse(b.updaterState().isEmpty());
        }
    }

    @Test
    void attentionOfARawTextCoversItsTokens() {
        NeuralTextClassifier c = NeuralTextClassifier.of(trainedBundle(Architecture.GRU_ATTENTION));
        var w = c.attention("great film, great fun");
        assertEquals(List.of("great", "film", "great", "fun"), w.stream().map(NeuralTextClassifier.TokenWeight::token).toList());
        assertEquals(1f, (float) w.stream().mapToDouble(NeuralTextClassifier.TokenWeight::weight).sum(), 1e-5f);
    }

    @Test
    void aFreshJvmPredictsTheSameBits(@TempDir Path dir) throws Exception {
        ModelBundle b = trainedBundle(Architecture.GRU_ATTENTION);
        Path file = dir.resolve("m.textclf");
        b.write(file);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PredictMain.class.getName(), file.toString()));
        cmd.addAll(TEXTS);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        float[][] here = NeuralTextClassifier.of(b).probabilities(TEXTS);
        List<String> lines = out.lines().filter(l -> l.matches("[0-9a-f ]+")).toList();
        assertEquals(TEXTS.size(), lines.size(), out);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(bits(here[i]), lines.get(i), "text " + i);
        }
    }

    @Test
    void truncatedTamperedAndForeignFilesFailClearly(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.textclf");
        trainedBundle(Architecture.BASELINE).write(good);
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("truncated.textclf");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage(truncated, "truncated");

        Path tampered = dir.resolve("tampered.textclf");
        Files.write(tampered, rewrite(bytes, "labels.json", "[\"pos\",\"neg\"]"));
        assertMessage(tampered, "checksum mismatch in labels.json");

        Path foreign = dir.resolve("foreign.textclf");
        Files.writeString(foreign, "this is not a model\n");
        assertMessage(foreign, "not a textclf model");

        Path otherZip = dir.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(otherZip))) {
            z.putNextEntry(new ZipEntry("hello.txt"));
            z.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        assertMessage(otherZip, "no manifest.json");

        Path future = dir.resolve("future.textclf");
        Files.write(future, rewrite(bytes, "manifest.json", null));
        assertMessage(future, "format version 99");

        assertMessage(dir.resolve("missing.textclf"), "not found");
    }

    private static void assertMessage(Path file, String expected) {
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    /** Copies the zip replacing one entry's content; a null content bumps the manifest's version to 99. */
    private static byte[] rewrite(byte[] zip, String entry, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip));
             ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    data = content != null ? content.getBytes(StandardCharsets.UTF_8)
                            : new String(data, StandardCharsets.UTF_8).replace("\"formatVersion\" : 1", "\"formatVersion\" : 99")
                            .getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(data);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void multiLabelThresholdsTravelWithTheModel(@TempDir Path dir) {
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(Architecture.BASELINE, VOCAB.size(), 2).multiLabel(true)
                .embeddingDim(4).bigramBuckets(3).build());
        ModelBundle b = new ModelBundle(net, PipelineConfig.defaults(), EncoderConfig.defaults(), VOCAB, List.of("x", "y"),
                null, null, null, null, List.of(0.0, 1.0));
        Path file = dir.resolve("ml.textclf");
        b.write(file);
        NeuralTextClassifier c = NeuralTextClassifier.of(ModelBundle.read(file));
        assertEquals(List.of(0.0, 1.0), c.thresholds());
        // Threshold 0 admits label x always, threshold 1 never admits y (sigmoid < 1 here).
        assertEquals(List.of("x"), c.predictLabels("great film"));
    }

    @Test
    void mismatchedVocabularyIsRejected() {
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(Architecture.BASELINE, 50, 2).build());
        var e = assertThrows(IllegalArgumentException.class, () -> new ModelBundle(net, PipelineConfig.defaults(),
                EncoderConfig.defaults(), VOCAB, List.of("a", "b"), null, null, null, null));
        assertEquals("vocabulary has 12 entries but the network expects 50", e.getMessage());
    }
}
