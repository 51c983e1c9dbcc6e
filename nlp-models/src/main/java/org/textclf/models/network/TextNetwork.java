package org.textclf.models.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.NoOpMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.textclf.models.embed.EmbeddingLookup;

/**
 * A built network: its {@link NetworkConfig}, its SameDiff graph, and conversions from padded id
 * batches to the graph's inputs. Batches are right-padded {@code int[B][T]} ids (PAD = 0) with a
 * {@code float[B][T]} mask (1 = real token); rows of zero length are allowed.
 *
 * <pre>{@code
 * TextNetwork net = NetworkFactory.build(config);
 * float[][] probs = net.predict(new int[][] {{5, 9, 2}}, new float[][] {{1, 1, 1}});
 * }</pre>
 *
 * <p>Thread-safety: methods that run the graph are synchronized on this instance (a SameDiff graph
 * keeps per-run state); use one instance per thread for parallel inference.
 */
public final class TextNetwork {

    /** The word embedding table's variable (for the baseline: words, then its hashed bigram rows). */
    public static final String EMBEDDING = "embedding";
    public static final String IDS = "ids";
    public static final String MASK = "mask";
    public static final String BIGRAMS = "bigrams";
    public static final String BIGRAM_MASK = "bigram_mask";
    public static final String LABELS = "labels";
    public static final String LOGITS = "logits";
    public static final String PROBS = "probs";
    public static final String LOSS = "loss";
    /** Attention-pooling weights [B, T] of a model with {@link Pooling#ATTENTION} (0 at padded positions). */
    public static final String POOL_ATTENTION = "pool_attention";
    static final String DROPOUT_PREFIX = "dropout_";
    /** SameDiff's (protected) name for the gradient sub-graph. */
    private static final String GRAD_FUNCTION = "grad";
    private static final java.lang.reflect.Field FREED_IDS = freedIdsField();

    private final NetworkConfig config;
    private final SameDiff sd;
    private final List<String> dropoutInputs;
    private final DataType type;
    private final Map<String, INDArray> inferenceDropout = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Wraps a graph built by {@link NetworkFactory} (or loaded from a bundle) for its configuration.
     */
    public TextNetwork(NetworkConfig config, SameDiff sd) {
        EmbeddingLookup.register();
        ResetGateGru.register();
        JavaKernelOp.registerAll();
        this.config = Objects.requireNonNull(config, "config");
        this.sd = Objects.requireNonNull(sd, "sd");
        // Computes the GRU's gradient (see GruBackward); harmless for graphs without a GRU.
        GruBackwardListener.attachTo(sd);
        this.type = config.precision().dataType();
        List<String> drops = new ArrayList<>();
        for (String in : sd.inputs()) {
            if (in.startsWith(DROPOUT_PREFIX)) {
                drops.add(in);
            }
        }
        this.dropoutInputs = List.copyOf(drops);
        for (String required : List.of(IDS, MASK, LABELS)) {
            if (!sd.hasVariable(required)) {
                throw new IllegalArgumentException("graph has no input '" + required + "': not a textclf network");
            }
        }
    }

    /** Name of the self-attention probabilities [B, heads, T, T] of layer (block) {@code layer}. */
    public static String attentionName(int layer) {
        return "attention_" + layer;
    }

    public NetworkConfig config() {
        return config;
    }

    /** The underlying graph (shared, not a copy). */
    public SameDiff sameDiff() {
        return sd;
    }

    /** Names of the trainable variables, sorted. */
    public List<String> parameterNames() {
        return NetworkFactory.parameterNames(sd);
    }

    /** Total number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                n += v.getArr().length();
            }
        }
        return n;
    }

    /**
     * Builds the gradient graph once, up front. SameDiff M2.1 prints one line per differentiated op
     * to standard output while doing so (hundreds of lines, unconditionally), which would bury
     * training progress, so standard output is muted for that moment: output printed by other
     * threads during it is lost.
     */
    public synchronized void prepareGradients() {
        if (sd.getFunction(GRAD_FUNCTION) != null) {
            return;
        }
        synchronized (System.class) {
            java.io.PrintStream out = System.out;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    /** Inputs for inference (dropout off). */
    public Map<String, INDArray> inputs(int[][] ids, float[][] mask) {
        return feed(ids, mask, null, false);
    }

    /**
     * Inputs for one training step: labels (one-hot rows, or 0/1 per label for multi-label) and fresh
     * dropout masks drawn from ND4J's global random generator.
     */
    public Map<String, INDArray> trainingInputs(int[][] ids, float[][] mask, float[][] labels) {
        return feed(ids, mask, Objects.requireNonNull(labels, "labels"), true);
    }

    /** Inputs with labels but no dropout: for validation loss. */
    public Map<String, INDArray> evaluationInputs(int[][] ids, float[][] mask, float[][] labels) {
        return feed(ids, mask, Objects.requireNonNull(labels, "labels"), false);
    }

    /** Checks a batch's shape and ids, with messages naming the row or id at fault. */
    private void checkBatch(int[][] ids, float[][] mask) {
        int b = ids.length;
        if (b == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        if (mask.length != b) {
            throw new IllegalArgumentException("ids has " + b + " rows but mask has " + mask.length);
        }
        int t = ids[0].length;
        for (int i = 0; i < b; i++) {
            if (ids[i].length != t || mask[i].length != t) {
                throw new IllegalArgumentException("row " + i + " has " + ids[i].length + " ids and " + mask[i].length
                        + " mask values; every row must have " + t + " (pad on the right)");
            }
        }
        if (config.architecture() == Architecture.TRANSFORMER && t > config.maxPositions()) {
            throw new IllegalArgumentException("batch is " + t + " tokens long but the Transformer covers at most "
                    + config.maxPositions() + " positions: truncate documents first");
        }
        for (int[] row : ids) {
            for (int id : row) {
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + config.vocabSize() + ")");
                }
            }
        }
    }

    private Map<String, INDArray> feed(int[][] ids, float[][] mask, float[][] labels, boolean training) {
        checkBatch(ids, mask);
        if (config.pooling() == Pooling.CLS) {
            ids = withClsColumn(ids);
            mask = withClsColumn(mask);
        }
        int b = ids.length;
        int t = ids[0].length;
        if (t < 2) {
            // Batches one token wide fail inside ND4J M2.1 (a reduction loses its input when a
            // dimension is 1). Padding never changes a prediction, so widen them to two columns.
            int[][] wideIds = new int[b][2];
            float[][] wideMask = new float[b][2];
            for (int i = 0; i < b && t == 1; i++) {
                wideIds[i][0] = ids[i][0];
                wideMask[i][0] = mask[i][0];
            }
            ids = wideIds;
            mask = wideMask;
            t = 2;
        }
        Map<String, INDArray> in = new HashMap<>();
        in.put(IDS, Nd4j.createFromArray(ids));
        in.put(MASK, Nd4j.createFromArray(mask).castTo(type));
        if (config.architecture() == Architecture.BASELINE && config.bigramBuckets() > 0) {
            int[][] bigrams = new int[b][t];
            float[][] bigramMask = new float[b][t];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j + 1 < t; j++) {
                    if (mask[i][j] > 0 && mask[i][j + 1] > 0) {
                        bigrams[i][j] = config.vocabSize() + bigramBucket(ids[i][j], ids[i][j + 1], config.bigramBuckets());
                        bigramMask[i][j] = 1;
                    }
                }
            }
            in.put(BIGRAMS, Nd4j.createFromArray(bigrams));
            in.put(BIGRAM_MASK, Nd4j.createFromArray(bigramMask).castTo(type));
        }
        if (labels != null) {
            if (labels.length != b || labels[0].length != config.labelCount()) {
                throw new IllegalArgumentException("labels must be [" + b + "][" + config.labelCount() + "]");
            }
            in.put(LABELS, Nd4j.createFromArray(labels).castTo(type));
        }
        for (String name : dropoutInputs) {
            long[] declared = sd.getVariable(name).getShape();
            long dim = declared[declared.length - 1];
            if (training) {
                long[] shape = declared.length == 3 ? new long[] {b, t, dim} : new long[] {b, dim};
                double keep = 1 - config.dropout();
                INDArray m = Nd4j.createUninitialized(type, shape);
                Nd4j.getExecutioner().exec(new BernoulliDistribution(m, keep));
                in.put(name, m.muli(1.0 / keep));
            } else {
                in.put(name, inferenceDropout.computeIfAbsent(name, k -> declared.length == 3
                        ? Nd4j.ones(type, 1, 1, dim) : Nd4j.ones(type, 1, dim)));
            }
        }
        return in;
    }

    /** The batch with the [CLS] id in front of every row, padded rows included. */
    private int[][] withClsColumn(int[][] ids) {
        int[][] out = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            out[i] = new int[ids[i].length + 1];
            out[i][0] = config.clsId();
            System.arraycopy(ids[i], 0, out[i], 1, ids[i].length);
        }
        return out;
    }

    /** The mask with a real position in front of every row: [CLS] is read even in an empty document. */
    private static float[][] withClsColumn(float[][] mask) {
        float[][] out = new float[mask.length][];
        for (int i = 0; i < mask.length; i++) {
            out[i] = new float[mask[i].length + 1];
            out[i][0] = 1;
            System.arraycopy(mask[i], 0, out[i], 1, mask[i].length);
        }
        return out;
    }

    /**
     * Bucket of the bigram (a, b) in [0, buckets): a fixed 64-bit mix, part of the model format
     * (changing it invalidates trained baselines).
     */
    public static int bigramBucket(int a, int b, int buckets) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) Math.floorMod(h, (long) buckets);
    }

    /**
     * Frees the native memory of input arrays made by {@link #inputs}, {@link #trainingInputs} or
     * {@link #evaluationInputs} once the graph has run (the network's cached inference arrays are
     * kept). ND4J frees native buffers only when the garbage collector collects their tiny Java
     * wrappers, which on a quiet heap can take long enough for a training run to use gigabytes.
     */
    public void release(Map<String, INDArray> feed) {
        for (INDArray a : feed.values()) {
            if (!inferenceDropout.containsValue(a)) {
                close(a);
            }
        }
    }

    /**
     * The loss (under {@link #LOSS}) and the gradient of every parameter in {@code params} (under
     * the parameter's name) for one fed batch; the caller owns and should close the returned arrays.
     *
     * <p>Why not {@code SameDiff.calculateGradientsAndOutputs}: in ND4J 1.0.0-M2.1 it calls
     * {@code gradFn.setEnableCache(false)} on the gradient sub-graph before every run, and
     * {@code InferenceSession} only hands intermediate arrays back to its memory manager (which
     * closes or recycles them) when {@code sameDiff.isEnableCache()} is true. Every intermediate of
     * the backward pass (several table-sized arrays per embedding table) is then left to the
     * garbage collector, which rarely runs because the Java wrappers are tiny, so off-heap memory
     * grew by tens of megabytes per step until a long run died. Running the gradient sub-graph
     * with the cache enabled releases them as soon as their last consumer has run; dropout comes
     * from placeholders here, so running it as "inference" computes the same values.
     *
     * <p>Synchronized on this network: not for concurrent use with other graph runs.
     */
    public synchronized Map<String, INDArray> lossAndGradients(Map<String, INDArray> feed, List<String> params) {
        prepareGradients();
        SameDiff gradFn = sd.getFunction(GRAD_FUNCTION);
        List<String> wanted = new ArrayList<>();
        wanted.add(LOSS);
        Map<String, String> gradNames = new HashMap<>();
        for (String p : params) {
            SDVariable g = sd.getVariable(p).getGradient();
            if (g == null) {
                throw new IllegalArgumentException("parameter '" + p + "' has no gradient: the loss does not depend on it");
            }
            gradNames.put(p, g.name());
            wanted.add(g.name());
        }
        gradFn.setEnableCache(true);
        // SameDiff's own gradient call hands the graph's listeners to the gradient graph; running it
        // directly must do the same, or the GRU's exact backward (a listener) never runs.
        GruBackwardListener.attachTo(gradFn);
        Map<String, INDArray> out = gradFn.output(feed, wanted);
        forgetFreedIds(gradFn);
        forgetFreedIds(sd);
        Map<String, INDArray> result = new HashMap<>();
        result.put(LOSS, out.get(LOSS));
        for (String p : params) {
            result.put(p, out.get(gradNames.get(p)));
        }
        return result;
    }

    /**
     * Hands an array returned by {@link #lossAndGradients} (a gradient the caller is done with)
     * back to the gradient graph's memory manager, so that the next step's op writes into it
     * instead of allocating a fresh one; closes it when that is not possible. Why: ND4J zero-fills
     * a new native buffer, ~40 ms of CPU for the baseline's 14M-parameter table gradient, every
     * step, whereas the session's cache hands the same buffer back for the same shape. That only
     * happens when the user switched SameDiff's array cache on ({@code -Dorg.nd4j.autodiff.samediff=true}):
     * by default it is off, because in M2.1 it grows without bound under varying batch shapes (see
     * {@link SameDiffArrayCache}), and then the gradient is closed here. Must be called from the thread
     * that ran {@code lossAndGradients}.
     */
    public synchronized void recycle(INDArray gradient) {
        if (gradient == null || gradient.wasClosed()) {
            return;
        }
        SameDiff gradFn = sd.getFunction(GRAD_FUNCTION);
        InferenceSession session = gradFn == null ? null : gradFn.getSessions().get(Thread.currentThread().getId());
        // With SameDiff's array cache switched off (the default, see SameDiffArrayCache) the session's manager is
        // a NoOpMemoryMgr whose release() does nothing: close the gradient now rather than leave it to the GC.
        if (session == null || session.getMmgr() instanceof NoOpMemoryMgr
                || gradient.length() < RECYCLE_MIN_LENGTH || gradient.isView() || !gradient.closeable()) {
            close(gradient);
            return;
        }
        try {
            session.getMmgr().release(gradient);
        } catch (IllegalStateException alreadyCached) {
            // The session itself already handed this array to its cache (M2.1 does so for some
            // outputs that no op consumes); it owns it now.
        }
    }

    /** Smaller gradients are freed rather than cached: their allocation is cheap. */
    private static final long RECYCLE_MIN_LENGTH = 1 << 16;

    /**
     * {@code InferenceSession.freedArrays} (M2.1) records the id of every array released during a
     * run, to avoid releasing one twice, and is never cleared: a few hundred boxed ids per step, so
     * hundreds of megabytes of heap over a long training run. Ids are never reused (recycled arrays
     * get a new id), so the set can be emptied between runs. It is a protected field, hence the
     * reflection; if a future ND4J drops it, there is nothing to clear.
     */
    private static void forgetFreedIds(SameDiff graph) {
        if (FREED_IDS == null) {
            return;
        }
        for (InferenceSession s : graph.getSessions().values()) {
            try {
                ((java.util.Set<?>) FREED_IDS.get(s)).clear();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot clear InferenceSession.freedArrays", e);
            }
        }
    }

    private static java.lang.reflect.Field freedIdsField() {
        try {
            java.lang.reflect.Field f = InferenceSession.class.getDeclaredField("freedArrays");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    /** Closes an array we own, if ND4J allows it (not a view, not already closed). */
    public static void close(INDArray a) {
        if (a != null && !a.wasClosed() && a.closeable()) {
            a.close();
        }
    }

    /** Copies a result to a float matrix and frees it. */
    private static float[][] toFloats(INDArray a) {
        INDArray f = a.castTo(DataType.FLOAT);
        float[][] out = f.toFloatMatrix();
        if (f != a) {
            close(f);
        }
        close(a);
        return out;
    }

    /** Class probabilities [B][labels] (softmax rows, or independent sigmoids for multi-label). */
    public synchronized float[][] predict(int[][] ids, float[][] mask) {
        if (BaselineForward.applies(config, sd)) {
            // The baseline's graph costs ~8x its arithmetic at inference; see BaselineForward.
            checkBatch(ids, mask);
            return BaselineForward.predict(config, sd, ids, mask);
        }
        Map<String, INDArray> in = inputs(ids, mask);
        try {
            return toFloats(sd.output(in, PROBS).get(PROBS));
        } finally {
            release(in);
        }
    }

    /** Mean loss of a batch with dropout off. */
    public synchronized double loss(int[][] ids, float[][] mask, float[][] labels) {
        Map<String, INDArray> in = evaluationInputs(ids, mask, labels);
        try {
            INDArray l = sd.output(in, LOSS).get(LOSS);
            double v = l.getDouble(0);
            close(l);
            return v;
        } finally {
            release(in);
        }
    }

    /**
     * Per-token attention weights [B][T] for explaining a prediction: the attention-pooling weights
     * of a model with attention pooling, or for self-attention only (mean pooling) the
     * attention each token receives in the last layer, averaged over heads and real query positions.
     * Padded positions get 0; each real row sums to 1.
     *
     * @throws UnsupportedOperationException for the baseline, which has no attention
     */
    public synchronized float[][] tokenAttention(int[][] ids, float[][] mask) {
        if (config.architecture() == Architecture.BASELINE) {
            throw new UnsupportedOperationException("the baseline model has no attention weights");
        }
        Map<String, INDArray> in = inputs(ids, mask);
        try {
            float[][] w = tokenAttention(in);
            int t = ids[0].length;
            for (int i = 0; i < w.length; i++) {
                // a batch one token wide is fed two wide (see feed): the extra column is padding, weight 0
                w[i] = w[i].length == t ? w[i] : java.util.Arrays.copyOf(w[i], t);
            }
            return w;
        } finally {
            release(in);
        }
    }

    private float[][] tokenAttention(Map<String, INDArray> in) {
        if (sd.hasVariable(POOL_ATTENTION)) {
            return toFloats(sd.output(in, POOL_ATTENTION).get(POOL_ATTENTION));
        }
        int layers = config.architecture() == Architecture.TRANSFORMER ? config.layers() : 1;
        String name = attentionName(layers - 1);
        INDArray attn = sd.output(in, name).get(name).castTo(DataType.FLOAT); // [B, H, T(query), T(key)]
        INDArray m = in.get(MASK).castTo(DataType.FLOAT);
        INDArray perQuery = attn.mean(1); // [B, T, T]
        return config.pooling() == Pooling.CLS ? clsAttention(perQuery, m) : meanAttention(perQuery, m);
    }

    /** What each real token receives, averaged over real queries. */
    private static float[][] meanAttention(INDArray perQuery, INDArray m) {
        int b = (int) perQuery.size(0);
        int t = (int) perQuery.size(1);
        float[][] out = new float[b][t];
        for (int i = 0; i < b; i++) {
            double real = m.getRow(i).sumNumber().doubleValue();
            if (real == 0) {
                continue;
            }
            for (int q = 0; q < t; q++) {
                if (m.getFloat(i, q) == 0) {
                    continue;
                }
                for (int k = 0; k < t; k++) {
                    out[i][k] += (float) (perQuery.getFloat(i, q, k) / real);
                }
            }
        }
        return out;
    }

    /**
     * What the [CLS] query (position 0, whose output is pooled) gives each token, renormalised over the
     * document's own tokens: [B][T] without the [CLS] column. An empty document gets zeros.
     */
    private static float[][] clsAttention(INDArray perQuery, INDArray m) {
        int b = (int) perQuery.size(0);
        int t = (int) perQuery.size(1) - 1;
        float[][] out = new float[b][t];
        for (int i = 0; i < b; i++) {
            double total = 0;
            for (int k = 0; k < t; k++) {
                total += m.getFloat(i, k + 1) * perQuery.getFloat(i, 0, k + 1);
            }
            for (int k = 0; total > 0 && k < t; k++) {
                out[i][k] = (float) (m.getFloat(i, k + 1) * perQuery.getFloat(i, 0, k + 1) / total);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TextNetwork[" + config.architecture() + ", " + parameterCount() + " parameters, " + config + "]";
    }
}
