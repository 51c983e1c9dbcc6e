package org.textclf.models.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.textclf.eval.metrics.SingleLabelMetrics;
import org.textclf.models.network.SameDiffArrayCache;
import org.textclf.models.network.TextNetwork;
import org.textclf.preprocess.encode.Batcher;
import org.textclf.preprocess.vocab.Vocabulary;

/**
 * Trains a {@link TextNetwork} in place: seeded length-bucketed batches, Adam/AdamW with global-norm
 * clipping, learning-rate schedules, early stopping on a validation metric with the best weights
 * restored at the end.
 *
 * <p>The loop is our own rather than {@code SameDiff.fit}: M2.1's fit reports loss 0.0 to listeners
 * and a null history, and has no gradient clipping. Each step is one
 * {@link TextNetwork#lossAndGradients} (forward + backward, loss included; not SameDiff's
 * {@code calculateGradientsAndOutputs}, which leaks) plus native Adam updates.
 *
 * <pre>{@code
 * TextNetwork net = NetworkFactory.build(netConfig);
 * TrainingResult r = new Trainer(TrainerConfig.builder().epochs(5).build())
 *         .train(net, train, valid, labelNames, TrainingListener.NONE);
 * }</pre>
 *
 * <p>Reproducible: the same seeds give the same weights and curves (ND4J's global random generator
 * is reseeded for dropout). Not thread-safe; trains one network at a time.
 */
public final class Trainer {

    static {
        // Bucketed batches have many shapes; M2.1's array cache then grows by gigabytes per epoch
        // (see SameDiffArrayCache). Set before the first training session is created.
        SameDiffArrayCache.disableUnlessSet();
    }

    private final TrainerConfig config;
    private Map<String, GradientUpdater> updaters;
    private Map<String, INDArray> updaterState;
    private Adam adam;
    private Map<String, INDArray> pendingState;
    private long iterations;
    /** Resident bytes after the last collection this trainer asked for; see {@link #collectIfGrown}. */
    private long residentFloor = -1;

    /**
     * Growth of resident memory since the last forced collection that triggers the next one. Small
     * against any real memory budget, large against one step's garbage (tens of megabytes).
     */
    static final long GC_HEADROOM_BYTES = 256L << 20;

    /** Key of the step counter in {@link #updaterState()} (Adam's bias correction depends on it). */
    public static final String ITERATION_KEY = "@iteration";

    public Trainer(TrainerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public TrainerConfig config() {
        return config;
    }

    /**
     * Trains {@code net}. When {@code valid} is null, {@link TrainerConfig#validFraction()} of
     * {@code train} is held out (seeded).
     *
     * @param labelNames names of the label indices, for the metrics
     * @throws IllegalArgumentException on ids/labels that do not fit the network (naming the document)
     */
    public TrainingResult train(TextNetwork net, LabelledData train, LabelledData valid, List<String> labelNames,
                                TrainingListener listener) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(labelNames, "labelNames");
        listener = listener == null ? TrainingListener.NONE : listener;
        int labelCount = net.config().labelCount();
        boolean multiLabel = net.config().multiLabel();
        if (labelNames.size() != labelCount) {
            throw new IllegalArgumentException(labelNames.size() + " label names for a network with " + labelCount + " outputs");
        }
        if (valid == null) {
            LabelledData[] parts = holdOut(train);
            train = parts[0];
            valid = parts[1];
        }
        if (train.size() == 0 || valid.size() == 0) {
            throw new IllegalArgumentException("need at least one training and one validation document, got "
                    + train.size() + " and " + valid.size());
        }
        train.validate(net.config().vocabSize(), labelCount, multiLabel, "training");
        valid.validate(net.config().vocabSize(), labelCount, multiLabel, "validation");

        SameDiff sd = net.sameDiff();
        List<String> params = trainable(net);
        initUpdaters(sd, params);
        net.prepareGradients();
        Nd4j.getRandom().setSeed(config.seed());

        int[] lengths = train.lengths();
        int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        long warmup = Math.round(config.warmupFraction() * totalSteps);
        double lr = config.learningRate();
        boolean higherIsBetter = config.monitor() != TrainerConfig.Monitor.LOSS;
        double best = Double.NaN;
        int bestEpoch = 0;
        Map<String, INDArray> bestWeights = null;
        int sinceBest = 0;
        int sincePlateauCut = 0;
        List<EpochStats> curves = new ArrayList<>();
        long start = System.nanoTime();
        long stepNanos = 0;
        long stepsDone = 0;
        boolean stoppedEarly = false;

        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            List<int[]> batches = Batcher.batches(lengths, config.batchSize(), config.bucketByLength(), config.seed() + epoch);
            // Its own stream per epoch, so that turning token dropout on changes nothing else (data order,
            // dropout masks); the constant keeps it apart from the batch-order seeds above.
            SplittableRandom dropTokens = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epoch);
            double lossSum = 0;
            long docs = 0;
            for (int s = 0; s < batches.size(); s++) {
                long t0 = System.nanoTime();
                int[] idx = batches.get(s);
                if (config.schedule() == TrainerConfig.Schedule.WARMUP_LINEAR
                        || config.schedule() == TrainerConfig.Schedule.WARMUP_COSINE) {
                    lr = LearningRates.at(config.schedule(), config.learningRate(), stepsDone, totalSteps, warmup);
                }
                PaddedBatch b = PaddedBatch.of(train.docs(), idx);
                if (config.tokenDropout() > 0) {
                    b = b.withTokenDropout(config.tokenDropout(), Vocabulary.UNK_ID, dropTokens);
                }
                float[][] y = PaddedBatch.targets(train.labels(), idx, labelCount);
                double loss = step(net, sd, params, b, y, lr, (int) iterations, epoch - 1);
                iterations++;
                lossSum += loss;
                docs += idx.length;
                stepsDone++;
                stepNanos += System.nanoTime() - t0;
                double secs = (System.nanoTime() - epochStart) / 1e9;
                double eta = (totalSteps - stepsDone) * (stepNanos / 1e9 / stepsDone);
                listener.onStep(new TrainingListener.Step(epoch, s + 1, batches.size(), loss, docs / Math.max(secs, 1e-9), eta));
            }
            Validation v = validate(net, valid, labelNames);
            EpochStats stats = new EpochStats(epoch, lossSum / batches.size(), v.loss, v.macroF1, v.accuracy, lr,
                    (System.nanoTime() - epochStart) / 1e9);
            curves.add(stats);
            listener.onEpoch(stats);

            double score = switch (config.monitor()) {
                case MACRO_F1 -> v.macroF1;
                case ACCURACY -> v.accuracy;
                case LOSS -> v.loss;
            };
            boolean improved = Double.isNaN(best) || (higherIsBetter ? score > best : score < best);
            if (improved) {
                best = score;
                bestEpoch = epoch;
                bestWeights = snapshot(sd, params);
                sinceBest = 0;
                sincePlateauCut = 0;
            } else {
                sinceBest++;
                sincePlateauCut++;
                if (config.schedule() == TrainerConfig.Schedule.PLATEAU && sincePlateauCut >= config.plateauPatience()) {
                    lr = Math.max(config.minLearningRate(), lr * config.plateauFactor());
                    sincePlateauCut = 0;
                }
                if (config.patience() > 0 && sinceBest >= config.patience()) {
                    stoppedEarly = epoch < config.epochs();
                    break;
                }
            }
        }
        if (bestWeights != null) {
            for (Map.Entry<String, INDArray> e : bestWeights.entrySet()) {
                sd.getArrForVarName(e.getKey()).assign(e.getValue());
            }
        }
        List<Double> thresholds = multiLabel ? thresholds(net, valid) : List.of();
        return new TrainingResult(curves, bestEpoch, best, stoppedEarly, (System.nanoTime() - start) / 1e9, thresholds);
    }

    /** The parameters training updates: all of them, or all but the word embeddings when they are frozen. */
    private List<String> trainable(TextNetwork net) {
        List<String> all = net.parameterNames();
        if (!config.freezeEmbeddings()) {
            return all;
        }
        if (net.config().architecture() == org.textclf.models.network.Architecture.BASELINE
                && net.config().bigramBuckets() > 0) {
            throw new IllegalArgumentException("freezeEmbeddings: the baseline's table also holds its "
                    + net.config().bigramBuckets() + " hashed bigram rows, which would stay random; use bigramBuckets 0");
        }
        if (net.config().pooling() == org.textclf.models.network.Pooling.CLS) {
            throw new IllegalArgumentException("freezeEmbeddings: the learned [CLS] vector of pooling CLS is a row of the"
                    + " embedding table, which would stay random; use another pooling or train the embeddings");
        }
        List<String> out = new ArrayList<>(all);
        if (!out.remove(TextNetwork.EMBEDDING)) {
            throw new IllegalStateException("freezeEmbeddings: the network has no '" + TextNetwork.EMBEDDING
                    + "' variable; its parameters are " + all);
        }
        return List.copyOf(out);
    }

    /** Adam moments for each parameter, kept across calls so training can be continued. */
    private void initUpdaters(SameDiff sd, List<String> params) {
        if (updaters != null && updaters.keySet().equals(new java.util.HashSet<>(params))) {
            return;
        }
        adam = new Adam(config.learningRate());
        updaters = new LinkedHashMap<>();
        updaterState = new LinkedHashMap<>();
        for (String p : params) {
            INDArray w = sd.getArrForVarName(p);
            long size = adam.stateSize(w.length());
            INDArray saved = pendingState == null ? null : pendingState.get(p);
            boolean restore = saved != null && saved.length() == size;
            INDArray state = restore ? saved.castTo(w.dataType()).reshape(1, size).dup() : Nd4j.zeros(w.dataType(), 1, size);
            updaterState.put(p, state);
            updaters.put(p, adam.instantiate(state, !restore));
        }
        if (pendingState != null && pendingState.containsKey(ITERATION_KEY)) {
            iterations = pendingState.get(ITERATION_KEY).getLong(0);
        }
        pendingState = null;
    }

    /**
     * Continue from saved optimizer state (from {@link #updaterState()}, e.g. read back from a model
     * bundle): the next {@link #train} call starts with these Adam moments and step count.
     * Parameters without a matching entry start fresh.
     */
    public void restoreUpdaterState(Map<String, INDArray> state) {
        this.pendingState = Map.copyOf(state);
        this.updaters = null;
    }

    /**
     * Adam's first and second moments per parameter ([1, 2n] each) plus the step counter under
     * {@link #ITERATION_KEY}, for saving with a model. Live arrays: copy before training further.
     */
    public Map<String, INDArray> updaterState() {
        if (updaterState == null) {
            return Map.of();
        }
        Map<String, INDArray> out = new LinkedHashMap<>(updaterState);
        out.put(ITERATION_KEY, Nd4j.scalar(iterations));
        return java.util.Collections.unmodifiableMap(out);
    }

    private double step(TextNetwork net, SameDiff sd, List<String> params, PaddedBatch b, float[][] y, double lr,
                        int iteration, int epoch) {
        Map<String, INDArray> feed = net.trainingInputs(b.ids(), b.mask(), y);
        // Not sd.calculateGradientsAndOutputs: in M2.1 it leaks every backward intermediate until a GC
        // (see TextNetwork.lossAndGradients).
        Map<String, INDArray> grads = net.lossAndGradients(feed, params);
        net.release(feed);
        INDArray lossArr = grads.remove(TextNetwork.LOSS);
        double loss = lossArr.getDouble(0);
        TextNetwork.close(lossArr);
        if (config.clipNorm() > 0) {
            double sq = 0;
            for (String p : params) {
                double n = grads.get(p).norm2Number().doubleValue();
                sq += n * n;
            }
            double norm = Math.sqrt(sq);
            if (norm > config.clipNorm()) {
                double scale = config.clipNorm() / (norm + 1e-12);
                for (String p : params) {
                    grads.get(p).muli(scale);
                }
            }
        }
        adam.setLearningRate(lr);
        for (String p : params) {
            INDArray w = sd.getArrForVarName(p);
            INDArray g = grads.get(p);
            // Decoupled weight decay (Loshchilov & Hutter): shrink the weights, not the gradient.
            boolean decays = config.optimizer() == TrainerConfig.Optimizer.ADAMW && config.weightDecay() > 0 && w.rank() >= 2;
            double decay = decays ? 1 - lr * config.weightDecay() : 1.0;
            INDArray state = updaterState.get(p);
            if (AdamStep.supports(w, g, state)) {
                // Same values as the native updater below, in one pass instead of two or three
                // (the native Adam op alone was 40 % of a baseline step, see AdamStep).
                AdamStep.apply(w, g, state, lr, adam.getBeta1(), adam.getBeta2(), adam.getEpsilon(), iteration, decay);
            } else {
                if (decays) {
                    w.muli(decay);
                }
                updaters.get(p).applyUpdater(g, iteration, epoch);
                w.subi(g.reshape(w.shape()));
            }
            // Back to the graph's array cache now (reused next step, or freed): waiting for the
            // garbage collector let a long IMDB run grow past 6 GB.
            net.recycle(g);
        }
        collectIfGrown();
        return loss;
    }

    /**
     * Even with every array SameDiff's session releases closed, each step leaves some native
     * buffers that only a garbage collection frees (views and arrays the session cannot close,
     * about 15 MB per step for a 130000 x 64 baseline at B=64, T=300). Their Java wrappers are tiny,
     * so the heap alone rarely triggers a collection: without help resident memory climbed to 2.7 GB
     * in 180 steps before the JVM collected. A collection whenever resident memory has grown by
     * {@link #GC_HEADROOM_BYTES} keeps it bounded at a cost of one GC every dozen or more steps.
     */
    private void collectIfGrown() {
        long now = Pointer.physicalBytes();
        if (residentFloor < 0 || now < residentFloor) {
            residentFloor = now;
        } else if (now - residentFloor > GC_HEADROOM_BYTES) {
            System.gc();
            residentFloor = Pointer.physicalBytes();
        }
    }

    private static Map<String, INDArray> snapshot(SameDiff sd, List<String> params) {
        Map<String, INDArray> copy = new HashMap<>();
        for (String p : params) {
            copy.put(p, sd.getArrForVarName(p).dup());
        }
        return copy;
    }

    private LabelledData[] holdOut(LabelledData data) {
        int n = data.size();
        int validSize = (int) Math.max(1, Math.round(n * config.validFraction()));
        if (n < 2) {
            throw new IllegalArgumentException("cannot hold out validation data from " + n + " document(s)");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(config.seed()));
        int[] validIdx = order.subList(0, validSize).stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] trainIdx = order.subList(validSize, n).stream().mapToInt(Integer::intValue).sorted().toArray();
        return new LabelledData[] {data.subset(trainIdx), data.subset(validIdx)};
    }

    /** Per label, the score threshold with the best validation F1 ("positive when p >= threshold"). */
    static List<Double> thresholds(TextNetwork net, LabelledData valid) {
        int labelCount = net.config().labelCount();
        float[][] p = new float[valid.size()][];
        for (int[] idx : Batcher.sequential(valid.size(), 64)) {
            PaddedBatch b = PaddedBatch.of(valid.docs(), idx);
            float[][] out = net.predict(b.ids(), b.mask());
            for (int r = 0; r < idx.length; r++) {
                p[idx[r]] = out[r];
            }
        }
        List<Double> result = new ArrayList<>();
        for (int l = 0; l < labelCount; l++) {
            float[] scores = new float[valid.size()];
            boolean[] gold = new boolean[valid.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = p[i][l];
                for (int g : valid.labels()[i]) {
                    gold[i] |= g == l;
                }
            }
            result.add(maxF1Threshold(scores, gold));
        }
        return result;
    }

    /**
     * The score threshold t maximising F1 of "positive when score >= t" (the highest such t on ties
     * of F1); 0.5 when there are no positives.
     */
    static double maxF1Threshold(float[] scores, boolean[] gold) {
        int positives = 0;
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            positives += gold[i] ? 1 : 0;
        }
        if (positives == 0) {
            return 0.5;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        double bestF1 = -1;
        double bestThreshold = 0.5;
        int tp = 0;
        for (int k = 0; k < order.length; k++) {
            tp += gold[order[k]] ? 1 : 0;
            // Only cut between distinct scores: ties are predicted together.
            if (k + 1 < order.length && scores[order[k + 1]] == scores[order[k]]) {
                continue;
            }
            double f1 = 2.0 * tp / (k + 1 + positives);
            if (f1 > bestF1) {
                bestF1 = f1;
                bestThreshold = scores[order[k]];
            }
        }
        return bestThreshold;
    }

    private record Validation(double loss, double macroF1, double accuracy) {
    }

    /** Validation loss and metrics with dropout off, batched by length for speed. */
    private Validation validate(TextNetwork net, LabelledData valid, List<String> labelNames) {
        int labelCount = labelNames.size();
        boolean multiLabel = net.config().multiLabel();
        List<int[]> batches = Batcher.batches(valid.lengths(), config.batchSize(), true, 0);
        double lossSum = 0;
        long[][] confusion = new long[labelCount][labelCount];
        long[] tp = new long[labelCount];
        long[] fp = new long[labelCount];
        long[] fn = new long[labelCount];
        long exact = 0;
        for (int[] idx : batches) {
            PaddedBatch b = PaddedBatch.of(valid.docs(), idx);
            float[][] y = PaddedBatch.targets(valid.labels(), idx, labelCount);
            Map<String, INDArray> out;
            Map<String, INDArray> in = net.evaluationInputs(b.ids(), b.mask(), y);
            synchronized (net) {
                out = net.sameDiff().output(in, TextNetwork.LOSS, TextNetwork.PROBS);
            }
            net.release(in);
            lossSum += out.get(TextNetwork.LOSS).getDouble(0) * idx.length;
            INDArray probs = out.get(TextNetwork.PROBS);
            INDArray probsF = probs.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            float[][] p = probsF.toFloatMatrix();
            if (probsF != probs) {
                TextNetwork.close(probsF);
            }
            out.values().forEach(TextNetwork::close);
            for (int r = 0; r < idx.length; r++) {
                if (multiLabel) {
                    boolean all = true;
                    for (int l = 0; l < labelCount; l++) {
                        boolean pred = p[r][l] >= 0.5f;
                        boolean gold = y[r][l] > 0;
                        if (pred && gold) {
                            tp[l]++;
                        } else if (pred) {
                            fp[l]++;
                        } else if (gold) {
                            fn[l]++;
                        }
                        all &= pred == gold;
                    }
                    exact += all ? 1 : 0;
                } else {
                    int arg = 0;
                    for (int l = 1; l < labelCount; l++) {
                        if (p[r][l] > p[r][arg]) {
                            arg = l;
                        }
                    }
                    confusion[valid.labels()[idx[r]][0]][arg]++;
                }
            }
        }
        double loss = lossSum / valid.size();
        if (!multiLabel) {
            SingleLabelMetrics m = SingleLabelMetrics.fromConfusionMatrix(labelNames, confusion);
            return new Validation(loss, m.macroF1(), m.accuracy());
        }
        double f1Sum = 0;
        for (int l = 0; l < labelCount; l++) {
            long denom = 2 * tp[l] + fp[l] + fn[l];
            f1Sum += denom == 0 ? 0 : 2.0 * tp[l] / denom;
        }
        return new Validation(loss, f1Sum / labelCount, (double) exact / valid.size());
    }
}
