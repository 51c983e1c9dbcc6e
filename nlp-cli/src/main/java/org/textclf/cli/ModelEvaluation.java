package org.textclf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
import org.textclf.corpora.Document;
import org.textclf.eval.Evaluation;
import org.textclf.eval.EvaluationOptions;
import org.textclf.eval.Evaluator;
import org.textclf.eval.predictions.Prediction;
import org.textclf.eval.predictions.PredictionWriter;
import org.textclf.eval.report.ReportContext;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.text.NeuralTextClassifier;
import org.textclf.models.train.EpochStats;

/**
 * A trained model run over a labelled corpus: documents are read, classified and counted chunk by chunk, so
 * memory does not grow with the corpus (the metrics accumulate in {@link Evaluator}). Shared by {@code eval},
 * {@code train} (on the embedded corpus) and {@code demo}, so all three report the same numbers the same way.
 *
 * <p>One instance per run; not thread-safe.
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

    private final NeuralTextClassifier classifier;
    private final Set<String> known;
    private final boolean multiLabel;
    private final UnknownLabels policy;
    private final int chunk;
    private long skipped;
    private long evaluated;
    private final MessageDigest digest;

    ModelEvaluation(ModelBundle bundle, UnknownLabels policy, int chunk) {
        this(NeuralTextClassifier.of(bundle), bundle.network().config().multiLabel(), policy, chunk);
    }

    ModelEvaluation(NeuralTextClassifier classifier, boolean multiLabel, UnknownLabels policy, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, was " + chunk);
        }
        this.classifier = classifier;
        this.known = Set.copyOf(classifier.labels());
        this.multiLabel = multiLabel;
        this.policy = policy;
        this.chunk = chunk;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /**
     * Classifies {@code docs}, writes each prediction to {@code predictions} (when not null; not committed here)
     * and evaluates.
     *
     * @throws IllegalArgumentException naming the document when it has no label, several labels for a
     *                                  single-label model, or (policy ERROR) a label the model does not know
     */
    Outcome run(Iterator<Document> docs, String source, PredictionWriter predictions, EvaluationOptions options) {
        EvaluationOptions withLabels = EvaluationOptions.builder().labels(classifier.labels())
                .positiveLabel(options.positiveLabel()).bootstrap(options.bootstrapReplicates()).seed(options.seed())
                .confidence(options.confidence()).mistakesToKeep(options.mistakesToKeep())
                .maxDistinctScores(options.maxDistinctScores()).build();
        Evaluation e = Evaluator.evaluate(new Predictions(docs, predictions), source, withLabels);
        return new Outcome(e, evaluated, skipped, HexFormat.of().formatHex(digest.digest()));
    }

    /** Lazily classifies the next chunk of documents whenever the previous one is used up. */
    private final class Predictions implements Iterator<Prediction> {
        private final Iterator<Document> docs;
        private final PredictionWriter out;
        private final ArrayDeque<Prediction> ready = new ArrayDeque<>();

        Predictions(Iterator<Document> docs, PredictionWriter out) {
            this.docs = docs;
            this.out = out;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && docs.hasNext()) {
                fill();
            }
            return !ready.isEmpty();
        }

        @Override
        public Prediction next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void fill() {
            List<Document> batch = new ArrayList<>(chunk);
            while (batch.size() < chunk && docs.hasNext()) {
                Document d = docs.next();
                if (accept(d)) {
                    batch.add(d);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            // Similar lengths side by side: each network call pads to its longest document, so sorting the chunk
            // by length cuts the padding work; the results are put back in input order.
            Integer[] order = new Integer[batch.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparingInt(i -> batch.get(i).text().length()));
            List<String> texts = new ArrayList<>(order.length);
            for (Integer i : order) {
                texts.add(batch.get(i).text());
            }
            float[][] sorted = classifier.probabilities(texts);
            float[][] probs = new float[batch.size()][];
            for (int k = 0; k < order.length; k++) {
                probs[order[k]] = sorted[k];
            }
            for (int i = 0; i < batch.size(); i++) {
                Prediction p = prediction(batch.get(i), probs[i]);
                if (out != null) {
                    try {
                        out.write(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                ready.add(p.withText(batch.get(i).text()));
                evaluated++;
            }
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
                        + "' that the model was not trained on; the model knows " + classifier.labels()
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
        List<String> labels = classifier.labels();
        Map<String, Double> scores = new LinkedHashMap<>();
        int best = 0;
        for (int l = 0; l < p.length; l++) {
            // Float.toString is the shortest decimal that reads back as this float: a readable file, no noise digits.
            scores.put(labels.get(l), Double.parseDouble(Float.toString(p[l])));
            if (p[l] > p[best]) {
                best = l;
            }
        }
        if (!multiLabel) {
            return Prediction.single(d.id(), d.label(), labels.get(best), scores);
        }
        List<String> predicted = new ArrayList<>();
        for (int l = 0; l < p.length; l++) {
            if (p[l] >= 0.5f) {
                predicted.add(labels.get(l));
            }
        }
        return Prediction.multi(d.id(), d.labels(), predicted, scores);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The HTML report's context from a bundle: where the model and the test data came from, the bundle's own
     * provenance, its configuration, and its training curves.
     */
    static ReportContext context(ModelBundle bundle, String modelName, String testSource, Outcome outcome,
                                 String title) {
        ReportContext.Builder b = ReportContext.builder()
                .title(title != null ? title : bundle.network().config().architecture() + " model " + modelName
                        + " on " + testSource)
                .provenance("model", modelName)
                .provenance("architecture", bundle.network().config().architecture().id())
                .provenance("test data", testSource)
                .provenance("test documents", Long.toString(outcome.evaluated()))
                .provenance("test sha256", outcome.sha256());
        if (outcome.skipped() > 0) {
            b.provenance("test documents skipped (gold label unknown to the model)", Long.toString(outcome.skipped()));
        }
        b.provenance("vocabulary", bundle.vocabulary().size() + " entries, sha256 " + bundle.vocabulary().checksum());
        b.provenance("labels", String.join(", ", bundle.labels()));
        new TreeMap<>(bundle.provenance()).forEach((k, v) -> b.provenance("model " + k, v));
        try {
            ObjectNode config = JSON.createObjectNode();
            config.set("network", JSON.valueToTree(bundle.network().config()));
            if (bundle.trainer() != null) {
                config.set("trainer", JSON.valueToTree(bundle.trainer()));
            }
            config.set("pipeline", JSON.readTree(bundle.pipeline().toJson()));
            config.set("encoder", JSON.valueToTree(bundle.encoder()));
            b.config(JSON.writeValueAsString(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<EpochStats> curves = bundle.curves();
        if (!curves.isEmpty()) {
            curve(b, "train loss", curves, EpochStats::trainLoss);
            curve(b, "valid loss", curves, EpochStats::validLoss);
            curve(b, "valid macro-F1", curves, EpochStats::validMacroF1);
            curve(b, "valid accuracy", curves, EpochStats::validAccuracy);
            curve(b, "learning rate", curves, EpochStats::learningRate);
        }
        return b.build();
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
