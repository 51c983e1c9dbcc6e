package org.textclf.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.EncoderConfig;
import org.textclf.preprocess.vocab.Vocabulary;
import org.textclf.preprocess.vocab.VocabularyBuilder;

/** Weighted means of members' probabilities: exact values, label order, and what an ensemble refuses. */
class EnsembleTest {

    private static List<String> texts;
    private static Vocabulary vocab;

    @BeforeAll
    static void corpus() {
        texts = DefaultCorpus.documents().stream().map(Document::text).limit(40).toList();
        VocabularyBuilder vb = Vocabulary.builder().maxSize(400);
        TextPipeline p = TextPipeline.defaults();
        for (String t : texts) {
            vb.add(p.tokens(t));
        }
        vocab = vb.build();
    }

    /** An untrained network with a fixed seed: arbitrary but deterministic outputs. */
    private static Classifier member(Architecture a, boolean multiLabel, List<String> labels, long seed, int maxLength) {
        NetworkConfig cfg = NetworkConfig.builder(a, vocab.size(), labels.size()).multiLabel(multiLabel).embeddingDim(8)
                .hiddenSize(8).heads(2).bigramBuckets(a == Architecture.BASELINE ? 11 : 0).seed(seed).build();
        ModelBundle b = new ModelBundle(NetworkFactory.build(cfg), PipelineConfig.defaults(),
                EncoderConfig.builder().maxLength(maxLength).build(), vocab, labels, null, null, Map.of(), Map.of());
        return Classifier.of(b, 1, 8);
    }

    private static Classifier member(Architecture a, long seed) {
        return member(a, false, DefaultCorpus.labels(), seed, 64);
    }

    @Test
    void oneMemberGivesThatMembersProbabilitiesBitForBit() {
        Classifier gru = member(Architecture.GRU_ATTENTION, 3);
        float[][] alone = gru.probabilities(texts);
        float[][] ensemble = Ensemble.of(List.of(gru), new double[] {2.5}).probabilities(texts);
        for (int i = 0; i < alone.length; i++) {
            assertEquals(ClassifierTest.bits(alone[i]), ClassifierTest.bits(ensemble[i]), "text " + i);
        }
    }

    @Test
    void probabilitiesAreTheWeightedMeanSummedInDouble() {
        // Different architectures, pipelines' length limits and seeds: each member reads the raw text its own way.
        Classifier gru = member(Architecture.GRU_ATTENTION, false, DefaultCorpus.labels(), 3, 64);
        Classifier baseline = member(Architecture.BASELINE, false, DefaultCorpus.labels(), 5, 200);
        float[][] a = gru.probabilities(texts);
        float[][] b = baseline.probabilities(texts);
        Ensemble e = Ensemble.of(List.of(gru, baseline), new double[] {1, 3});
        assertArrayEquals(new double[] {0.25, 0.75}, e.weights());
        float[][] p = e.probabilities(texts);
        assertEquals(texts.size(), p.length);
        for (int i = 0; i < p.length; i++) {
            double sum = 0;
            for (int l = 0; l < p[i].length; l++) {
                float expected = (float) (0.0 + 0.25 * a[i][l] + 0.75 * b[i][l]);
                assertEquals(expected, p[i][l], 0f, "text " + i + ", label " + l);
                sum += p[i][l];
            }
            assertEquals(1.0, sum, 1e-5, "a single-label ensemble's probabilities sum to 1, text " + i);
        }
        // Equal weights by default; the order of members does not change the labels' order.
        Ensemble equal = Ensemble.of(List.of(gru, baseline));
        assertArrayEquals(new double[] {0.5, 0.5}, equal.weights());
        assertEquals(DefaultCorpus.labels(), equal.labels());
    }

    @Test
    void membersWithLabelsInAnotherOrderAreAlignedByName() {
        List<String> reversed = new ArrayList<>(DefaultCorpus.labels());
        java.util.Collections.reverse(reversed);
        // The same network (same seed) under reversed label names: its column n-1-l is called labels[l].
        Classifier forward = member(Architecture.BASELINE, false, DefaultCorpus.labels(), 7, 64);
        Classifier backward = member(Architecture.BASELINE, false, reversed, 7, 64);
        Classifier other = member(Architecture.GRU_ATTENTION, 9);
        float[][] f = forward.probabilities(texts);
        float[][] o = other.probabilities(texts);
        float[][] p = Ensemble.of(List.of(other, backward)).probabilities(texts);
        int n = DefaultCorpus.labels().size();
        for (int i = 0; i < p.length; i++) {
            for (int l = 0; l < n; l++) {
                assertEquals((float) (0.0 + 0.5 * o[i][l] + 0.5 * f[i][n - 1 - l]), p[i][l], 0f, "text " + i);
            }
        }
        assertEquals(reversed, Ensemble.of(List.of(backward, other)).labels());
    }

    @Test
    void seededRandomTextsGiveProbabilitiesBetweenTheMembers() {
        Random rnd = new Random(20261122);
        List<String> words = vocab.tokens().subList(2, vocab.size());
        List<String> random = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = rnd.nextInt(120); k >= 0; k--) {
                sb.append(rnd.nextInt(10) == 0 ? "<br />zzqx " : words.get(rnd.nextInt(words.size())) + " ");
            }
            random.add(sb.toString());
        }
        Classifier a = member(Architecture.TRANSFORMER, 11);
        Classifier b = member(Architecture.BASELINE, 13);
        float[][] pa = a.probabilities(random);
        float[][] pb = b.probabilities(random);
        float[][] p = Ensemble.of(List.of(a, b), new double[] {0.3, 0.7}).probabilities(random);
        for (int i = 0; i < p.length; i++) {
            for (int l = 0; l < p[i].length; l++) {
                float lo = Math.min(pa[i][l], pb[i][l]);
                float hi = Math.max(pa[i][l], pb[i][l]);
                assertTrue(p[i][l] >= lo && p[i][l] <= hi, "text " + i + " label " + l + ": " + p[i][l]
                        + " outside [" + lo + ", " + hi + "]");
            }
        }
    }

    @Test
    void predictBatchDecidesLikeAClassifierFromTheMeanScores() {
        Classifier gru = member(Architecture.GRU_ATTENTION, 3);
        Classifier baseline = member(Architecture.BASELINE, 5);
        Ensemble e = Ensemble.of(List.of(gru, baseline)).withDecision(Classifier.Decision.topK(2));
        float[][] p = e.probabilities(texts);
        List<Classifier.Result> rs = e.predictBatch(texts);
        for (int i = 0; i < rs.size(); i++) {
            assertArrayEquals(p[i], rs.get(i).scores(), 0f);
            assertEquals(Classifier.Decision.topK(2).apply(e.labels(), p[i]), rs.get(i).labels());
            assertEquals(2, rs.get(i).labels().size());
        }
        assertEquals("a threshold applies to multi-label models; this model is single-label (use top-k)",
                assertThrows(IllegalArgumentException.class,
                        () -> e.withDecision(Classifier.Decision.threshold(0.3))).getMessage());
        Classifier multi = member(Architecture.BASELINE, true, DefaultCorpus.labels(), 5, 64);
        Ensemble m = Ensemble.of(List.of(multi, multi));
        assertEquals("threshold 0.5", m.decision().toString());
        float[] row = m.probabilities(texts.subList(0, 1))[0];
        List<String> expected = new ArrayList<>();
        for (int l = 0; l < row.length; l++) {
            if (row[l] >= 0.5f) {
                expected.add(m.labels().get(l));
            }
        }
        assertEquals(expected, m.predictBatch(texts.subList(0, 1)).get(0).labels());
    }

    @Test
    void refusesWhatCannotBeAveraged() {
        Classifier gru = member(Architecture.GRU_ATTENTION, 3);
        assertEquals("an ensemble needs at least one model",
                assertThrows(IllegalArgumentException.class, () -> Ensemble.of(List.of(), new double[0])).getMessage());
        assertEquals("1 weight(s) for 2 model(s)", assertThrows(IllegalArgumentException.class,
                () -> Ensemble.of(List.of(gru, gru), new double[] {1})).getMessage());
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("weight 2 must be finite and > 0, was " + bad, assertThrows(IllegalArgumentException.class,
                    () -> Ensemble.of(List.of(gru, gru), new double[] {1, bad})).getMessage());
        }
        Classifier twoLabels = member(Architecture.BASELINE, false, List.of("neg", "pos"), 5, 64);
        assertEquals("model 2 has labels [neg, pos] but model 1 has " + DefaultCorpus.labels()
                        + "; an ensemble's models must have the same labels",
                assertThrows(IllegalArgumentException.class, () -> Ensemble.of(List.of(gru, twoLabels))).getMessage());
        Classifier multi = member(Architecture.BASELINE, true, DefaultCorpus.labels(), 5, 64);
        assertEquals("model 2 is multi-label but model 1 is single-label; an ensemble's models must be of one kind",
                assertThrows(IllegalArgumentException.class, () -> Ensemble.of(List.of(gru, multi))).getMessage());
    }
}
