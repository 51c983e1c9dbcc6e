package org.textclf.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.textclf.models.TextClassifier;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.network.TextNetwork;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.Batch;
import org.textclf.preprocess.encode.Encoder;
import org.textclf.preprocess.encode.TextEncoder;

/**
 * A {@link TextClassifier} made of the same {@link TextPipeline} and {@link Encoder} used in training
 * and a {@link TextNetwork}, so serving cannot drift from training.
 *
 * <pre>{@code
 * TextClassifier c = NeuralTextClassifier.of(ModelBundle.read(Path.of("imdb.textclf")));
 * String label = c.predict("<p>A wonderful, moving film.</p>");
 * }</pre>
 *
 * <p>Thread-safe: the network serialises graph runs (see {@link TextNetwork}).
 */
public final class NeuralTextClassifier implements TextClassifier {

    /** Documents per network call. */
    private static final int BATCH = 32;

    private final TextPipeline pipeline;
    private final Encoder encoder;
    /** Raw text to ids in one pass; exactly encoder.encode(pipeline.tokens(text)). */
    private final TextEncoder textEncoder;
    private final TextNetwork network;
    private final List<String> labels;
    private final List<Double> thresholds;

    public NeuralTextClassifier(TextPipeline pipeline, Encoder encoder, TextNetwork network, List<String> labels) {
        this(pipeline, encoder, network, labels, List.of());
    }

    /**
     * @param thresholds multi-label decision threshold per label (empty = 0.5 each)
     */
    public NeuralTextClassifier(TextPipeline pipeline, Encoder encoder, TextNetwork network, List<String> labels,
                                List<Double> thresholds) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.textEncoder = new TextEncoder(pipeline, encoder);
        this.network = Objects.requireNonNull(network, "network");
        this.labels = List.copyOf(labels);
        this.thresholds = List.copyOf(thresholds);
        if (!this.thresholds.isEmpty() && this.thresholds.size() != this.labels.size()) {
            throw new IllegalArgumentException(this.thresholds.size() + " thresholds for " + this.labels.size() + " labels");
        }
        if (encoder.vocabulary().size() != network.config().vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + encoder.vocabulary().size()
                    + " entries but the network expects " + network.config().vocabSize());
        }
        if (this.labels.size() != network.config().labelCount()) {
            throw new IllegalArgumentException(this.labels.size() + " labels for a network with "
                    + network.config().labelCount() + " outputs");
        }
    }

    /** A classifier made of a bundle's pipeline, encoder, network and labels. */
    public static NeuralTextClassifier of(ModelBundle bundle) {
        return new NeuralTextClassifier(TextPipeline.fromConfig(bundle.pipeline()),
                new Encoder(bundle.vocabulary(), bundle.encoder()), bundle.network(), bundle.labels(), bundle.thresholds());
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    public TextNetwork network() {
        return network;
    }

    /** Token ids of a raw text, exactly as the network sees them. */
    public int[] encode(String text) {
        return textEncoder.encode(text);
    }

    @Override
    public float[][] probabilities(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int start = 0; start < texts.size(); start += BATCH) {
            List<int[]> docs = new ArrayList<>();
            for (int i = start; i < Math.min(texts.size(), start + BATCH); i++) {
                docs.add(encode(texts.get(i)));
            }
            Batch b = encoder.batch(docs);
            float[][] p = network.predict(b.ids(), b.mask());
            System.arraycopy(p, 0, out, start, p.length);
        }
        return out;
    }

    /**
     * The predicted label set of one text: for multi-label models every label whose probability
     * reaches its threshold (0.5 when none was stored); for single-label models the one most
     * probable label.
     */
    public List<String> predictLabels(String text) {
        float[] p = probabilities(text);
        if (!network.config().multiLabel()) {
            int best = 0;
            for (int l = 1; l < p.length; l++) {
                if (p[l] > p[best]) {
                    best = l;
                }
            }
            return List.of(labels.get(best));
        }
        List<String> out = new ArrayList<>();
        for (int l = 0; l < p.length; l++) {
            if (p[l] >= (thresholds.isEmpty() ? 0.5 : thresholds.get(l))) {
                out.add(labels.get(l));
            }
        }
        return out;
    }

    /** Multi-label thresholds (empty = 0.5 each). */
    public List<Double> thresholds() {
        return thresholds;
    }

    /** A token of an explained document and the attention it received. */
    public record TokenWeight(String token, float weight) {
    }

    /**
     * Per-token attention of one text (see {@link TextNetwork#tokenAttention}); tokens are shown as
     * the vocabulary knows them ({@code <unk>} for unknown words).
     *
     * @throws UnsupportedOperationException for networks without attention
     */
    public List<TokenWeight> attention(String text) {
        int[] ids = encode(text);
        Batch b = encoder.batch(List.of(ids));
        float[] w = network.tokenAttention(b.ids(), b.mask())[0];
        List<TokenWeight> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(new TokenWeight(encoder.vocabulary().token(ids[i]), w[i]));
        }
        return out;
    }

    @Override
    public String toString() {
        return "NeuralTextClassifier[" + pipeline + " -> " + encoder + " -> " + network.config().architecture()
                + " -> " + labels + "]";
    }
}
