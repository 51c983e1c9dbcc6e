package org.textclf.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;

/**
 * Off-heap memory of the training loop. With SameDiff's own {@code calculateGradientsAndOutputs}
 * (M2.1) every intermediate of the backward pass stayed allocated until a garbage collection, about
 * 65 MB per step for this 130000 x 64 table, and the lookup gradient's {@code unsorted_segment_sum}
 * leaked another ~19 MB per step for good.
 */
// Uses Pointer.physicalBytes() (resident set size): the JVM heap is included, so the bounds leave room.
class TrainerMemoryTest {

    static int[][] randomDocs(Random r, int n, int length, int vocab) {
        int[][] docs = new int[n][length];
        for (int[] d : docs) {
            for (int j = 0; j < length; j++) {
                // A small id range so that ids repeat within and across documents.
                d[j] = 2 + r.nextInt(vocab - 2);
            }
        }
        return docs;
    }

    @Test
    void offHeapMemoryStaysFlatOverTrainingSteps() {
        Random r = new Random(11);
        int n = 32 * 24;
        int[][] docs = randomDocs(r, n, 160, 30000);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(2);
        }
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(Architecture.BASELINE, 30000, 2).embeddingDim(64)
                .bigramBuckets(100000).seed(5).build());
        LabelledData data = LabelledData.singleLabel(docs, labels);
        List<Long> physical = new ArrayList<>();
        new Trainer(TrainerConfig.builder().epochs(1).batchSize(32).patience(0).build()).train(net, data, data.subset(new int[] {0, 1}),
                List.of("a", "b"), new TrainingListener() {
                    @Override
                    public void onStep(Step s) {
                        physical.add(Pointer.physicalBytes());
                    }
                });
        assertEquals(24, physical.size());
        // Steps 1-5 warm up (Adam state, the memory manager's array cache, op contexts).
        long growth = physical.get(23) - physical.get(5);
        // Before the fixes this grew by 844 MB over these 18 steps; what remains is heap and
        // allocator noise, and the trainer's forced collections bound the GC-only garbage.
        assertTrue(growth < 250_000_000L, "resident memory grew by " + growth / 1_000_000 + " MB over 18 steps: " + physical);
    }

    @Test
    void lossAndGradientsReleasesTheBackwardPassWithoutAnyGc() {
        Random r = new Random(12);
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(Architecture.BASELINE, 30000, 2).embeddingDim(64)
                .bigramBuckets(100000).seed(5).build());
        int[][] docs = randomDocs(r, 32, 160, 30000);
        int[] rows = java.util.stream.IntStream.range(0, 32).toArray();
        PaddedBatch b = PaddedBatch.of(docs, rows);
        int[][] labels = new int[32][];
        for (int i = 0; i < 32; i++) {
            labels[i] = new int[] {r.nextInt(2)};
        }
        float[][] y = PaddedBatch.targets(labels, rows, 2);
        List<String> params = net.parameterNames();
        List<Long> physical = new ArrayList<>();
        for (int step = 0; step < 24; step++) {
            Map<String, INDArray> feed = net.trainingInputs(b.ids(), b.mask(), y);
            net.lossAndGradients(feed, params).values().forEach(TextNetwork::close);
            net.release(feed);
            physical.add(Pointer.physicalBytes());
        }
        long growth = physical.get(23) - physical.get(5);
        // SameDiff's calculateGradientsAndOutputs: 844 MB here; with the unsorted_segment_sum
        // gradient: 395 MB.
        assertTrue(growth < 250_000_000L, "resident memory grew by " + growth / 1_000_000 + " MB over 18 steps: " + physical);
    }

    @Test
    void lossAndGradientsMatchSameDiffsOwnGradientPath() {
        for (Architecture arch : List.of(Architecture.BASELINE, Architecture.GRU_ATTENTION)) {
            TextNetwork net = NetworkFactory.build(NetworkConfig.builder(arch, 40, 3).embeddingDim(8).hiddenSize(8).heads(2)
                    .bigramBuckets(50).seed(7).build());
            int[][] docs = randomDocs(new Random(3), 6, 9, 12);
            PaddedBatch b = PaddedBatch.of(docs, new int[] {0, 1, 2, 3, 4, 5});
            float[][] y = PaddedBatch.targets(new int[][] {{0}, {1}, {2}, {0}, {1}, {2}}, new int[] {0, 1, 2, 3, 4, 5}, 3);
            Map<String, INDArray> feed = net.evaluationInputs(b.ids(), b.mask(), y);
            List<String> params = net.parameterNames();
            Map<String, INDArray> ours = net.lossAndGradients(feed, params);
            OutAndGrad theirs = net.sameDiff().calculateGradientsAndOutputs(feed, List.of(TextNetwork.LOSS), params);
            assertEquals(theirs.getOutputs().get(TextNetwork.LOSS).getDouble(0), ours.get(TextNetwork.LOSS).getDouble(0), 1e-6, arch.toString());
            for (String p : params) {
                INDArray expected = theirs.getGradients().get(p);
                INDArray actual = ours.get(p);
                assertTrue(expected.equalsWithEps(actual, 1e-5), arch + " gradient of " + p + ": " + expected + " vs " + actual);
            }
            // Called twice: the second run reuses arrays the memory manager recycled from the first.
            Map<String, INDArray> again = net.lossAndGradients(feed, params);
            for (String p : params) {
                assertTrue(theirs.getGradients().get(p).equalsWithEps(again.get(p), 1e-5), arch + " second run, gradient of " + p);
            }
        }
    }
}
