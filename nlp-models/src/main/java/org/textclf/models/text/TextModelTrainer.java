package org.textclf.models.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.textclf.corpora.Document;
import org.textclf.corpora.Split;
import org.textclf.corpora.Splitter;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.embed.PretrainedVectors;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;
import org.textclf.models.train.LabelledData;
import org.textclf.models.train.Trainer;
import org.textclf.models.train.TrainerConfig;
import org.textclf.models.train.TrainingListener;
import org.textclf.models.train.TrainingResult;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.Encoder;
import org.textclf.preprocess.encode.EncoderConfig;
import org.textclf.preprocess.vocab.CoverageStats;
import org.textclf.preprocess.vocab.Vocabulary;
import org.textclf.preprocess.vocab.VocabularyBuilder;

/**
 * Raw labelled documents in, a {@link ModelBundle} out: cleans and tokenizes with the pipeline,
 * builds the vocabulary and label index from the TRAINING documents only, encodes, trains, and
 * packages everything with provenance. This is what the {@code train} command runs.
 *
 * <pre>{@code
 * TextModelTrainer t = new TextModelTrainer(PipelineConfig.defaults(), EncoderConfig.defaults(),
 *         30_000, 2, (vocab, labels) -> NetworkConfig.builder(Architecture.GRU_ATTENTION, vocab, labels).build(),
 *         TrainerConfig.builder().epochs(5).build());
 * TextModelTrainer.Result r = t.train(trainDocs, null, listener);
 * r.bundle().write(Path.of("model.textclf"));
 * }</pre>
 *
 * <p>Immutable and thread-safe to share; each {@link #train} call is independent (but trainings in
 * parallel are not reproducible, see {@link NetworkFactory}).
 */
public final class TextModelTrainer {

    private final PipelineConfig pipeline;
    private final EncoderConfig encoder;
    private final int vocabMaxSize;
    private final int minCount;
    private final BiFunction<Integer, Integer, NetworkConfig> network;
    private final TrainerConfig trainer;
    private final Path vectors;
    private final PretrainedVectors.Format vectorFormat;

    /**
     * @param vocabMaxSize largest vocabulary including PAD and UNK
     * @param minCount     minimum training-token count to enter the vocabulary
     * @param network      makes the network configuration from (vocabulary size, label count)
     */
    public TextModelTrainer(PipelineConfig pipeline, EncoderConfig encoder, int vocabMaxSize, int minCount,
                            BiFunction<Integer, Integer, NetworkConfig> network, TrainerConfig trainer) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (vocabMaxSize < 3) {
            throw new IllegalArgumentException("vocabMaxSize must be >= 3, was " + vocabMaxSize);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, was " + minCount);
        }
        this.vocabMaxSize = vocabMaxSize;
        this.minCount = minCount;
        this.network = Objects.requireNonNull(network, "network");
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.vectors = null;
        this.vectorFormat = null;
    }

    private TextModelTrainer(TextModelTrainer base, Path vectors, PretrainedVectors.Format format) {
        this.pipeline = base.pipeline;
        this.encoder = base.encoder;
        this.vocabMaxSize = base.vocabMaxSize;
        this.minCount = base.minCount;
        this.network = base.network;
        this.trainer = base.trainer;
        this.vectors = vectors;
        this.vectorFormat = format;
    }

    /**
     * A copy that initialises word embeddings from a pretrained vector file (dimension must equal
     * the network's embeddingDim); words without a vector keep a random start.
     */
    public TextModelTrainer withPretrainedVectors(Path file, PretrainedVectors.Format format) {
        return new TextModelTrainer(this, Objects.requireNonNull(file, "file"), Objects.requireNonNull(format, "format"));
    }

    /**
     * Outcome of a training run.
     *
     * @param bundle         the model file content
     * @param training       curves and best epoch
     * @param trainCoverage  vocabulary coverage of the training documents
     * @param validCoverage  vocabulary coverage of the validation documents (OOV rate on unseen text)
     * @param vectorCoverage share of the vocabulary found in the pretrained vectors (null without)
     */
    public record Result(ModelBundle bundle, TrainingResult training, CoverageStats trainCoverage,
                         CoverageStats validCoverage, PretrainedVectors.Coverage vectorCoverage) {
    }

    /**
     * Trains on {@code train}; when {@code valid} is null a stratified hold-out of
     * {@link TrainerConfig#validFraction()} is taken from it (seeded).
     *
     * @throws IllegalArgumentException naming the document when a document is unlabelled, has
     *                                  several labels for a single-label model, or carries a label
     *                                  the training data does not have
     */
    public Result train(List<Document> train, List<Document> valid, TrainingListener listener) {
        Objects.requireNonNull(train, "train");
        if (valid == null) {
            Split split = Splitter.holdOut(train, trainer.validFraction(), trainer.seed());
            train = split.train();
            valid = split.valid();
        }
        TreeSet<String> labelSet = new TreeSet<>();
        for (Document d : train) {
            if (!d.isLabelled()) {
                throw new IllegalArgumentException("training document " + d.id() + " has no label");
            }
            labelSet.addAll(d.labels());
        }
        List<String> labels = List.copyOf(labelSet);
        TextPipeline text = TextPipeline.fromConfig(pipeline);
        List<List<String>> trainTokens = tokens(text, train);
        List<List<String>> validTokens = tokens(text, valid);
        VocabularyBuilder vb = Vocabulary.builder().maxSize(vocabMaxSize).minCount(minCount);
        vb.addAll(trainTokens);
        Vocabulary vocab = vb.build();
        NetworkConfig netConfig = network.apply(vocab.size(), labels.size());
        Encoder enc = new Encoder(vocab, encoder);
        LabelledData trainData = encode(enc, trainTokens, train, labels, netConfig.multiLabel(), "training");
        LabelledData validData = encode(enc, validTokens, valid, labels, netConfig.multiLabel(), "validation");

        if (trainer.freezeEmbeddings() && vectors == null) {
            throw new IllegalArgumentException("freezing the embeddings needs pretrained vectors to start from:"
                    + " frozen random vectors would never learn what words mean");
        }
        PretrainedVectors.Loaded pretrained = vectors == null ? null
                : PretrainedVectors.load(vectors, vectorFormat, vocab, netConfig.embeddingDim(), netConfig.seed());
        TextNetwork net = NetworkFactory.build(netConfig, pretrained == null ? null : pretrained.table());
        Trainer t = new Trainer(trainer);
        TrainingResult result = t.train(net, trainData, validData, labels, listener);

        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("train.documents", Integer.toString(train.size()));
        prov.put("train.sha256", digest(train));
        prov.put("valid.documents", Integer.toString(valid.size()));
        prov.put("valid.sha256", digest(valid));
        prov.put("seed.network", Long.toString(netConfig.seed()));
        prov.put("seed.trainer", Long.toString(trainer.seed()));
        prov.put("pipeline", text.toString());
        prov.put("parameters", Long.toString(net.parameterCount()));
        if (pretrained != null) {
            prov.put("pretrained.vectors", vectors.getFileName().toString());
            prov.put("pretrained.coverage", pretrained.coverage().toString());
            prov.put("pretrained.sha256", sha256(vectors));
        }
        ModelBundle bundle = new ModelBundle(net, pipeline, encoder, vocab, labels, trainer, result.curves(), prov,
                t.updaterState(), result.thresholds());
        return new Result(bundle, result, vocab.coverage(trainTokens), vocab.coverage(validTokens),
                pretrained == null ? null : pretrained.coverage());
    }

    private static List<List<String>> tokens(TextPipeline text, List<Document> docs) {
        List<List<String>> out = new ArrayList<>(docs.size());
        for (Document d : docs) {
            out.add(text.tokens(d.text()));
        }
        return out;
    }

    private static LabelledData encode(Encoder enc, List<List<String>> tokens, List<Document> docs, List<String> labels,
                                       boolean multiLabel, String part) {
        int[][] ids = new int[docs.size()][];
        int[][] y = new int[docs.size()][];
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        for (int i = 0; i < docs.size(); i++) {
            Document d = docs.get(i);
            if (!multiLabel && d.labels().size() != 1) {
                throw new IllegalArgumentException(part + " document " + d.id() + " has " + d.labels().size()
                        + " labels; a single-label model needs exactly one (use a multi-label model)");
            }
            ids[i] = enc.encode(tokens.get(i));
            y[i] = new int[d.labels().size()];
            for (int k = 0; k < y[i].length; k++) {
                Integer l = index.get(d.labels().get(k));
                if (l == null) {
                    throw new IllegalArgumentException(part + " document " + d.id() + " has label '" + d.labels().get(k)
                            + "' that no training document has; known labels: " + labels);
                }
                y[i][k] = l;
            }
        }
        return new LabelledData(ids, y);
    }

    /** SHA-256 over label(s) TAB text LF of every document in order: identifies the data a model saw. */
    static String digest(List<Document> docs) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Document d : docs) {
                md.update(String.join(",", d.labels()).getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\t');
                md.update(d.text().getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /**
     * SHA-256 of a file's bytes, in hex: how provenance names a data or vectors file (the vectors a model started
     * from are part of what it was trained on).
     *
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "TextModelTrainer[" + pipeline + ", " + encoder + ", vocab<=" + vocabMaxSize + " minCount=" + minCount
                + ", " + trainer + "]";
    }
}
