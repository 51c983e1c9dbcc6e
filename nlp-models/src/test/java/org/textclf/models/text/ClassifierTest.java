package org.textclf.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.EncoderConfig;
import org.textclf.preprocess.encode.Truncation;
import org.textclf.preprocess.vocab.Vocabulary;
import org.textclf.preprocess.vocab.VocabularyBuilder;

/**
 * The library twin of {@code textclf classify}: decisions, attention alignment, streaming, and the
 * thread-safety contract (results under contention bit-identical to a single thread).
 */
class ClassifierTest {

    private static List<String> texts;
    private static Vocabulary vocab;

    @BeforeAll
    static void corpus() {
        texts = DefaultCorpus.documents().stream().map(Document::text).toList();
        VocabularyBuilder vb = Vocabulary.builder().maxSize(400);
        TextPipeline p = TextPipeline.defaults();
        for (String t : texts) {
            vb.add(p.tokens(t));
        }
        vocab = vb.build();
    }

    /** An untrained network with fixed seed: its outputs are arbitrary but deterministic, which is all these tests need. */
    private static ModelBundle bundle(Architecture a, boolean multiLabel, EncoderConfig enc) {
        NetworkConfig cfg = NetworkConfig.builder(a, vocab.size(), 4).multiLabel(multiLabel).embeddingDim(8)
                .hiddenSize(8).heads(2).bigramBuckets(a == Architecture.BASELINE ? 11 : 0).seed(3).build();
        TextNetwork net = NetworkFactory.build(cfg);
        return new ModelBundle(net, PipelineConfig.defaults(), enc, vocab, DefaultCorpus.labels(), null, null,
                Map.of(), Map.of());
    }

    private static ModelBundle bundle(Architecture a) {
        return bundle(a, false, EncoderConfig.builder().maxLength(64).build());
    }

    static String bits(float[] row) {
        StringBuilder sb = new StringBuilder();
        for (float f : row) {
            sb.append(Integer.toHexString(Float.floatToIntBits(f))).append(' ');
        }
        return sb.toString();
    }

    @Test
    void singleLabelTopKIsBestFirstAndLabelIsTheArgMax() {
        Classifier c = Classifier.of(bundle(Architecture.GRU_ATTENTION), 1, 8);
        assertEquals(DefaultCorpus.labels(), c.labels());
        assertEquals("top-1", c.decision().toString());
        Classifier top3 = c.withDecision(Classifier.Decision.topK(3));
        for (String t : texts.subList(0, 20)) {
            Classifier.Result r = top3.predict(t);
            float[] p = r.scores();
            assertEquals(4, p.length);
            assertEquals(3, r.labels().size());
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                best = p[i] > p[best] ? i : best;
            }
            assertEquals(c.labels().get(best), r.label());
            assertEquals(r.label(), c.predict(t).label());
            assertEquals(List.of(r.label()), c.predict(t).labels());
            for (int i = 1; i < 3; i++) {
                assertTrue(p[c.labels().indexOf(r.labels().get(i - 1))] >= p[c.labels().indexOf(r.labels().get(i))]);
            }
            assertNull(r.attention());
        }
    }

    @Test
    void multiLabelThresholdKeepsEveryLabelAtOrAboveIt() {
        Classifier c = Classifier.of(bundle(Architecture.GRU_ATTENTION, true, EncoderConfig.defaults()), 1, 8);
        assertTrue(c.multiLabel());
        assertEquals("threshold 0.5", c.decision().toString());
        for (double t : new double[] {0.0, 0.3, 0.5, 0.51, 1.0}) {
            Classifier ct = c.withDecision(Classifier.Decision.threshold(t));
            for (String text : texts.subList(0, 10)) {
                Classifier.Result r = ct.predict(text);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    if (r.scores()[i] >= t) {
                        expected.add(c.labels().get(i));
                    }
                }
                assertEquals(expected, r.labels(), "threshold " + t);
            }
        }
        assertEquals(4, c.withDecision(Classifier.Decision.threshold(0.0)).predict("x").labels().size());
        assertEquals(2, c.withDecision(Classifier.Decision.topK(2)).predict("x").labels().size());
    }

    @Test
    void badDecisionsFailWithAClearMessage() {
        Classifier c = Classifier.of(bundle(Architecture.GRU_ATTENTION), 1, 8);
        assertEquals("a threshold applies to multi-label models; this model is single-label (use top-k)",
                assertThrows(IllegalArgumentException.class,
                        () -> c.withDecision(Classifier.Decision.threshold(0.5))).getMessage());
        assertEquals("top-k is 5 but the model has only 4 labels [food, sports, tech, weather]",
                assertThrows(IllegalArgumentException.class, () -> c.withDecision(Classifier.Decision.topK(5))).getMessage());
        assertEquals("top-k must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Classifier.Decision.topK(0)).getMessage());
        assertEquals("threshold must be in [0, 1], was 1.5",
                assertThrows(IllegalArgumentException.class, () -> Classifier.Decision.threshold(1.5)).getMessage());
        assertEquals("batchSize must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> Classifier.of(bundle(Architecture.BASELINE), 1, 0)).getMessage());
    }

    @Test
    void attentionIsAlignedToThePipelineTokens() {
        Classifier c = Classifier.of(bundle(Architecture.GRU_ATTENTION), 1, 8);
        String text = "<p>The SERVER crashed again!</p> zzzunknownzzz &amp; rain";
        Classifier.Result r = c.predictBatch(List.of(text, "", "sunny"), true).get(0);
        List<String> tokens = c.tokens(text);
        assertEquals(List.of("the", "server", "crashed", "again", "zzzunknownzzz", "rain"), tokens);
        assertEquals(tokens.size(), r.attention().size());
        double sum = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Classifier.TokenWeight w = r.attention().get(i);
            assertEquals(tokens.get(i), w.token());
            assertEquals(i, w.position());
            assertEquals(vocab.contains(tokens.get(i)), w.known());
            assertTrue(w.weight() > 0, w.toString());
            sum += w.weight();
        }
        assertFalse(r.attention().get(4).known());
        assertEquals(1.0, sum, 1e-5);
        // Same scores with or without attention: the second pass does not disturb the first. (Only within the
        // same batch: a text's last bits depend on the batch it runs in, see Classifier's thread-safety note.)
        assertEquals(bits(c.predictBatch(List.of(text, "", "sunny"), false).get(0).scores()), bits(r.scores()));
        assertEquals(List.of(), c.predictBatch(List.of(""), true).get(0).attention());
    }

    @Test
    void headTailTruncationReportsWhichPositionsWereKept() {
        assertArrayEquals(new int[] {0, 1, 2, 7, 8}, Classifier.keptPositions(9, new EncoderConfig(5, Truncation.HEAD_TAIL)));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Classifier.keptPositions(9, new EncoderConfig(5, Truncation.HEAD)));
        assertArrayEquals(new int[] {0, 1}, Classifier.keptPositions(2, new EncoderConfig(5, Truncation.HEAD_TAIL)));
        Classifier c = Classifier.of(bundle(Architecture.TRANSFORMER, false, new EncoderConfig(4, Truncation.HEAD_TAIL)), 1, 4);
        List<Classifier.TokenWeight> w = c.predictBatch(List.of("one two three four five six"), true).get(0).attention();
        assertEquals(List.of("one", "two", "five", "six"), w.stream().map(Classifier.TokenWeight::token).toList());
        assertEquals(List.of(0, 1, 4, 5), w.stream().map(Classifier.TokenWeight::position).toList());
    }

    @Test
    void baselineHasNoAttention() {
        Classifier c = Classifier.of(bundle(Architecture.BASELINE), 1, 8);
        assertFalse(c.hasAttention());
        assertEquals("the baseline model has no attention weights (use a GRU+attention or Transformer model)",
                assertThrows(UnsupportedOperationException.class, () -> c.predictBatch(List.of("x"), true)).getMessage());
    }

    @Test
    void streamingGivesTheSameResultsInOrderAsOneBatchCall() {
        Classifier c = Classifier.of(bundle(Architecture.GRU_ATTENTION), 2, 7);
        List<String> some = texts.subList(0, 50);
        List<Classifier.Result> batch = c.predictBatch(some);
        List<Classifier.Result> streamed;
        try (Stream<Classifier.Result> s = c.classify(some.stream())) {
            streamed = s.toList();
        }
        assertEquals(50, streamed.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(bits(batch.get(i).scores()), bits(streamed.get(i).scores()), "text " + i);
            assertEquals(batch.get(i).labels(), streamed.get(i).labels());
        }
        float[][] p = c.probabilities(some);
        assertEquals(bits(batch.get(3).scores()), bits(p[3]));
    }

    /**
     * The contract: any number of threads, each result bit-identical to the single-threaded run. Seeded
     * random slices so threads run different batch shapes at once.
     */
    @Test
    void concurrentCallsGiveBitIdenticalResultsToOneThread() throws Exception {
        for (Architecture a : List.of(Architecture.GRU_ATTENTION, Architecture.TRANSFORMER, Architecture.BASELINE)) {
            ModelBundle b = bundle(a);
            Classifier single = Classifier.of(b, 1, 8);
            List<String> some = texts.subList(0, 160);
            List<String> expected = new ArrayList<>();
            for (Classifier.Result r : single.predictBatch(some)) {
                expected.add(bits(r.scores()));
            }
            Classifier shared = Classifier.of(b, 3, 8);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    long seed = 100 + t;
                    fs.add(pool.submit(() -> {
                        Random rnd = new Random(seed);
                        for (int rep = 0; rep < 4; rep++) {
                            // Start at a batch boundary so every batch matches the single-threaded run exactly.
                            int from = 8 * rnd.nextInt(some.size() / 8);
                            int to = Math.min(some.size(), from + 8 * (1 + rnd.nextInt(3)));
                            List<Classifier.Result> rs = shared.predictBatch(some.subList(from, to));
                            for (int i = from; i < to; i++) {
                                assertEquals(expected.get(i), bits(rs.get(i - from).scores()), a + " text " + i);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(shared.replicas() == 3);
        }
    }
}
