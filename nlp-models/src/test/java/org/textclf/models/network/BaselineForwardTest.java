package org.textclf.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The baseline's Java inference path against the graph it stands in for. */
class BaselineForwardTest {

    private static float[][] graphProbs(TextNetwork net, int[][] ids, float[][] mask) {
        Map<String, INDArray> in = net.inputs(ids, mask);
        try {
            return net.sameDiff().output(in, TextNetwork.PROBS).get(TextNetwork.PROBS).castTo(DataType.FLOAT).toFloatMatrix();
        } finally {
            net.release(in);
        }
    }

    @Test
    void equalsTheGraphOnSeededRandomBatches() {
        List<NetworkConfig> configs = List.of(
                NetworkConfig.builder(Architecture.BASELINE, 50, 3).embeddingDim(16).bigramBuckets(37).seed(1).build(),
                NetworkConfig.builder(Architecture.BASELINE, 50, 3).embeddingDim(16).bigramBuckets(0).seed(2).build(),
                NetworkConfig.builder(Architecture.BASELINE, 50, 4).embeddingDim(8).bigramBuckets(13).multiLabel(true).seed(3).build(),
                NetworkConfig.builder(Architecture.BASELINE, 50, 2).embeddingDim(8).bigramBuckets(13).precision(Precision.DOUBLE).seed(4).build(),
                NetworkConfig.builder(Architecture.BASELINE, 1000, 2).embeddingDim(128).bigramBuckets(5000).dropout(0.3).seed(5).build());
        Random r = new Random(17);
        for (NetworkConfig c : configs) {
            TextNetwork net = NetworkFactory.build(c);
            assertTrue(BaselineForward.applies(c, net.sameDiff()), c.toString());
            for (int round = 0; round < 4; round++) {
                int b = 1 + r.nextInt(6);
                int t = 1 + r.nextInt(40);
                int[][] ids = new int[b][t];
                float[][] mask = new float[b][t];
                for (int i = 0; i < b; i++) {
                    int len = i == 0 ? 0 : r.nextInt(t + 1); // row 0 is an empty document
                    for (int j = 0; j < len; j++) {
                        ids[i][j] = 1 + r.nextInt(c.vocabSize() - 1);
                        mask[i][j] = 1;
                    }
                }
                float[][] fast = net.predict(ids, mask);
                float[][] graph = graphProbs(net, ids, mask);
                for (int i = 0; i < b; i++) {
                    for (int l = 0; l < c.labelCount(); l++) {
                        assertEquals(graph[i][l], fast[i][l], 2e-6, c + " row " + i + " label " + l);
                    }
                }
            }
        }
    }

    @Test
    void literalBatchAndPaddingInvariance() {
        NetworkConfig c = NetworkConfig.builder(Architecture.BASELINE, 20, 2).embeddingDim(4).bigramBuckets(7).seed(9).build();
        TextNetwork net = NetworkFactory.build(c);
        float[] alone = net.predict(new int[][] {{3, 4, 5}}, new float[][] {{1, 1, 1}})[0];
        float[] padded = net.predict(new int[][] {{3, 4, 5, 0, 0}, {6, 7, 8, 9, 10}}, new float[][] {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}})[0];
        assertEquals(alone[0], padded[0], 0f);
        assertEquals(alone[1], padded[1], 0f);
        assertEquals(1f, alone[0] + alone[1], 1e-6f);
        // Same probabilities as the graph, and different documents differ.
        float[][] graph = graphProbs(net, new int[][] {{3, 4, 5}}, new float[][] {{1, 1, 1}});
        assertEquals(graph[0][0], alone[0], 1e-6f);
        assertFalse(alone[0] == net.predict(new int[][] {{11, 12}}, new float[][] {{1, 1}})[0][0]);
    }

    @Test
    void badInputsAreRejectedAsByTheGraphPath() {
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(Architecture.BASELINE, 20, 2).embeddingDim(4).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.predict(new int[][] {{3, 25}}, new float[][] {{1, 1}}));
        assertTrue(e.getMessage().contains("token id 25 is outside the vocabulary [0, 20)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.predict(new int[][] {{3, 4}, {5}}, new float[][] {{1, 1}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> net.predict(new int[0][], new float[0][]));
    }
}
