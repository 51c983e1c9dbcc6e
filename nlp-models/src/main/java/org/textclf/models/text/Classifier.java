package org.textclf.models.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.network.SameDiffArrayCache;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.TextNetwork;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.Batch;
import org.textclf.preprocess.encode.Encoder;
import org.textclf.preprocess.encode.EncoderConfig;
import org.textclf.preprocess.encode.Truncation;
import org.textclf.preprocess.vocab.Vocabulary;

/**
 * A trained model ready to classify raw text from many threads: loaded once from a model bundle, it runs
 * the bundle's own cleaning, tokenizer and encoder, then the network, and decides labels (top-k for a
 * single-label model, a per-label threshold for a multi-label one).
 *
 * <pre>{@code
 * Classifier c = Classifier.load(Path.of("imdb.textclf"));
 * String label = c.predict("<p>A wonderful, moving film.</p>").label();
 * List<Classifier.Result> rs = c.predictBatch(List.of("Dull.", "Great fun!"));
 * try (Stream<Classifier.Result> s = c.classify(lines.stream())) { s.forEach(r -> ...); }   // lazy, in order
 * Classifier top3 = c.withDecision(Classifier.Decision.topK(3));
 * }</pre>
 *
 * <h2>Thread-safety</h2>
 * Every method is safe to call from any number of threads at once, and the results do not depend on
 * which thread ran them or on how many ran at the same time: each call's documents go through the
 * network in the same batches (of {@link #batchSize()} documents, in the order given) as a
 * single-threaded call would use, so a document's scores are bit-identical whatever the concurrency.
 *
 * <p>Why copies: {@link TextNetwork} runs one graph call at a time, and ND4J does not promise more. In
 * 1.0.0-M2.1 {@code SameDiff.output} keeps an {@code InferenceSession} (with its array cache) per thread,
 * but the op objects of the graph are shared, and executing some kinds writes into them (legacy
 * reductions with an axis input get their dimensions set, scalar ops with a scalar input their scalar;
 * every legacy op's arrays are cleared after it runs; the source says "make sure executing like that is
 * thread safe" as work still to do). textclf's graphs hold none of the first two kinds, and a probe
 * ({@code org.textclf.models.bench.SharedGraphProbe} in the test sources: 4 threads x 150 and 2 x 400
 * unsynchronized calls on one graph, every architecture) saw no result differ by a bit; still, an
 * unpromised property is not a contract. So this class keeps a pool of up to {@link #replicas()} copies
 * of the network (SameDiff {@code dup()}, created lazily, the first being the bundle's own). A call
 * borrows one copy per batch and blocks while all are busy; a thread gets back the copy it used last
 * when that one is free, which keeps SameDiff's per-thread sessions to about one per copy. Memory: each
 * copy holds the network's weights once more. Loading this class switches off SameDiff's array cache for
 * the JVM (system property {@code org.nd4j.autodiff.samediff=false}, unless set) because in M2.1 it grows
 * without bound under varying batch shapes (see the static initializer).
 *
 * <p>Instances are immutable apart from the pool; {@link #withDecision} gives a view sharing the pool.
 * The bundle's network must not be trained while a classifier uses it.
 */
public final class Classifier {

    /** Default documents per network call. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    static {
        // Before any of this class's sessions exist: M2.1's array cache grows without bound under varying
        // batch shapes (see SameDiffArrayCache).
        SameDiffArrayCache.disableUnlessSet();
    }

    /** How labels are decided from the scores. Immutable. */
    public static final class Decision {
        private final int topK;
        private final double threshold;

        private Decision(int topK, double threshold) {
            this.topK = topK;
            this.threshold = threshold;
        }

        /**
         * The {@code k} labels with the highest scores, best first (ties: lower label index first).
         * Single-label models default to {@code topK(1)}.
         */
        public static Decision topK(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("top-k must be >= 1, was " + k);
            }
            return new Decision(k, Double.NaN);
        }

        /**
         * Every label whose score is at least {@code t} (multi-label models), in label order; possibly
         * none. Multi-label models default to {@code threshold(0.5)}.
         */
        public static Decision threshold(double t) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], was " + t);
            }
            return new Decision(0, t);
        }

        /** Whether this decision keeps the best k labels (else it thresholds). */
        public boolean isTopK() {
            return topK > 0;
        }

        /** k of a top-k decision, 0 for a threshold. */
        public int k() {
            return topK;
        }

        /** The threshold, NaN for a top-k decision. */
        public double threshold() {
            return threshold;
        }

        /**
         * The labels this decision takes from scores {@code p} (in {@code labels} order): the best k, best
         * first (ties: lower label index first), or those scoring at least the threshold, in label order.
         */
        public List<String> apply(List<String> labels, float[] p) {
            if (isTopK()) {
                Integer[] order = new Integer[p.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                // Stable sort: equal scores keep label order, so ties always resolve the same way.
                java.util.Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
                List<String> out = new ArrayList<>(topK);
                for (int i = 0; i < topK; i++) {
                    out.add(labels.get(order[i]));
                }
                return out;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < p.length; i++) {
                if (p[i] >= threshold) {
                    out.add(labels.get(i));
                }
            }
            return out;
        }

        /** This decision, if it applies to a model of this kind with these labels. */
        Decision checkFor(boolean multiLabel, List<String> labels) {
            if (!multiLabel && !isTopK()) {
                throw new IllegalArgumentException("a threshold applies to multi-label models; this model is"
                        + " single-label (use top-k)");
            }
            if (isTopK() && topK > labels.size()) {
                throw new IllegalArgumentException("top-k is " + topK + " but the model has only " + labels.size()
                        + " labels " + labels);
            }
            return this;
        }

        @Override
        public String toString() {
            return isTopK() ? "top-" + topK : "threshold " + threshold;
        }
    }

    /**
     * A token of a classified document and the attention the network gave it.
     *
     * @param token    the token as the pipeline produced it (cleaned: e.g. lower-cased, punctuation removed)
     * @param position index of the token in the document's token list (truncation may skip positions)
     * @param known    false when the vocabulary does not know it (the network saw {@code <unk>})
     * @param weight   attention weight; the weights of a document sum to 1 (0 for an empty document)
     */
    public record TokenWeight(String token, int position, boolean known, float weight) {
    }

    /**
     * The classification of one text.
     *
     * @param labels    decided labels: for a single-label model the top-k, best first (so {@code labels.get(0)}
     *                  is the arg-max); for a multi-label model those passing the decision, possibly none
     * @param scores    one probability per label, in {@link Classifier#labels()} order (softmax, or
     *                  independent sigmoids for multi-label)
     * @param attention per-token attention when asked for, else null
     */
    public record Result(List<String> labels, float[] scores, List<TokenWeight> attention) {
        public Result {
            labels = List.copyOf(labels);
            Objects.requireNonNull(scores, "scores");
            attention = attention == null ? null : List.copyOf(attention);
        }

        /** The best label (single-label), or the first decided label; null when none passed (multi-label). */
        public String label() {
            return labels.isEmpty() ? null : labels.get(0);
        }

        /**
         * {@code Result[labels=[pos], scores=[0.1, 0.9], attention=12 tokens]}: the record's own would show the
         * scores array's identity, not its values.
         */
        @Override
        public String toString() {
            return "Result[labels=" + labels + ", scores=" + java.util.Arrays.toString(scores) + ", attention="
                    + (attention == null ? "none" : attention.size() + " tokens") + "]";
        }
    }

    private final TextPipeline pipeline;
    private final Encoder encoder;
    private final List<String> labels;
    private final boolean multiLabel;
    private final Architecture architecture;
    private final Decision decision;
    private final int batchSize;
    private final Pool pool;

    private Classifier(TextPipeline pipeline, Encoder encoder, List<String> labels, boolean multiLabel,
                       Architecture architecture, Decision decision, int batchSize, Pool pool) {
        this.pipeline = pipeline;
        this.encoder = encoder;
        this.labels = labels;
        this.multiLabel = multiLabel;
        this.architecture = architecture;
        this.decision = decision;
        this.batchSize = batchSize;
        this.pool = pool;
    }

    /** Loads a model bundle, with one network copy per available processor at most and batches of 32. */
    public static Classifier load(Path bundle) {
        return of(ModelBundle.read(bundle), Runtime.getRuntime().availableProcessors(), DEFAULT_BATCH_SIZE);
    }

    /**
     * A classifier over a bundle.
     *
     * @param replicas  the most network copies run at once (&ge; 1); the bundle's network is the first
     * @param batchSize documents per network call (&ge; 1); part of what determines the exact scores
     */
    public static Classifier of(ModelBundle bundle, int replicas, int batchSize) {
        Objects.requireNonNull(bundle, "bundle");
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be >= 1, was " + replicas);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        TextNetwork net = bundle.network();
        boolean multi = net.config().multiLabel();
        return new Classifier(TextPipeline.fromConfig(bundle.pipeline()), new Encoder(bundle.vocabulary(), bundle.encoder()),
                bundle.labels(), multi, net.config().architecture(), multi ? Decision.threshold(0.5) : Decision.topK(1),
                batchSize, new Pool(net, replicas));
    }

    /** This classifier deciding labels with {@code d}; shares the network copies. */
    public Classifier withDecision(Decision d) {
        Objects.requireNonNull(d, "decision").checkFor(multiLabel, labels);
        return new Classifier(pipeline, encoder, labels, multiLabel, architecture, d, batchSize, pool);
    }

    /** Label names in the order of {@link Result#scores()}. */
    public List<String> labels() {
        return labels;
    }

    /** Whether the model scores labels independently (sigmoids) rather than choosing one (softmax). */
    public boolean multiLabel() {
        return multiLabel;
    }

    /** Whether {@code attention} can be asked for (every architecture but the baseline). */
    public boolean hasAttention() {
        return architecture != Architecture.BASELINE;
    }

    public Decision decision() {
        return decision;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The most network copies that run at once. */
    public int replicas() {
        return pool.max;
    }

    /** The pipeline's tokens of a raw text (cleaned), exactly as they are looked up in the vocabulary. */
    public List<String> tokens(String text) {
        return pipeline.tokens(text);
    }

    /** Classifies one text. */
    public Result predict(String text) {
        return predictBatch(List.of(text), false).get(0);
    }

    /** Classifies texts, in order, in batches of {@link #batchSize()}. */
    public List<Result> predictBatch(List<String> texts) {
        return predictBatch(texts, false);
    }

    /**
     * Classifies texts, in order, in batches of {@link #batchSize()}; with {@code attention} each result
     * carries per-token weights (a second pass through the network).
     *
     * @throws UnsupportedOperationException when attention is asked of the baseline, which has none
     */
    public List<Result> predictBatch(List<String> texts, boolean attention) {
        if (attention && !hasAttention()) {
            throw new UnsupportedOperationException("the " + architecture.name().toLowerCase(java.util.Locale.ROOT)
                    + " model has no attention weights (use a GRU+attention or Transformer model)");
        }
        List<Result> out = new ArrayList<>(texts.size());
        for (int start = 0; start < texts.size(); start += batchSize) {
            List<String> part = texts.subList(start, Math.min(texts.size(), start + batchSize));
            List<List<String>> tokens = new ArrayList<>(part.size());
            for (String t : part) {
                tokens.add(pipeline.tokens(Objects.requireNonNull(t, "text")));
            }
            out.addAll(classifyTokens(tokens, attention));
        }
        return out;
    }

    /**
     * Classifies already tokenized documents (from {@link #tokens}) as ONE network batch, whatever its size:
     * for callers that tokenize and batch themselves.
     */
    public List<Result> classifyTokens(List<List<String>> tokenized, boolean attention) {
        if (tokenized.isEmpty()) {
            return List.of();
        }
        if (attention && !hasAttention()) {
            throw new UnsupportedOperationException("the " + architecture.name().toLowerCase(java.util.Locale.ROOT)
                    + " model has no attention weights");
        }
        List<int[]> ids = new ArrayList<>(tokenized.size());
        for (List<String> t : tokenized) {
            ids.add(encoder.encode(t));
        }
        Batch b = encoder.batch(ids);
        float[][] probs;
        float[][] weights = null;
        TextNetwork net = pool.acquire();
        try {
            probs = net.predict(b.ids(), b.mask());
            if (attention) {
                weights = net.tokenAttention(b.ids(), b.mask());
            }
        } finally {
            pool.release(net);
        }
        List<Result> out = new ArrayList<>(tokenized.size());
        for (int i = 0; i < tokenized.size(); i++) {
            List<TokenWeight> att = weights == null ? null : tokenWeights(tokenized.get(i), ids.get(i), weights[i]);
            out.add(new Result(decision.apply(labels, probs[i]), probs[i], att));
        }
        return out;
    }

    /**
     * Classifies a stream of texts lazily and in order, {@link #batchSize()} texts at a time: memory stays
     * bounded by one batch whatever the stream's length. The returned stream is sequential; closing it
     * closes {@code texts}.
     */
    public Stream<Result> classify(Stream<String> texts) {
        Iterator<String> in = texts.iterator();
        Iterator<Result> it = new Iterator<>() {
            private Iterator<Result> current = List.<Result>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!in.hasNext()) {
                        return false;
                    }
                    List<String> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && in.hasNext()) {
                        batch.add(in.next());
                    }
                    current = predictBatch(batch).iterator();
                }
                return true;
            }

            @Override
            public Result next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(texts::close);
    }

    /**
     * Probabilities [texts][labels], as {@link org.textclf.models.TextClassifier#probabilities} (this class
     * does not implement that interface only because its {@code predict} returns a {@link Result}).
     */
    public float[][] probabilities(List<String> texts) {
        List<Result> rs = predictBatch(texts);
        float[][] out = new float[rs.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = rs.get(i).scores();
        }
        return out;
    }

    /** Pairs the weights of the encoded positions with the tokens they came from. */
    private List<TokenWeight> tokenWeights(List<String> tokens, int[] ids, float[] w) {
        int[] positions = keptPositions(tokens.size(), encoder.config());
        if (positions.length != ids.length) {
            throw new IllegalStateException("encoder kept " + ids.length + " ids but truncation " + encoder.config()
                    + " keeps " + positions.length + " of " + tokens.size() + " tokens");
        }
        List<TokenWeight> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(new TokenWeight(tokens.get(positions[i]), positions[i], ids[i] != Vocabulary.UNK_ID, w[i]));
        }
        return out;
    }

    /**
     * Which token positions {@link Encoder#encode} keeps: it does not report them, so this mirrors its
     * rule (HEAD: the first maxLength; HEAD_TAIL: the first ceil(max/2) and the last floor(max/2)); the
     * length check in {@link #tokenWeights} catches any drift.
     */
    static int[] keptPositions(int n, EncoderConfig config) {
        int max = config.maxLength();
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[max];
        if (config.truncation() == Truncation.HEAD) {
            for (int i = 0; i < max; i++) {
                out[i] = i;
            }
            return out;
        }
        int head = max - max / 2;
        for (int i = 0; i < head; i++) {
            out[i] = i;
        }
        for (int i = head; i < max; i++) {
            out[i] = n - (max - i);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Classifier[" + pipeline + " -> " + encoder + " -> " + architecture + " -> " + labels + ", " + decision
                + ", batch " + batchSize + ", up to " + pool.max + " network copies]";
    }

    /** Network copies, lent one batch at a time. */
    private static final class Pool {
        private final TextNetwork template;
        private final int max;
        private final Semaphore permits;
        private final List<Replica> replicas = new CopyOnWriteArrayList<>();
        private final ThreadLocal<Replica> lastUsed = new ThreadLocal<>();

        private record Replica(TextNetwork network, AtomicBoolean busy) {
        }

        Pool(TextNetwork template, int max) {
            this.template = template;
            this.max = max;
            this.permits = new Semaphore(max, true);
            replicas.add(new Replica(template, new AtomicBoolean()));
        }

        TextNetwork acquire() {
            permits.acquireUninterruptibly();
            try {
                Replica mine = lastUsed.get();
                if (mine != null && mine.busy().compareAndSet(false, true)) {
                    return mine.network();
                }
                for (Replica r : replicas) {
                    if (r.busy().compareAndSet(false, true)) {
                        lastUsed.set(r);
                        return r.network();
                    }
                }
                // Holding a permit while every existing copy is busy means fewer than max exist.
                Replica fresh;
                synchronized (template) {
                    fresh = new Replica(new TextNetwork(template.config(), template.sameDiff().dup()),
                            new AtomicBoolean(true));
                }
                replicas.add(fresh);
                lastUsed.set(fresh);
                return fresh.network();
            } catch (RuntimeException | Error e) {
                permits.release();
                throw e;
            }
        }

        void release(TextNetwork net) {
            for (Replica r : replicas) {
                if (r.network() == net) {
                    r.busy().set(false);
                    permits.release();
                    return;
                }
            }
            throw new IllegalStateException("network was not borrowed from this pool");
        }
    }
}
