package org.textclf.models.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.textclf.models.GradientChecks;

class NetworkTest {

    static final int V = 13;

    static Stream<NetworkConfig> tinyConfigs() {
        return Stream.of(
                NetworkConfig.builder(Architecture.GRU_ATTENTION, V, 3).embeddingDim(6).hiddenSize(4).heads(2).dropout(0.2).build(),
                NetworkConfig.builder(Architecture.GRU_ATTENTION, V, 3).embeddingDim(6).hiddenSize(4).heads(2)
                        .layers(2).bidirectional(true).pooling(Pooling.MEAN).build(),
                NetworkConfig.builder(Architecture.TRANSFORMER, V, 3).embeddingDim(8).heads(2).ffnDim(12).dropout(0.2).build(),
                NetworkConfig.builder(Architecture.TRANSFORMER, V, 3).embeddingDim(8).heads(2).ffnDim(12).layers(1)
                        .pooling(Pooling.ATTENTION).dropout(0.2).build(),
                NetworkConfig.builder(Architecture.TRANSFORMER, V, 3).embeddingDim(8).heads(2).ffnDim(12).layers(2)
                        .pooling(Pooling.CLS).dropout(0.2).build(),
                NetworkConfig.builder(Architecture.BASELINE, V, 3).embeddingDim(5).bigramBuckets(11).dropout(0.2).build(),
                NetworkConfig.builder(Architecture.GRU_ATTENTION, V, 4).multiLabel(true).embeddingDim(6).hiddenSize(4).heads(2).build());
    }

    private static float[] ones(int n, int len) {
        float[] m = new float[len];
        for (int i = 0; i < n; i++) {
            m[i] = 1;
        }
        return m;
    }

    private static int[] padded(int[] doc, int len) {
        int[] out = new int[len];
        System.arraycopy(doc, 0, out, 0, doc.length);
        return out;
    }

    @ParameterizedTest
    @MethodSource("tinyConfigs")
    void paddingNeverChangesAPrediction(NetworkConfig config) {
        TextNetwork net = NetworkFactory.build(config);
        int[] doc = {4, 7, 4, 2, 9};
        float[] alone = net.predict(new int[][] {doc}, new float[][] {ones(5, 5)})[0];

        float[] extraPadding = net.predict(new int[][] {padded(doc, 9)}, new float[][] {ones(5, 9)})[0];
        assertArrayEquals(alone, extraPadding, 1e-5f, "extra padding columns");

        int[] longer = {3, 5, 8, 11, 12, 6, 7, 1, 2, 10, 4};
        float[][] batch = net.predict(new int[][] {padded(doc, 11), longer, padded(new int[] {5}, 11)},
                new float[][] {ones(5, 11), ones(11, 11), ones(1, 11)});
        assertArrayEquals(alone, batch[0], 1e-5f, "in a batch with a longer document");
        float sum = 0;
        for (float p : alone) {
            assertTrue(p > 0 && p < 1, "probability " + p);
            sum += p;
        }
        if (!config.multiLabel()) {
            assertEquals(1f, sum, 1e-5f);
        }
        assertFalse(java.util.Arrays.equals(batch[0], batch[1]), "different documents, identical outputs: the input is ignored");
    }

    @ParameterizedTest
    @MethodSource("tinyConfigs")
    void thePadRowGetsExactlyZeroGradient(NetworkConfig config) {
        TextNetwork net = NetworkFactory.build(config.toBuilder().dropout(0).build());
        float[][] labels = config.multiLabel() ? new float[][] {{1, 0, 1, 0}, {0, 1, 0, 0}} : new float[][] {{0, 1, 0}, {1, 0, 0}};
        Map<String, INDArray> feed = net.evaluationInputs(new int[][] {{4, 7, 0, 0}, {5, 6, 8, 0}},
                new float[][] {{1, 1, 0, 0}, {1, 1, 1, 0}}, labels);
        INDArray g = net.sameDiff().calculateGradients(feed, "embedding").get("embedding");
        assertEquals(0.0, g.getRow(0).norm1Number().doubleValue(), 0.0);
        assertTrue(g.getRow(4).norm1Number().doubleValue() > 0);
        assertEquals(0.0, net.sameDiff().getArrForVarName("embedding").getRow(0).norm1Number().doubleValue(), 0.0);
    }

    @ParameterizedTest
    @MethodSource("tinyConfigs")
    void emptyDocumentsGiveFiniteProbabilities(NetworkConfig config) {
        TextNetwork net = NetworkFactory.build(config);
        float[][] p = net.predict(new int[][] {{0, 0, 0}, {3, 4, 0}}, new float[][] {{0, 0, 0}, {1, 1, 0}});
        float[][] allEmpty = net.predict(new int[][] {{}, {}}, new float[][] {{}, {}});
        for (float[] row : new float[][] {p[0], allEmpty[0], allEmpty[1]}) {
            for (float x : row) {
                assertTrue(Float.isFinite(x) && x > 0, "probability " + x);
            }
        }
        assertArrayEquals(p[0], allEmpty[0], 1e-5f);
    }

    @ParameterizedTest
    @MethodSource("tinyConfigs")
    void sameSeedSameWeightsOtherSeedOtherWeights(NetworkConfig config) {
        TextNetwork a = NetworkFactory.build(config);
        TextNetwork b = NetworkFactory.build(config);
        TextNetwork c = NetworkFactory.build(config.toBuilder().seed(config.seed() + 1).build());
        assertEquals(a.parameterNames(), b.parameterNames());
        boolean anyDifferent = false;
        for (String p : a.parameterNames()) {
            INDArray wa = a.sameDiff().getArrForVarName(p);
            assertEquals(wa, b.sameDiff().getArrForVarName(p), p);
            anyDifferent |= !wa.equals(c.sameDiff().getArrForVarName(p));
        }
        assertTrue(anyDifferent);
    }

    private static void gradientCheck(NetworkConfig config, float[][] labels) {
        gradientCheck(config, labels, 15);
    }

    private static void gradientCheck(NetworkConfig config, float[][] labels, int perParam) {
        TextNetwork net = NetworkFactory.build(config.toBuilder().precision(Precision.DOUBLE).dropout(0).build());
        int[][] ids = {{2, 5, 2, 7, 2}, {9, 3, 3, 0, 0}, {11, 0, 0, 0, 0}};
        float[][] mask = {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 0, 0, 0, 0}};
        Map<String, INDArray> feed = net.evaluationInputs(ids, mask, labels);
        int n = GradientChecks.check(net.sameDiff(), feed, TextNetwork.LOSS, net.parameterNames(), perParam, 3);
        assertTrue(n > 30, "checked " + n);
    }

    private static final float[][] ONE_HOT = {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}};

    @Test
    void gruAttentionGradientsMatchFiniteDifferences() {
        gradientCheck(NetworkConfig.builder(Architecture.GRU_ATTENTION, V, 3).embeddingDim(4).hiddenSize(4).heads(2).build(), ONE_HOT);
    }

    @Test
    void bidirectionalTwoLayerGruGradientsMatchFiniteDifferences() {
        gradientCheck(NetworkConfig.builder(Architecture.GRU_ATTENTION, V, 3).embeddingDim(3).hiddenSize(3).heads(2)
                .layers(2).bidirectional(true).pooling(Pooling.MEAN).classWeights(List.of(1.0, 2.0, 0.5)).build(), ONE_HOT, 8);
    }

    @Test
    void transformerGradientsMatchFiniteDifferences() {
        gradientCheck(NetworkConfig.builder(Architecture.TRANSFORMER, V, 3).embeddingDim(4).heads(2).ffnDim(6).build(), ONE_HOT, 8);
    }

    @Test
    void transformerWithAttentionPoolingGradientsMatchFiniteDifferences() {
        gradientCheck(NetworkConfig.builder(Architecture.TRANSFORMER, V, 3).embeddingDim(4).heads(2).ffnDim(6).layers(1)
                .pooling(Pooling.ATTENTION).build(), ONE_HOT, 8);
    }

    @Test
    void transformerWithClsPoolingGradientsMatchFiniteDifferences() {
        gradientCheck(NetworkConfig.builder(Architecture.TRANSFORMER, V, 3).embeddingDim(4).heads(2).ffnDim(6).layers(1)
                .pooling(Pooling.CLS).build(), ONE_HOT, 8);
    }

    @Test
    void clsPoolingReadsALearnedRowAtPositionZeroAndExplainsWithItsAttention() {
        NetworkConfig c = NetworkConfig.builder(Architecture.TRANSFORMER, V, 2).embeddingDim(8).heads(2).ffnDim(12).layers(1)
                .pooling(Pooling.CLS).maxPositions(6).build();
        TextNetwork net = NetworkFactory.build(c);
        assertEquals(V + 1, c.embeddingRows());
        assertEquals(V, c.clsId());
        assertEquals(V + 1, net.sameDiff().getArrForVarName(TextNetwork.EMBEDDING).size(0));
        assertTrue(net.sameDiff().getArrForVarName(TextNetwork.EMBEDDING).getRow(V).norm1Number().doubleValue() > 0);
        // A document as long as maxPositions still fits: [CLS] has a position of its own.
        int[][] ids = {{4, 7, 4, 2, 9, 3}, {3, 5, 0, 0, 0, 0}};
        float[][] mask = {{1, 1, 1, 1, 1, 1}, {1, 1, 0, 0, 0, 0}};
        float[][] w = net.tokenAttention(ids, mask);
        // The explanation is row 0 ([CLS] as the query) of the last block's attention, averaged over heads, with
        // the [CLS] key left out and the rest renormalised.
        Map<String, INDArray> feed = net.inputs(ids, mask);
        INDArray attn = net.sameDiff().output(feed, TextNetwork.attentionName(0)).get(TextNetwork.attentionName(0));
        assertEquals(7, attn.size(3));
        for (int i = 0; i < 2; i++) {
            double[] fromCls = new double[6];
            double total = 0;
            for (int k = 0; k < 6; k++) {
                fromCls[k] = mask[i][k] * (attn.getDouble(i, 0, 0, k + 1) + attn.getDouble(i, 1, 0, k + 1)) / 2;
                total += fromCls[k];
            }
            assertEquals(6, w[i].length);
            for (int k = 0; k < 6; k++) {
                assertEquals(fromCls[k] / total, w[i][k], 1e-6, "row " + i + " token " + k);
            }
        }
        assertEquals(0f, w[1][2], 0f);
        // Changing the [CLS] row changes every prediction: it is read, and it is a parameter like any other.
        float[][] before = net.predict(ids, mask);
        net.sameDiff().getArrForVarName(TextNetwork.EMBEDDING).getRow(V).addi(0.5);
        float[][] after = net.predict(ids, mask);
        assertNotEquals(before[0][0], after[0][0]);
        assertNotEquals(before[1][0], after[1][0]);
        assertEquals("pooling CLS is for the Transformer, whose attention lets position 0 read the whole document;"
                        + " the GRU pools by attention or mean", assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.builder(Architecture.GRU_ATTENTION, V, 2).pooling(Pooling.CLS).build()).getMessage());
        assertEquals("pooling CLS: the baseline is a mean of word and bigram vectors (MEAN only)",
                assertThrows(IllegalArgumentException.class, () -> NetworkConfig.builder(Architecture.BASELINE, V, 2)
                        .pooling(Pooling.CLS).build()).getMessage());
    }

    @Test
    void poolingIsTheConfiguredOneAndItsWeightsExplainThePrediction() {
        NetworkConfig mean = NetworkConfig.builder(Architecture.TRANSFORMER, V, 2).embeddingDim(8).heads(2).build();
        assertEquals(Pooling.MEAN, mean.pooling());
        assertEquals(Pooling.ATTENTION, NetworkConfig.builder(Architecture.GRU_ATTENTION, V, 2).build().pooling());
        TextNetwork net = NetworkFactory.build(mean.toBuilder().pooling(Pooling.ATTENTION).build());
        assertTrue(net.sameDiff().hasVariable(TextNetwork.POOL_ATTENTION));
        assertFalse(NetworkFactory.build(mean).sameDiff().hasVariable(TextNetwork.POOL_ATTENTION));
        int[][] ids = {{4, 7, 4, 2, 9}, {3, 5, 0, 0, 0}};
        float[][] mask = {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}};
        float[][] w = net.tokenAttention(ids, mask);
        Map<String, INDArray> feed = net.evaluationInputs(ids, mask, new float[][] {{1, 0}, {0, 1}});
        float[][] pool = net.sameDiff().output(feed, TextNetwork.POOL_ATTENTION).get(TextNetwork.POOL_ATTENTION)
                .toFloatMatrix();
        assertArrayEquals(pool[0], w[0], 0f);
        assertArrayEquals(pool[1], w[1], 0f);
        assertEquals(0f, w[1][2], 0f);
        assertEquals(1f, w[1][0] + w[1][1], 1e-6f);
        assertEquals(1f, w[0][0] + w[0][1] + w[0][2] + w[0][3] + w[0][4], 1e-6f);
        assertEquals("pooling ATTENTION: the baseline is a mean of word and bigram vectors (MEAN only)",
                assertThrows(IllegalArgumentException.class, () -> NetworkConfig.builder(Architecture.BASELINE, V, 2)
                        .pooling(Pooling.ATTENTION).build()).getMessage());
    }

    @Test
    void baselineAndMultiLabelGradientsMatchFiniteDifferences() {
        gradientCheck(NetworkConfig.builder(Architecture.BASELINE, V, 3).embeddingDim(4).bigramBuckets(5).build(), ONE_HOT, 30);
        gradientCheck(NetworkConfig.builder(Architecture.GRU_ATTENTION, V, 3).multiLabel(true).embeddingDim(4).hiddenSize(4)
                .heads(2).build(), new float[][] {{1, 1, 0}, {0, 0, 0}, {0, 1, 1}});
    }

    /**
     * Canary for the ND4J M2.1 bug that {@link NetworkFactory} works around: the native GRU's
     * gradient with a live reset gate and a non-zero previous state disagrees with finite
     * differences. If this fails after an ND4J upgrade, the bug is fixed and the reset gate can be
     * unpinned.
     */
    @Test
    void nativeGruWithResetGateStillHasWrongGradients() {
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(1);
        org.nd4j.autodiff.samediff.SameDiff sd = org.nd4j.autodiff.samediff.SameDiff.create();
        var t = org.nd4j.linalg.api.buffer.DataType.DOUBLE;
        var x = sd.var("x", org.nd4j.linalg.factory.Nd4j.randn(t, 2, 2, 3));
        var h0 = sd.var("h0", org.nd4j.linalg.factory.Nd4j.randn(t, 2, 3).muli(0.5));
        var wx = sd.var("Wx", org.nd4j.linalg.factory.Nd4j.randn(t, 3, 9).muli(0.5));
        var wh = sd.var("Wh", org.nd4j.linalg.factory.Nd4j.randn(t, 3, 9).muli(0.5));
        var b = sd.var("b", org.nd4j.linalg.factory.Nd4j.randn(t, 9).muli(0.5));
        sd.rnn().gru("g", x, h0, wx, wh, b).mul(sd.constant(org.nd4j.linalg.factory.Nd4j.randn(t, 2, 2, 3))).sum().rename("loss");
        sd.setLossVariables("loss");
        org.opentest4j.AssertionFailedError e = assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> GradientChecks.check(sd, Map.of(), "loss", List.of("Wh"), 27, 1));
        assertTrue(e.getMessage().contains("analytic"), e.getMessage());
    }

    @Test
    void attentionWeightsAreADistributionOverRealTokens() {
        for (NetworkConfig c : tinyConfigs().filter(c -> c.architecture() != Architecture.BASELINE).toList()) {
            TextNetwork net = NetworkFactory.build(c);
            float[][] w = net.tokenAttention(new int[][] {{4, 7, 9, 0, 0}, {0, 0, 0, 0, 0}}, new float[][] {{1, 1, 1, 0, 0}, {0, 0, 0, 0, 0}});
            assertEquals(1f, w[0][0] + w[0][1] + w[0][2], 1e-5f, c.toString());
            assertEquals(0f, w[0][3], 0f);
            assertEquals(0f, w[0][4], 0f);
            assertArrayEquals(new float[5], w[1], 0f);
        }
        TextNetwork baseline = NetworkFactory.build(NetworkConfig.builder(Architecture.BASELINE, V, 2).build());
        assertThrows(UnsupportedOperationException.class, () -> baseline.tokenAttention(new int[][] {{1}}, new float[][] {{1}}));
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        TextNetwork net = NetworkFactory.build(tinyConfigs().findFirst().orElseThrow());
        var e = assertThrows(IllegalArgumentException.class, () -> net.predict(new int[][] {{1, 2}, {1}}, new float[][] {{1, 1}, {1}}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.predict(new int[][] {{1, 99}}, new float[][] {{1, 1}}));
        assertTrue(e.getMessage().contains("99"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.builder(Architecture.TRANSFORMER, V, 2).embeddingDim(10).heads(4).build());
        assertTrue(e.getMessage().contains("heads=4"), e.getMessage());
        assertEquals("maxPositions must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.builder(Architecture.TRANSFORMER, V, 2).maxPositions(0).build()).getMessage());
        assertNotEquals(Architecture.parse("Transformer"), Architecture.BASELINE);
        assertEquals(Architecture.GRU_ATTENTION, Architecture.parse("gru-attention"));
    }
}
