package org.textclf.models.network;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.textclf.models.embed.Embeddings;

/**
 * Shared building blocks over batch-major [B, T, D] tensors with a [B, T] padding mask. Every block
 * is a handful of whole-tensor ops (no per-time-step unrolling): the SameDiff interpreter costs
 * ~0.1 ms per op, so op count matters more than arithmetic at small shapes.
 *
 * <p>Not thread-safe: one instance writes into one graph while it is being built.
 */
final class GraphBuilder {

    /** Added to attention scores of padded keys; finite so an all-padding row gives no NaN. */
    static final double MASK_PENALTY = 1e9;

    final SameDiff sd;
    final DataType type;
    final SDVariable ids;
    final SDVariable mask;
    private final SDVariable batch;
    private final SDVariable time;
    private int dropoutSites;
    private final double dropout;

    GraphBuilder(SameDiff sd, DataType type, double dropout) {
        this.sd = sd;
        this.type = type;
        this.dropout = dropout;
        this.ids = sd.placeHolder(TextNetwork.IDS, DataType.INT, -1, -1);
        this.mask = sd.placeHolder(TextNetwork.MASK, type, -1, -1);
        this.batch = sd.reshape(sd.sizeAt(ids, 0), 1).castTo(DataType.INT64);
        this.time = sd.reshape(sd.sizeAt(ids, 1), 1).castTo(DataType.INT64);
    }

    /** Glorot-uniform weight [in, out]. */
    SDVariable weight(String name, long in, long out) {
        double limit = Math.sqrt(6.0 / (in + out));
        INDArray w = Nd4j.rand(type, in, out).muli(2 * limit).subi(limit);
        return sd.var(name, w);
    }

    SDVariable zeros(String name, long... shape) {
        return sd.var(name, Nd4j.zeros(type, shape));
    }

    SDVariable ones(String name, long... shape) {
        return sd.var(name, Nd4j.ones(type, shape));
    }

    /** Dynamic shape [B, T, dims...] as an INT64 vector. */
    SDVariable shapeBT(long... dims) {
        return sd.concat(0, batch, time, sd.constant(Nd4j.createFromArray(dims)));
    }

    /**
     * Word embeddings [B, T, E]. Padded positions read the PAD row, which starts at zero and stays
     * there: every consumer downstream (attention with -1e9 key penalties whose weights underflow to
     * exactly 0, masked pooling) passes exactly zero gradient back to padded positions, so no mask
     * multiply is needed here (it cost ~5% of a GRU step). {@code NetworkTest} checks the PAD row's
     * gradient is exactly zero for every architecture.
     */
    SDVariable embed(String tableName, INDArray table, SDVariable idsVar) {
        return Embeddings.lookup(sd, null, sd.var(tableName, table), idsVar);
    }

    /** x [B, T, in] . W [in, out] + b as one matrix product over all positions. */
    SDVariable dense3(String name, SDVariable x, long in, long out, boolean bias) {
        SDVariable w = weight(name + "_W", in, out);
        SDVariable y = sd.mmul(sd.reshape(x, -1, in), w);
        if (bias) {
            y = y.add(zeros(name + "_b", out));
        }
        return sd.reshape(y, shapeBT(out));
    }

    /** x [B, in] . W + b. */
    SDVariable dense2(String name, SDVariable x, long in, long out) {
        return sd.mmul(x, weight(name + "_W", in, out)).add(zeros(name + "_b", out));
    }

    /**
     * Inverted dropout as a multiplicative placeholder: training feeds a scaled Bernoulli mask of
     * the full shape, inference feeds ones of shape [1, ..., 1, D] (broadcast). SameDiff's own
     * dropout op has no gradient in M2.1 and also fires at inference, so it cannot be used.
     */
    SDVariable dropout(SDVariable x, boolean perToken, long dim) {
        if (dropout == 0) {
            return x;
        }
        String name = TextNetwork.DROPOUT_PREFIX + (dropoutSites++);
        SDVariable m = perToken ? sd.placeHolder(name, type, -1, -1, dim) : sd.placeHolder(name, type, -1, dim);
        return x.mul(m);
    }

    /** Additive key mask [B, 1, 1, T]: 0 for real keys, -1e9 for padding. */
    SDVariable keyPenalty() {
        return sd.reshape(mask.sub(1.0).mul(MASK_PENALTY), sd.concat(0, batch,
                sd.constant(Nd4j.createFromArray(1L, 1L)), time));
    }

    /**
     * Multi-head scaled dot-product self-attention over x [B, T, D] with a key padding mask. The
     * attention probabilities [B, heads, T, T] are named {@code attnName}; their softmax has its
     * gradient computed in Java ({@link LastAxisSoftmax}).
     */
    SDVariable selfAttention(String name, SDVariable x, long d, int heads, SDVariable keyPenalty, String attnName) {
        long dk = d / heads;
        // 1/sqrt(dk) scales the queries [B, T, D] rather than the scores [B, heads, T, T]: the same
        // scores up to rounding, with the scaling and its gradient on T/dk = 8x fewer elements.
        SDVariable q = splitHeads(dense3(name + "_q", x, d, d, true).mul(1.0 / Math.sqrt(dk)), heads, dk);
        SDVariable k = splitHeads(dense3(name + "_k", x, d, d, true), heads, dk);
        SDVariable v = splitHeads(dense3(name + "_v", x, d, d, true), heads, dk);
        SDVariable scores = sd.mmul(q, k, false, true, false).add(keyPenalty);
        SDVariable attn = sd.updateVariableNameAndReference(new LastAxisSoftmax(sd, scores, 4).outputVariable(), attnName);
        SDVariable ctx = sd.permute(sd.mmul(attn, v), 0, 2, 1, 3);
        return dense3(name + "_o", sd.reshape(ctx, shapeBT(d)), d, d, true);
    }

    private SDVariable splitHeads(SDVariable x, int heads, long dk) {
        return sd.permute(sd.reshape(x, shapeBT(heads, dk)), 0, 2, 1, 3);
    }

    /** max(x, 0), gradient in Java ({@link Relu}). */
    SDVariable relu(SDVariable x) {
        return new Relu(sd, x).outputVariable();
    }

    /**
     * Layer normalisation over the feature axis of [B, T, D]: ND4J's kernel forward, gradient in
     * Java ({@link LastAxisLayerNorm}).
     */
    SDVariable layerNorm(String name, SDVariable x, long d) {
        return new LastAxisLayerNorm(sd, x, ones(name + "_gain", d), zeros(name + "_bias", d), 3).outputVariable();
    }

    /**
     * Mean over real tokens: [B, T, D] -> [B, D]; the denominator is at least 1 (empty documents).
     * Written as a batched matrix product of the per-token weights mask / count [B, 1, T] with x:
     * the same sum of products as {@code x * mask} summed over T, but its gradient is two small
     * GEMMs, where M2.1's broadcasting {@code multiply_bp} took 25-130 ms per call at B=32, T=256,
     * D=128 (StepProfile).
     */
    SDVariable maskedMean(SDVariable x, long d) {
        SDVariable count = sd.math().clipByValue(mask.sum(true, 1), 1.0, Double.MAX_VALUE);
        return weightedSum(mask.div(count), x, d);
    }

    /**
     * x[:, 0, :]: [B, T, D] -> [B, D], written as {@link #weightedSum} with a one-hot weight at t = 0 built from
     * the mask's shape (a gather's gradient is what the notes warn about; this one is two small GEMMs).
     */
    SDVariable first(SDVariable x, long d) {
        SDVariable firstColumn = sd.eq(sd.cumsum(sd.onesLike(mask), false, false, 1), 1.0).castTo(type);
        return weightedSum(firstColumn, x, d);
    }

    /** sum_t w[b, t] * x[b, t, :] for w [B, T] and x [B, T, D], as one batched matrix product. */
    SDVariable weightedSum(SDVariable w, SDVariable x, long d) {
        return sd.reshape(sd.mmul(sd.expandDims(w, 1), x), -1, d);
    }

    /**
     * Additive attention pooling: score_t = v . tanh(W h_t + b), softmax over real tokens. The
     * weights [B, T] are named {@code weightsName}; padded positions get exactly 0, and an empty
     * document pools to the zero vector.
     */
    SDVariable attentionPooling(String name, SDVariable h, long d, String weightsName) {
        SDVariable u = sd.math().tanh(dense3(name + "_proj", h, d, d, true));
        SDVariable v = weight(name + "_v", d, 1);
        SDVariable scores = sd.reshape(sd.mmul(sd.reshape(u, -1, d), v), sd.concat(0, batch, time));
        scores = scores.add(mask.sub(1.0).mul(MASK_PENALTY));
        SDVariable alpha = sd.nn().softmax(scores, 1).mul(mask).rename(weightsName);
        return weightedSum(alpha, h, d);
    }
}
