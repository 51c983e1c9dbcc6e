package org.textclf.models.network;

import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a network's graph: architecture, sizes, head type, seed. Stored as JSON
 * in model bundles and used to rebuild the same graph. Immutable and thread-safe; build with
 * {@link #builder(Architecture, int, int)}.
 *
 * <pre>{@code
 * NetworkConfig cfg = NetworkConfig.builder(Architecture.GRU_ATTENTION, vocab.size(), labels.size())
 *         .embeddingDim(128).hiddenSize(128).heads(4).dropout(0.2).seed(42).build();
 * }</pre>
 *
 * @param architecture  network family
 * @param vocabSize     rows of the word embedding table, including PAD (id 0) and UNK (id 1)
 * @param labelCount    number of output classes (>= 2 for single-label, >= 1 for multi-label)
 * @param multiLabel    sigmoid + binary cross-entropy per label instead of softmax + cross-entropy
 * @param embeddingDim  word vector size (the model width for the Transformer)
 * @param hiddenSize    GRU state size per direction (unused by the other architectures)
 * @param heads         attention heads; must divide the attention width
 * @param layers        GRU layers or Transformer blocks (unused by the baseline)
 * @param bidirectional GRU runs both ways and concatenates (GRU only)
 * @param ffnDim        Transformer feed-forward width
 * @param dropout       drop probability in [0, 1) applied during training only
 * @param pooling       how the GRU's or Transformer's token vectors become one (the baseline's is {@link Pooling#MEAN})
 * @param bigramBuckets hashed bigram rows of the baseline (0 = words only)
 * @param maxPositions  longest document the Transformer's positional table covers (the [CLS] position of
 *                      {@link Pooling#CLS} comes on top)
 * @param classWeights  per-label loss weights (empty = all 1)
 * @param precision     FLOAT for real use, DOUBLE for gradient checks
 * @param seed          seed for weight initialisation
 */
public record NetworkConfig(Architecture architecture, int vocabSize, int labelCount, boolean multiLabel,
                            int embeddingDim, int hiddenSize, int heads, int layers, boolean bidirectional,
                            int ffnDim, double dropout, Pooling pooling, int bigramBuckets, int maxPositions,
                            List<Double> classWeights, Precision precision, long seed) {

    public NetworkConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(precision, "precision");
        classWeights = classWeights == null ? List.of() : List.copyOf(classWeights);
        require(vocabSize >= 2, "vocabSize must be >= 2 (PAD and UNK), was " + vocabSize);
        require(labelCount >= (multiLabel ? 1 : 2), "labelCount must be >= " + (multiLabel ? 1 : 2) + ", was " + labelCount);
        require(embeddingDim >= 1, "embeddingDim must be >= 1, was " + embeddingDim);
        require(hiddenSize >= 1, "hiddenSize must be >= 1, was " + hiddenSize);
        require(heads >= 1, "heads must be >= 1, was " + heads);
        require(layers >= 1, "layers must be >= 1, was " + layers);
        require(ffnDim >= 1, "ffnDim must be >= 1, was " + ffnDim);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), was " + dropout);
        require(bigramBuckets >= 0, "bigramBuckets must be >= 0, was " + bigramBuckets);
        require(maxPositions >= 1, "maxPositions must be >= 1, was " + maxPositions);
        require(architecture != Architecture.BASELINE || pooling == Pooling.MEAN,
                "pooling " + pooling + ": the baseline is a mean of word and bigram vectors (MEAN only)");
        require(architecture != Architecture.GRU_ATTENTION || pooling != Pooling.CLS,
                "pooling CLS is for the Transformer, whose attention lets position 0 read the whole document;"
                        + " the GRU pools by attention or mean");
        require(classWeights.isEmpty() || classWeights.size() == labelCount,
                "classWeights must be empty or have labelCount=" + labelCount + " entries, had " + classWeights.size());
        for (double w : classWeights) {
            require(w > 0 && Double.isFinite(w), "class weights must be finite and > 0, was " + w);
        }
        require(architecture == Architecture.BASELINE
                || attentionWidth(architecture, embeddingDim, hiddenSize, bidirectional) % heads == 0,
                "heads=" + heads + " must divide the attention width "
                        + attentionWidth(architecture, embeddingDim, hiddenSize, bidirectional));
    }

    private static int attentionWidth(Architecture a, int embeddingDim, int hiddenSize, boolean bidirectional) {
        return switch (a) {
            case GRU_ATTENTION -> hiddenSize * (bidirectional ? 2 : 1);
            case TRANSFORMER, BASELINE -> embeddingDim;
        };
    }

    /** Rows of the embedding table: the vocabulary, then the baseline's bigram buckets or the [CLS] row. */
    public int embeddingRows() {
        return vocabSize + bigramBuckets + (pooling == Pooling.CLS ? 1 : 0);
    }

    /** Id of the [CLS] row of {@link Pooling#CLS} (the row after the vocabulary's). */
    public int clsId() {
        return vocabSize;
    }

    /** Width of the vectors the attention layers (and the pooling) see. */
    public int attentionWidth() {
        return attentionWidth(architecture, embeddingDim, hiddenSize, bidirectional);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A builder with defaults suited to the architecture (see {@link Builder}). */
    public static Builder builder(Architecture architecture, int vocabSize, int labelCount) {
        return new Builder(architecture, vocabSize, labelCount);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(architecture, vocabSize, labelCount);
        b.multiLabel = multiLabel;
        b.embeddingDim = embeddingDim;
        b.hiddenSize = hiddenSize;
        b.heads = heads;
        b.layers = layers;
        b.bidirectional = bidirectional;
        b.ffnDim = ffnDim;
        b.dropout = dropout;
        b.pooling = pooling;
        b.bigramBuckets = bigramBuckets;
        b.maxPositions = maxPositions;
        b.classWeights = classWeights;
        b.precision = precision;
        b.seed = seed;
        return b;
    }

    /**
     * Defaults: embeddingDim 128, hiddenSize 128, 4 heads, 1 layer (2 blocks for the Transformer),
     * unidirectional, ffnDim 256, dropout 0.1, attention pooling for the GRU and mean pooling otherwise,
     * 100,000 bigram buckets (baseline only, else 0), 512 positions, uniform class weights, FLOAT, seed 42.
     * Not thread-safe.
     */
    public static final class Builder {
        private final Architecture architecture;
        private final int vocabSize;
        private final int labelCount;
        private boolean multiLabel;
        private int embeddingDim = 128;
        private int hiddenSize = 128;
        private int heads = 4;
        private int layers;
        private boolean bidirectional;
        private int ffnDim = 256;
        private double dropout = 0.1;
        private Pooling pooling;
        private int bigramBuckets;
        private int maxPositions = 512;
        private List<Double> classWeights = List.of();
        private Precision precision = Precision.FLOAT;
        private long seed = 42;

        private Builder(Architecture architecture, int vocabSize, int labelCount) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
            this.vocabSize = vocabSize;
            this.labelCount = labelCount;
            this.layers = architecture == Architecture.TRANSFORMER ? 2 : 1;
            this.pooling = architecture == Architecture.GRU_ATTENTION ? Pooling.ATTENTION : Pooling.MEAN;
            this.bigramBuckets = architecture == Architecture.BASELINE ? 100_000 : 0;
        }

        public Builder multiLabel(boolean v) { this.multiLabel = v; return this; }
        public Builder embeddingDim(int v) { this.embeddingDim = v; return this; }
        public Builder hiddenSize(int v) { this.hiddenSize = v; return this; }
        public Builder heads(int v) { this.heads = v; return this; }
        public Builder layers(int v) { this.layers = v; return this; }
        public Builder bidirectional(boolean v) { this.bidirectional = v; return this; }
        public Builder ffnDim(int v) { this.ffnDim = v; return this; }
        public Builder dropout(double v) { this.dropout = v; return this; }
        public Builder pooling(Pooling v) { this.pooling = v; return this; }
        public Builder bigramBuckets(int v) { this.bigramBuckets = v; return this; }
        public Builder maxPositions(int v) { this.maxPositions = v; return this; }
        public Builder classWeights(List<Double> v) { this.classWeights = v; return this; }
        public Builder precision(Precision v) { this.precision = v; return this; }
        public Builder seed(long v) { this.seed = v; return this; }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public NetworkConfig build() {
            return new NetworkConfig(architecture, vocabSize, labelCount, multiLabel, embeddingDim, hiddenSize,
                    heads, layers, bidirectional, ffnDim, dropout,
                    pooling,
                    architecture == Architecture.BASELINE ? bigramBuckets : 0, maxPositions,
                    classWeights, precision, seed);
        }
    }
}
