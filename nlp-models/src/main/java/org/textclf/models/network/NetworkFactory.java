package org.textclf.models.network;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.textclf.models.embed.Embeddings;

/**
 * Builds the SameDiff graph for a {@link NetworkConfig}. Inputs are {@code ids} [B, T] (INT, PAD = 0)
 * and {@code mask} [B, T] (1 = real token, 0 = padding), right-padded.
 *
 * <p>Padding cannot change a prediction: the PAD embedding row is zero, the GRU runs left to right
 * so states at real positions never see the padding on their right (the backward direction reverses
 * only each document's real prefix), attention gives padded keys a -1e9 score, and pooling ignores
 * padded positions. Stateless and thread-safe; weight initialisation seeds ND4J's global random
 * generator from {@link NetworkConfig#seed()}, so concurrent builds are not reproducible.
 */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    /** A freshly initialised network. */
    public static TextNetwork build(NetworkConfig config) {
        return build(config, null);
    }

    /**
     * A freshly initialised network whose word embeddings start from {@code wordVectors}
     * [vocabSize, embeddingDim] (e.g. {@link org.textclf.models.embed.PretrainedVectors}); the PAD
     * row is zeroed whatever it holds. Null means random initialisation.
     */
    public static TextNetwork build(NetworkConfig config, INDArray wordVectors) {
        if (wordVectors != null && (wordVectors.rank() != 2 || wordVectors.size(0) != config.vocabSize()
                || wordVectors.size(1) != config.embeddingDim())) {
            throw new IllegalArgumentException("initial word vectors must be [" + config.vocabSize() + ", "
                    + config.embeddingDim() + "], were " + java.util.Arrays.toString(wordVectors.shape()));
        }
        synchronized (NetworkFactory.class) {
            Nd4j.getRandom().setSeed(config.seed());
            SameDiff sd = SameDiff.create();
            GraphBuilder g = new GraphBuilder(sd, config.precision().dataType(), config.dropout());
            SDVariable pooled = switch (config.architecture()) {
                case GRU_ATTENTION -> gruAttention(g, config, wordVectors);
                case TRANSFORMER -> transformer(g, config, wordVectors);
                case BASELINE -> baseline(g, config, wordVectors);
            };
            long width = config.architecture() == Architecture.GRU_ATTENTION ? config.attentionWidth() : config.embeddingDim();
            SDVariable logits = g.dense2("output", pooled, width, config.labelCount()).rename(TextNetwork.LOGITS);
            head(g, config, logits);
            return new TextNetwork(config, sd);
        }
    }

    /** [rows, E] table: random, with the first vocabSize rows from {@code init} when given; PAD row 0. */
    private static INDArray table(GraphBuilder g, NetworkConfig c, int rows, INDArray init) {
        INDArray t = Embeddings.randomTable(rows, c.embeddingDim(), g.type, 0);
        if (init != null) {
            t.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, c.vocabSize()), org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .assign(init.castTo(g.type));
            t.getRow(0).assign(0);
        }
        return t;
    }

    private static SDVariable gruAttention(GraphBuilder g, NetworkConfig c, INDArray init) {
        SameDiff sd = g.sd;
        long e = c.embeddingDim();
        long h = c.hiddenSize();
        SDVariable x = g.embed("embedding", table(g, c, c.embeddingRows(), init), g.ids);
        x = g.dropout(x, true, e);
        SDVariable timeMajor = sd.permute(x, 1, 0, 2);
        // Zero initial state [B, H] built from the batch so the graph works for any batch size.
        SDVariable h0 = g.mask.sum(true, 1).mul(sd.constant(Nd4j.zeros(g.type, 1, h)));
        SDVariable reverseRows = c.bidirectional() ? reverseRows(g) : null;
        long in = e;
        for (int l = 0; l < c.layers(); l++) {
            SDVariable fw = gru(g, "gru" + l + "_fw", timeMajor, h0, in, h);
            if (c.bidirectional()) {
                SDVariable reversed = permuteRows(g, timeMajor, reverseRows);
                SDVariable bw = permuteRows(g, gru(g, "gru" + l + "_bw", reversed, h0, in, h), reverseRows);
                timeMajor = sd.concat(2, fw, bw);
            } else {
                timeMajor = fw;
            }
            in = c.attentionWidth();
        }
        long d = c.attentionWidth();
        SDVariable states = sd.permute(timeMajor, 1, 0, 2);
        SDVariable attended = g.selfAttention("attn", states, d, c.heads(), g.keyPenalty(), TextNetwork.attentionName(0));
        // Residual only: a LayerNorm here cost ~8% of a training step (layer_norm_bp) for one layer.
        SDVariable mixed = states.add(attended);
        return g.dropout(pool(g, c, mixed, d), false, d);
    }

    /** [B, T, D] -> [B, D] over real tokens, as {@link NetworkConfig#pooling()} says. */
    private static SDVariable pool(GraphBuilder g, NetworkConfig c, SDVariable x, long d) {
        return switch (c.pooling()) {
            case ATTENTION -> g.attentionPooling("pool", x, d, TextNetwork.POOL_ATTENTION);
            case MEAN -> g.maskedMean(x, d);
            case CLS -> g.first(x, d);
        };
    }

    /**
     * Row indices into a time-major [T, B, D] array flattened to [T * B, D] that reverse every document
     * within its length and leave its padded positions where they are: row {@code t * B + b} takes row
     * {@code (len_b - 1 - t) * B + b} for {@code t < len_b}, else itself. Built from the mask (documents
     * are right-padded, so real positions are a prefix), in the mask's float type (exact: T * B is far below 2^24), then
     * cast to int. No gradient flows here: the mask is a placeholder.
     *
     * <p>Why not {@code reverse_sequence}: in ND4J 1.0.0-M2.1 its gradient leaks native memory, about 2.5
     * arrays of the input's size per training step ({@code bench.NativeOpLeakProbe reverse}: RSS +12.5 MB per
     * call at [300, 64, 64]); a bidirectional GRU trained on SST-2 grew to 9.8 GB in 1.6 epochs. The reversal
     * is a permutation, so a gather of rows with the project's lookup op (its gradient is a scatter-add of
     * rows, which does not leak) gives the same values bit for bit.
     */
    static SDVariable reverseRows(GraphBuilder g) {
        SameDiff sd = g.sd;
        SDVariable mask = g.mask;                                                   // [B, T]
        SDVariable pos = sd.cumsum(sd.onesLike(mask), false, false, 1).sub(1.0);      // t
        // Real positions after t (exclusive reverse cumsum): len - 1 - t at a real t. No sum over T: M2.1's
        // reduce ops fail (NullPointerException in BaseReduceOp.noOp) when the reduced axis has size 1.
        SDVariable after = sd.cumsum(mask, true, true, 1);
        SDVariable source = mask.mul(after).add(mask.rsub(1.0).mul(pos));
        SDVariable sourceTB = sd.permute(source, 1, 0);                             // [T, B]
        SDVariable b = sd.cumsum(sd.onesLike(sourceTB), false, false, 1).sub(1.0);
        SDVariable batch = sd.sizeAt(mask, 0).castTo(g.type);                        // B, a scalar
        return sd.reshape(sourceTB.mul(batch).add(b), -1).castTo(DataType.INT);
    }

    /** x [T, B, D] with its T * B rows reordered by {@code rows} (see {@link #reverseRows}). */
    static SDVariable permuteRows(GraphBuilder g, SDVariable x, SDVariable rows) {
        SameDiff sd = g.sd;
        SDVariable width = sd.reshape(sd.sizeAt(x, 2), 1).castTo(DataType.INT64);
        SDVariable flat = sd.reshape(x, sd.concat(0, sd.constant(Nd4j.createFromArray(-1L)), width));
        return sd.reshape(Embeddings.lookup(sd, null, flat, rows), sd.shape(x));
    }

    /**
     * A GRU layer with reset gate (PyTorch's formulation, with the hidden-side candidate bias fixed
     * at 0): the native forward kernel and an exact gradient, see {@link ResetGateGru}. The gate
     * layout along 3H is [r | u | c].
     */
    private static SDVariable gru(GraphBuilder g, String name, SDVariable x, SDVariable h0, long in, long h) {
        SameDiff sd = g.sd;
        SDVariable wx = g.weight(name + "_Wx", in, 3 * h);
        SDVariable wh = g.weight(name + "_Wh", h, 3 * h);
        SDVariable b = g.zeros(name + "_b", 3 * h);
        return sd.updateVariableNameAndReference(new ResetGateGru(sd, x, h0, wx, wh, b).outputVariable(), name);
    }

    /**
     * With {@link Pooling#CLS}, {@code ids} and {@code mask} already start with the [CLS] column
     * ({@link TextNetwork} adds it), so the [CLS] vector is the table's last row and takes position 0.
     */
    private static SDVariable transformer(GraphBuilder g, NetworkConfig c, INDArray init) {
        SameDiff sd = g.sd;
        long d = c.embeddingDim();
        boolean cls = c.pooling() == Pooling.CLS;
        SDVariable x = g.embed("embedding", table(g, c, c.embeddingRows(), init), g.ids);
        SDVariable table = sd.constant("positions", sinusoid(c.maxPositions() + (cls ? 1 : 0), (int) d, g.type));
        SDVariable steps = sd.range(sd.constant(Nd4j.scalar(0L)), sd.sizeAt(g.ids, 1), sd.constant(Nd4j.scalar(1L)), DataType.INT64);
        x = x.mul(Math.sqrt(d)).add(sd.gather(table, steps, 0));
        x = g.dropout(x, true, d);
        SDVariable penalty = g.keyPenalty();
        for (int l = 0; l < c.layers(); l++) {
            String b = "block" + l;
            SDVariable a = g.dropout(g.selfAttention(b + "_attn", x, d, c.heads(), penalty, TextNetwork.attentionName(l)), true, d);
            x = g.layerNorm(b + "_ln1", x.add(a), d);
            SDVariable f = g.relu(g.dense3(b + "_ffn1", x, d, c.ffnDim(), true));
            f = g.dropout(g.dense3(b + "_ffn2", f, c.ffnDim(), d, true), true, d);
            x = g.layerNorm(b + "_ln2", x.add(f), d);
        }
        return g.dropout(pool(g, c, x, d), false, d);
    }

    /** The fixed sin/cos table of Vaswani et al. (2017), [positions, d]. */
    static INDArray sinusoid(int positions, int d, DataType type) {
        double[][] pe = new double[positions][d];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < d; i += 2) {
                double angle = p / Math.pow(10000, (double) i / d);
                pe[p][i] = Math.sin(angle);
                if (i + 1 < d) {
                    pe[p][i + 1] = Math.cos(angle);
                }
            }
        }
        return Nd4j.createFromArray(pe).castTo(type);
    }

    private static SDVariable baseline(GraphBuilder g, NetworkConfig c, INDArray init) {
        SameDiff sd = g.sd;
        int rows = c.embeddingRows();
        SDVariable table = sd.var("embedding", table(g, c, rows, init));
        SDVariable ids = g.ids;
        SDVariable mask = g.mask;
        if (c.bigramBuckets() > 0) {
            // One lookup over [words | bigrams] rather than two lookups into the same table: when a
            // variable feeds two ops, SameDiff M2.1 leaks the per-op [rows, E] gradients it sums
            // (~100 MB per step at 130k x 64; found with bench.MemoryProbe).
            ids = sd.concat(1, ids, sd.placeHolder(TextNetwork.BIGRAMS, DataType.INT, -1, -1));
            mask = sd.concat(1, mask, sd.placeHolder(TextNetwork.BIGRAM_MASK, g.type, -1, -1));
        }
        // Mean as one batched product of mask / count with the looked-up rows (see GraphBuilder.maskedMean).
        SDVariable count = sd.math().clipByValue(mask.sum(true, 1), 1.0, Double.MAX_VALUE);
        SDVariable mean = g.weightedSum(mask.div(count), Embeddings.lookup(sd, null, table, ids), c.embeddingDim());
        return g.dropout(mean, false, c.embeddingDim());
    }

    private static void head(GraphBuilder g, NetworkConfig c, SDVariable logits) {
        SameDiff sd = g.sd;
        int n = c.labelCount();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = c.classWeights().isEmpty() ? 1.0 : c.classWeights().get(i);
        }
        SDVariable weights = sd.constant("class_weights", Nd4j.createFromArray(w).castTo(g.type).reshape(1, n));
        SDVariable labels = sd.placeHolder(TextNetwork.LABELS, g.type, -1, n);
        if (c.multiLabel()) {
            sd.nn().sigmoid(TextNetwork.PROBS, logits);
            // softplus(z) - z*y is binary cross-entropy on logits without overflow.
            SDVariable bce = sd.nn().softplus(logits).sub(logits.mul(labels));
            bce.mul(weights).mean().rename(TextNetwork.LOSS);
        } else {
            sd.nn().softmax(TextNetwork.PROBS, logits, 1);
            // log-softmax from elementary ops: SameDiff M2.1 cannot clone its LogSoftMax op (the
            // gradient function is built from a serialized copy of the graph).
            SDVariable shifted = logits.sub(logits.max(true, 1));
            SDVariable logp = shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
            logp.mul(labels).mul(weights).sum(1).mul(-1.0).mean().rename(TextNetwork.LOSS);
        }
        sd.setLossVariables(TextNetwork.LOSS);
    }

    /** Parameter names that {@link #build} creates, for tests and diagnostics. */
    static List<String> parameterNames(SameDiff sd) {
        return sd.variables().stream()
                .filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                .map(SDVariable::name).sorted().toList();
    }
}
