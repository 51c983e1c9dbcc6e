package org.textclf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.textclf.corpora.Document;
import org.textclf.eval.Evaluation;
import org.textclf.eval.EvaluationOptions;
import org.textclf.eval.Evaluator;
import org.textclf.eval.predictions.Prediction;
import org.textclf.eval.predictions.PredictionWriter;
import org.textclf.eval.report.ReportContext;
import org.textclf.models.Threads;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.text.Classifier;
import org.textclf.models.text.Ensemble;
import org.textclf.models.train.EpochStats;

/**
 * A trained model run over a labelled corpus: documents are read, classified and counted chunk by chunk, so
 * memory does not grow with the corpus (the metrics accumulate in {@link Evaluator}). Shared by {@code eval},
 * {@code experiment run}, {@code reproduce}, {@code train} (on the embedded corpus) and {@code demo}, so all of
 * them report the same numbers the same way.
 *
 * <p>Parallelism that does not change a bit: the calling thread cuts the corpus into chunks of {@code chunk}
 * accepted documents by input position, and {@code threads} workers classify whole chunks, each on its own copy
 * of the network ({@link Classifier}) with ONE native (OpenMP, libnd4j, OpenBLAS) thread. A chunk's documents are
 * sorted by length and sent through the network in batches of {@link Classifier#DEFAULT_BATCH_SIZE}, so every
 * document runs in the same batch, with the same native thread count, whatever {@code threads} is, and its scores
 * are bit-identical at any {@code threads}. (A native team of another size splits GEMMs and reductions
 * differently: a GRU's scores then differ in the last float digits, which is why {@code --threads} no longer means
 * native threads here.) Results are taken in input order on the calling thread, which writes the predictions file
 * and feeds the evaluator; at most {@code threads + 1} chunks are in flight.
 *
 * <p>Side effect: {@link #run} limits ND4J's native threads to 1 for the whole process ({@link Threads} is
 * process-wide). One instance per run; not thread-safe (it manages its own worker threads).
 */
final class ModelEvaluation {

    /** What to do with a test document whose gold label the model was never trained on. */
    enum UnknownLabels {
        /** Stop with an error naming the document (the default: such a test set usually means a mix-up). */
        ERROR,
        /** Leave the document out of the metrics and count it; the count is printed and put in the report. */
        SKIP
    }

    /** Outcome: the metrics, documents evaluated, documents skipped for unknown labels, test data digest. */
    record Outcome(Evaluation evaluation, long evaluated, long skipped, String sha256) {
    }

    private final Ensemble model;
    private final Set<String> known;
    private final boolean multiLabel;
    private final UnknownLabels policy;
    private final int chunk;
    private final int threads;
    private long skipped;
    private long evaluated;
    private final MessageDigest digest;

    /**
     * @param chunk   documents per chunk (&ge; 1): what a worker classifies at once, cut by input position
     * @param threads workers (&ge; 1); never changes a result, only the speed
     */
    ModelEvaluation(ModelBundle bundle, UnknownLabels policy, int chunk, int threads) {
        this(List.of(bundle), new double[] {1.0}, policy, chunk, threads);
    }

    /**
     * Evaluates the {@link Ensemble} of {@code bundles} with these relative {@code weights}; one bundle with
     * any weight gives exactly that model's probabilities.
     */
    ModelEvaluation(List<ModelBundle> bundles, double[] weights, UnknownLabels policy, int chunk, int threads) {
        if (chunk < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, was " + chunk);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
        }
        List<Classifier> members = new ArrayList<>(bundles.size());
        for (ModelBundle b : bundles) {
            members.add(Classifier.of(b, threads, Classifier.DEFAULT_BATCH_SIZE));
        }
        this.model = Ensemble.of(members, weights);
        this.known = Set.copyOf(model.labels());
        this.multiLabel = model.multiLabel();
        this.policy = policy;
        this.chunk = chunk;
        this.threads = threads;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /**
     * Classifies {@code docs}, writes each prediction to {@code predictions} (when not null; not committed here)
     * in input order, and evaluates.
     *
     * @throws IllegalArgumentException naming the document when it has no label, several labels for a
     *                                  single-label model, or (policy ERROR) a label the model does not know
     */
    Outcome run(Iterator<Document> docs, String source, PredictionWriter predictions, EvaluationOptions options) {
        EvaluationOptions withLabels = EvaluationOptions.builder().labels(model.labels())
                .positiveLabel(options.positiveLabel()).bootstrap(options.bootstrapReplicates()).seed(options.seed())
                .confidence(options.confidence()).mistakesToKeep(options.mistakesToKeep())
                .maxDistinctScores(options.maxDistinctScores()).build();
        Threads.set(1);
        ExecutorService workers = Executors.newFixedThreadPool(threads, ModelEvaluation::worker);
        try {
            Evaluation e = Evaluator.evaluate(new Predictions(docs, predictions, workers), source, withLabels);
            return new Outcome(e, evaluated, skipped, HexFormat.of().formatHex(digest.digest()));
        } finally {
            workers.shutdownNow();
        }
    }

    private static final AtomicInteger WORKERS = new AtomicInteger();

    /** A daemon worker that sets its own native thread count first (OpenMP's count is per calling thread). */
    private static Thread worker(Runnable r) {
        Thread t = new Thread(() -> {
            Threads.set(1);
            r.run();
        }, "textclf-eval-worker-" + WORKERS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /**
     * The evaluator's view: pulls chunks of documents, keeps up to {@code threads + 1} of them classifying, and
     * hands out their predictions in input order. Runs on the calling thread; only {@link #classify} runs on the
     * workers.
     */
    private final class Predictions implements Iterator<Prediction> {
        private final Iterator<Document> docs;
        private final PredictionWriter out;
        private final ExecutorService workers;
        private final ArrayDeque<Future<Classified>> inFlight = new ArrayDeque<>();
        private final ArrayDeque<Prediction> ready = new ArrayDeque<>();

        Predictions(Iterator<Document> docs, PredictionWriter out, ExecutorService workers) {
            this.docs = docs;
            this.out = out;
            this.workers = workers;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                // One chunk more than workers: a worker that finishes finds the next chunk waiting.
                while (inFlight.size() <= threads) {
                    List<Document> batch = nextChunk();
                    if (batch.isEmpty()) {
                        break;
                    }
                    inFlight.add(workers.submit(() -> classify(batch)));
                }
                if (inFlight.isEmpty()) {
                    return false;
                }
                emit(await(inFlight.poll()));
            }
            return true;
        }

        @Override
        public Prediction next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        /** The next {@code chunk} accepted documents: cut by position, the same chunks at any thread count. */
        private List<Document> nextChunk() {
            List<Document> batch = new ArrayList<>(chunk);
            while (batch.size() < chunk && docs.hasNext()) {
                Document d = docs.next();
                if (accept(d)) {
                    batch.add(d);
                }
            }
            return batch;
        }

        private void emit(Classified c) {
            for (int i = 0; i < c.docs().size(); i++) {
                Prediction p = c.predictions().get(i);
                if (out != null) {
                    try {
                        out.write(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                ready.add(p.withText(c.docs().get(i).text()));
                evaluated++;
            }
        }
    }

    /** A classified chunk: its documents and their predictions, in input order. */
    private record Classified(List<Document> docs, List<Prediction> predictions) {
    }

    /** Worker side: one chunk through the network. Reads only immutable state. */
    private Classified classify(List<Document> batch) {
        // Similar lengths side by side: each network call pads to its longest document, so sorting the chunk
        // by length cuts the padding work; the results are put back in input order.
        Integer[] order = new Integer[batch.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> batch.get(i).text().length()));
        List<String> texts = new ArrayList<>(order.length);
        for (Integer i : order) {
            texts.add(batch.get(i).text());
        }
        float[][] sorted = model.probabilities(texts);
        Prediction[] predictions = new Prediction[batch.size()];
        for (int k = 0; k < order.length; k++) {
            predictions[order[k]] = prediction(batch.get(order[k]), sorted[k]);
        }
        return new Classified(batch, List.of(predictions));
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private boolean accept(Document d) {
        if (!d.isLabelled()) {
            throw new IllegalArgumentException("test document " + d.id() + " has no label; evaluation needs gold"
                    + " labels (classify unlabelled text with 'textclf classify')");
        }
        if (!multiLabel && d.labels().size() != 1) {
            throw new IllegalArgumentException("test document " + d.id() + " has " + d.labels().size()
                    + " labels " + d.labels() + " but the model is single-label");
        }
        for (String label : d.labels()) {
            if (!known.contains(label)) {
                if (policy == UnknownLabels.SKIP) {
                    skipped++;
                    return false;
                }
                throw new IllegalArgumentException("test document " + d.id() + " has gold label '" + label
                        + "' that the model was not trained on; the model knows " + model.labels()
                        + " (--unknown-labels skip leaves such documents out and counts them)");
            }
        }
        digest.update(String.join(",", d.labels()).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\t');
        digest.update(d.text().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        return true;
    }

    private Prediction prediction(Document d, float[] p) {
        List<String> labels = model.labels();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int l = 0; l < p.length; l++) {
            // Float.toString is the shortest decimal that reads back as this float: a readable file, no noise digits.
            scores.put(labels.get(l), Double.parseDouble(Float.toString(p[l])));
        }
        // The model's default decision: the arg-max (ties: the lower label index), or every label >= 0.5.
        List<String> predicted = model.decision().apply(labels, p);
        return multiLabel ? Prediction.multi(d.id(), d.labels(), predicted, scores)
                : Prediction.single(d.id(), d.label(), predicted.get(0), scores);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The HTML report's context from a bundle: where the model and the test data came from, the bundle's own
     * provenance, its configuration, and its training curves.
     */
    static ReportContext context(ModelBundle bundle, String modelName, String testSource, Outcome outcome,
                                 String title) {
        return context(List.of(bundle), List.of(modelName), new double[] {1.0}, testSource, outcome, title);
    }

    /**
     * The same for an ensemble: every bundle's provenance, configuration and curves, prefixed "model i" when
     * there are several, and the weights.
     */
    static ReportContext context(List<ModelBundle> bundles, List<String> modelNames, double[] weights,
                                 String testSource, Outcome outcome, String title) {
        boolean one = bundles.size() == 1;
        ModelBundle first = bundles.get(0);
        String defaultTitle = one
                ? first.network().config().architecture() + " model " + modelNames.get(0) + " on " + testSource
                : "ensemble of " + bundles.size() + " models on " + testSource;
        ReportContext.Builder b = ReportContext.builder().title(title != null ? title : defaultTitle);
        if (one) {
            b.provenance("model", modelNames.get(0))
                    .provenance("architecture", first.network().config().architecture().id());
        } else {
            b.provenance("models", String.join(", ", modelNames));
        }
        b.provenance("test data", testSource)
                .provenance("test documents", Long.toString(outcome.evaluated()))
                .provenance("test sha256", outcome.sha256());
        if (outcome.skipped() > 0) {
            b.provenance("test documents skipped (gold label unknown to the model)", Long.toString(outcome.skipped()));
        }
        String labels = String.join(", ", first.labels());
        if (!one) {
            b.provenance("labels", labels);
        }
        double totalWeight = Arrays.stream(weights).sum();
        ObjectNode config = JSON.createObjectNode();
        ArrayNode members = JSON.createArrayNode();
        for (int m = 0; m < bundles.size(); m++) {
            ModelBundle bundle = bundles.get(m);
            String prefix = one ? "" : "model " + (m + 1) + " ";
            if (!one) {
                b.provenance(prefix.trim(), modelNames.get(m) + " (" + bundle.network().config().architecture().id()
                        + ", weight " + f4(weights[m] / totalWeight) + ")");
            }
            b.provenance(prefix + "vocabulary", bundle.vocabulary().size() + " entries, sha256 "
                    + bundle.vocabulary().checksum());
            if (one) {
                b.provenance("labels", labels);
            }
            new TreeMap<>(bundle.provenance()).forEach((k, v) -> b.provenance(prefix + "model " + k, v));
            members.add(memberConfig(bundle));
            List<EpochStats> curves = bundle.curves();
            curve(b, prefix + "train loss", curves, EpochStats::trainLoss);
            curve(b, prefix + "valid loss", curves, EpochStats::validLoss);
            curve(b, prefix + "valid macro-F1", curves, EpochStats::validMacroF1);
            curve(b, prefix + "valid accuracy", curves, EpochStats::validAccuracy);
            curve(b, prefix + "learning rate", curves, EpochStats::learningRate);
        }
        try {
            if (one) {
                b.config(JSON.writeValueAsString(members.get(0)));
            } else {
                ArrayNode w = config.putArray("weights");
                for (double x : weights) {
                    w.add(x);
                }
                config.set("models", members);
                b.config(JSON.writeValueAsString(config));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build();
    }

    /** A bundle's network, trainer, pipeline and encoder settings as one JSON object. */
    private static ObjectNode memberConfig(ModelBundle bundle) {
        try {
            ObjectNode config = JSON.createObjectNode();
            config.set("network", JSON.valueToTree(bundle.network().config()));
            if (bundle.trainer() != null) {
                config.set("trainer", JSON.valueToTree(bundle.trainer()));
            }
            config.set("pipeline", JSON.readTree(bundle.pipeline().toJson()));
            config.set("encoder", JSON.valueToTree(bundle.encoder()));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void curve(ReportContext.Builder b, String name, List<EpochStats> curves,
                              java.util.function.ToDoubleFunction<EpochStats> value) {
        List<ReportContext.CurvePoint> points = new ArrayList<>();
        for (EpochStats e : curves) {
            double v = value.applyAsDouble(e);
            if (Double.isFinite(v)) {
                points.add(new ReportContext.CurvePoint(e.epoch(), v));
            }
        }
        if (!points.isEmpty()) {
            b.trainingCurve(name, points);
        }
    }

    /** "0.8889" */
    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
