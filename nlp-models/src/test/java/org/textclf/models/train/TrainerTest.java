package org.textclf.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;

class TrainerTest {

    static final int V = 30;
    static final List<String> LABELS = List.of("neg", "pos", "neutral");

    /** Label k's documents contain the cue token 2+k among random filler tokens 5..29. */
    static LabelledData synthetic(int n, long seed) {
        Random r = new Random(seed);
        int[][] docs = new int[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(3);
            int len = 3 + r.nextInt(10);
            docs[i] = new int[len];
            for (int j = 0; j < len; j++) {
                docs[i][j] = 5 + r.nextInt(V - 5);
            }
            docs[i][r.nextInt(len)] = 2 + label;
            labels[i] = label;
        }
        return LabelledData.singleLabel(docs, labels);
    }

    static NetworkConfig gru() {
        return NetworkConfig.builder(Architecture.GRU_ATTENTION, V, 3).embeddingDim(16).hiddenSize(16).heads(2)
                .dropout(0.1).seed(3).build();
    }

    @Test
    void learnsACueTokenTaskAndRecordsCurves() {
        TextNetwork net = NetworkFactory.build(gru());
        List<TrainingListener.Step> steps = new ArrayList<>();
        List<EpochStats> epochs = new ArrayList<>();
        TrainingResult r = new Trainer(TrainerConfig.builder().epochs(6).batchSize(16).learningRate(1e-2).patience(0).build())
                .train(net, synthetic(240, 1), synthetic(60, 2), LABELS, new TrainingListener() {
                    @Override
                    public void onStep(Step s) {
                        steps.add(s);
                    }

                    @Override
                    public void onEpoch(EpochStats e) {
                        epochs.add(e);
                    }
                });
        assertEquals(6, r.curves().size());
        assertEquals(r.curves(), epochs);
        assertEquals(6 * 15, steps.size());
        assertTrue(steps.stream().allMatch(s -> s.loss() > 0 && Double.isFinite(s.loss()) && s.docsPerSecond() > 0));
        EpochStats last = r.curves().get(r.curves().size() - 1);
        assertTrue(last.trainLoss() < r.curves().get(0).trainLoss(), r.curves().toString());
        EpochStats best = r.curves().get(r.bestEpoch() - 1);
        assertTrue(best.validAccuracy() > 0.9, "accuracy " + best.validAccuracy() + " curves " + r.curves());
        assertEquals(best.validMacroF1(), r.bestScore(), 0);
    }

    @Test
    void sameSeedSameCurvesAndWeights() {
        TrainerConfig cfg = TrainerConfig.builder().epochs(2).batchSize(16).schedule(TrainerConfig.Schedule.WARMUP_COSINE).build();
        TextNetwork a = NetworkFactory.build(gru());
        TextNetwork b = NetworkFactory.build(gru());
        TrainingResult ra = new Trainer(cfg).train(a, synthetic(64, 1), null, LABELS, null);
        TrainingResult rb = new Trainer(cfg).train(b, synthetic(64, 1), null, LABELS, null);
        for (int i = 0; i < ra.curves().size(); i++) {
            assertEquals(ra.curves().get(i).trainLoss(), rb.curves().get(i).trainLoss(), 0);
            assertEquals(ra.curves().get(i).validLoss(), rb.curves().get(i).validLoss(), 0);
        }
        for (String p : a.parameterNames()) {
            assertEquals(a.sameDiff().getArrForVarName(p), b.sameDiff().getArrForVarName(p), p);
        }
    }

    @Test
    void tokenDropoutTrainsTheUnknownRowAndChangesNothingElse() {
        // No weight decay: a row that never gets a gradient then stays bit-identical.
        TrainerConfig.Builder cfg = TrainerConfig.builder().epochs(2).batchSize(16).weightDecay(0).patience(0);
        TextNetwork off = NetworkFactory.build(gru());
        INDArray unkBefore = off.sameDiff().getArrForVarName(TextNetwork.EMBEDDING).getRow(1).dup();
        TrainingResult rOff = new Trainer(cfg.build()).train(off, synthetic(64, 1), synthetic(30, 2), LABELS, null);
        // The synthetic documents never contain id 1 (<unk>): without token dropout its row is untouched.
        assertEquals(unkBefore, off.sameDiff().getArrForVarName(TextNetwork.EMBEDDING).getRow(1));

        // A probability so small that no token is dropped: data order and dropout masks are those of p = 0,
        // so the weights are bit-identical (the dropped-token draws have a stream of their own).
        TextNetwork never = NetworkFactory.build(gru());
        new Trainer(cfg.tokenDropout(1e-300).build()).train(never, synthetic(64, 1), synthetic(30, 2), LABELS, null);
        for (String p : off.parameterNames()) {
            assertEquals(off.sameDiff().getArrForVarName(p), never.sameDiff().getArrForVarName(p), p);
        }

        TextNetwork a = NetworkFactory.build(gru());
        TextNetwork b = NetworkFactory.build(gru());
        TrainingResult ra = new Trainer(cfg.tokenDropout(0.3).build()).train(a, synthetic(64, 1), synthetic(30, 2), LABELS, null);
        new Trainer(cfg.tokenDropout(0.3).build()).train(b, synthetic(64, 1), synthetic(30, 2), LABELS, null);
        assertNotEquals(unkBefore, a.sameDiff().getArrForVarName(TextNetwork.EMBEDDING).getRow(1), "<unk> did not train");
        assertNotEquals(rOff.curves().get(0).trainLoss(), ra.curves().get(0).trainLoss());
        for (String p : a.parameterNames()) {
            assertEquals(a.sameDiff().getArrForVarName(p), b.sameDiff().getArrForVarName(p), "seeded: " + p);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().tokenDropout(1).build());
        assertEquals("tokenDropout must be in [0, 1), was 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().tokenDropout(-0.1).build());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().tokenDropout(Double.NaN).build());
    }

    @Test
    void frozenEmbeddingsStayBitIdenticalWhileTheLayersAboveLearn() {
        TextNetwork net = NetworkFactory.build(gru());
        Map<String, INDArray> before = new java.util.HashMap<>();
        for (String p : net.parameterNames()) {
            before.put(p, net.sameDiff().getArrForVarName(p).dup());
        }
        TrainingResult r = new Trainer(TrainerConfig.builder().epochs(8).batchSize(16).learningRate(1e-2)
                .patience(0).freezeEmbeddings(true).build()).train(net, synthetic(120, 1), synthetic(60, 2), LABELS, null);
        assertEquals(before.get(TextNetwork.EMBEDDING), net.sameDiff().getArrForVarName(TextNetwork.EMBEDDING));
        for (String p : net.parameterNames()) {
            if (!p.equals(TextNetwork.EMBEDDING)) {
                assertNotEquals(before.get(p), net.sameDiff().getArrForVarName(p), p + " did not train");
            }
        }
        // Random frozen vectors still identify the cue tokens: the layers above learn the task.
        assertTrue(r.bestScore() > 0.9, r.curves().toString());

        TextNetwork baseline = NetworkFactory.build(NetworkConfig.builder(Architecture.BASELINE, V, 3).embeddingDim(8)
                .bigramBuckets(50).seed(3).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(
                TrainerConfig.builder().epochs(1).freezeEmbeddings(true).build())
                .train(baseline, synthetic(40, 1), null, LABELS, null));
        assertTrue(e.getMessage().contains("50 hashed bigram rows"), e.getMessage());

        TextNetwork cls = NetworkFactory.build(NetworkConfig.builder(Architecture.TRANSFORMER, V, 3).embeddingDim(8).heads(2)
                .pooling(org.textclf.models.network.Pooling.CLS).seed(3).build());
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(
                TrainerConfig.builder().epochs(1).freezeEmbeddings(true).build())
                .train(cls, synthetic(40, 1), null, LABELS, null));
        assertTrue(e.getMessage().contains("[CLS] vector"), e.getMessage());
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        // A huge learning rate makes later epochs worse; the kept weights must be the best epoch's.
        TextNetwork net = NetworkFactory.build(gru());
        LabelledData valid = synthetic(60, 2);
        TrainingResult r = new Trainer(TrainerConfig.builder().epochs(8).batchSize(16).learningRate(1e-2)
                .monitor(TrainerConfig.Monitor.LOSS).patience(2).schedule(TrainerConfig.Schedule.CONSTANT).build())
                .train(net, synthetic(120, 1), valid, LABELS, null);
        double bestLoss = r.curves().stream().mapToDouble(EpochStats::validLoss).min().orElseThrow();
        assertEquals(bestLoss, r.bestScore(), 0);
        assertEquals(bestLoss, r.curves().get(r.bestEpoch() - 1).validLoss(), 0);
        double lossNow = 0;
        for (int i = 0; i < valid.size(); i++) {
            PaddedBatch b = PaddedBatch.of(valid.docs(), new int[] {i});
            lossNow += net.loss(b.ids(), b.mask(), PaddedBatch.targets(valid.labels(), new int[] {i}, 3));
        }
        assertEquals(bestLoss, lossNow / valid.size(), 1e-4);
        assertEquals(r.stoppedEarly(), r.curves().size() < 8);
    }

    @Test
    void resumingFromSavedOptimizerStateEqualsTrainingStraightThrough() {
        // 1 epoch + 1 resumed epoch must equal... not 2 epochs (the data order differs per epoch), so
        // compare against a trainer that keeps its state in memory across two train() calls.
        TrainerConfig cfg = TrainerConfig.builder().epochs(1).batchSize(16).schedule(TrainerConfig.Schedule.CONSTANT)
                .patience(0).build();
        LabelledData data = synthetic(48, 1);
        TextNetwork a = NetworkFactory.build(gru());
        Trainer straight = new Trainer(cfg);
        straight.train(a, data, data, LABELS, null);
        straight.train(a, data, data, LABELS, null);

        TextNetwork b = NetworkFactory.build(gru());
        Trainer first = new Trainer(cfg);
        first.train(b, data, data, LABELS, null);
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> saved = new java.util.HashMap<>();
        first.updaterState().forEach((k, v) -> saved.put(k, v.dup()));
        assertEquals(3L, saved.get(Trainer.ITERATION_KEY).getLong(0));
        Trainer resumed = new Trainer(cfg);
        resumed.restoreUpdaterState(saved);
        resumed.train(b, data, data, LABELS, null);
        for (String p : a.parameterNames()) {
            assertEquals(a.sameDiff().getArrForVarName(p), b.sameDiff().getArrForVarName(p), p);
        }
    }

    @Test
    void maxF1ThresholdExactValues() {
        assertEquals(0.8f, Trainer.maxF1Threshold(new float[] {0.9f, 0.8f, 0.7f, 0.3f, 0.2f},
                new boolean[] {true, true, false, false, true}), 0);
        assertEquals(0.2f, Trainer.maxF1Threshold(new float[] {0.9f, 0.8f, 0.7f, 0.3f, 0.2f},
                new boolean[] {true, false, true, false, true}), 0);
        // Tied scores are predicted together.
        assertEquals(0.5f, Trainer.maxF1Threshold(new float[] {0.5f, 0.5f, 0.1f}, new boolean[] {true, false, false}), 0);
        assertEquals(0.5, Trainer.maxF1Threshold(new float[] {0.9f, 0.1f}, new boolean[] {false, false}), 0);
    }

    @Test
    void multiLabelTrainingLearnsAndChoosesThresholds() {
        // Label k is present when cue token 2+k occurs; documents have 0, 1 or 2 labels.
        Random r = new Random(4);
        int n = 300;
        int[][] docs = new int[n][];
        int[][] labels = new int[n][];
        for (int i = 0; i < n; i++) {
            int len = 4 + r.nextInt(8);
            docs[i] = new int[len];
            for (int j = 0; j < len; j++) {
                docs[i][j] = 5 + r.nextInt(V - 5);
            }
            List<Integer> ls = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                if (r.nextBoolean()) {
                    docs[i][r.nextInt(len)] = 2 + k;
                }
            }
            for (int k = 0; k < 2; k++) {
                for (int id : docs[i]) {
                    if (id == 2 + k) {
                        ls.add(k);
                        break;
                    }
                }
            }
            labels[i] = ls.stream().mapToInt(Integer::intValue).toArray();
        }
        LabelledData all = new LabelledData(docs, labels);
        int[] trainIdx = java.util.stream.IntStream.range(0, 240).toArray();
        int[] validIdx = java.util.stream.IntStream.range(240, 300).toArray();
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(Architecture.GRU_ATTENTION, V, 2).multiLabel(true)
                .embeddingDim(16).hiddenSize(16).heads(2).seed(3).build());
        TrainingResult res = new Trainer(TrainerConfig.builder().epochs(6).batchSize(16).learningRate(1e-2).patience(0).build())
                .train(net, all.subset(trainIdx), all.subset(validIdx), List.of("a", "b"), null);
        EpochStats best = res.curves().get(res.bestEpoch() - 1);
        assertTrue(best.validMacroF1() > 0.9, res.curves().toString());
        assertEquals(2, res.thresholds().size());
        for (double t : res.thresholds()) {
            assertTrue(t > 0 && t < 1, "threshold " + t);
        }
    }

    @Test
    void warmupSchedulesHaveExactShapes() {
        assertEquals(0.25, LearningRates.at(TrainerConfig.Schedule.WARMUP_LINEAR, 1.0, 0, 10, 4), 1e-12);
        assertEquals(1.0, LearningRates.at(TrainerConfig.Schedule.WARMUP_LINEAR, 1.0, 3, 10, 4), 1e-12);
        assertEquals(1.0, LearningRates.at(TrainerConfig.Schedule.WARMUP_LINEAR, 1.0, 4, 10, 4), 1e-12);
        assertEquals(0.5, LearningRates.at(TrainerConfig.Schedule.WARMUP_LINEAR, 1.0, 7, 10, 4), 1e-12);
        assertEquals(0.5, LearningRates.at(TrainerConfig.Schedule.WARMUP_COSINE, 1.0, 7, 10, 4), 1e-12);
        assertEquals(0.75, LearningRates.at(TrainerConfig.Schedule.WARMUP_COSINE, 1.0, 6, 10, 4), 1e-12);
        assertEquals(0.3, LearningRates.at(TrainerConfig.Schedule.PLATEAU, 0.3, 5, 10, 4), 0);
    }

    @Test
    void badDataIsRejectedNamingTheDocument() {
        TextNetwork net = NetworkFactory.build(gru());
        LabelledData bad = LabelledData.singleLabel(new int[][] {{1, 2}, {3, 99}}, new int[] {0, 1});
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(TrainerConfig.builder().epochs(1).build()).train(net, bad, bad, LABELS, null));
        assertEquals("training document 1: token id 99 outside the vocabulary [0, 30)", e.getMessage());
        assertEquals("epochs must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().epochs(0).build()).getMessage());
        assertArrayEquals(new int[] {2, 2}, bad.lengths());
    }
}
