package org.textclf.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.textclf.eval.Evaluation;
import org.textclf.eval.metrics.BinaryCurves;
import org.textclf.eval.metrics.BootstrapResult;
import org.textclf.eval.metrics.ClassMetrics;
import org.textclf.eval.metrics.Interval;
import org.textclf.eval.metrics.MultiLabelMetrics;
import org.textclf.eval.metrics.PairedComparison;
import org.textclf.eval.metrics.SingleLabelMetrics;

/**
 * JSON rendering with the keys of issue 4:
 * <pre>
 * single-label: n, labels, accuracy, per_class {label: {precision, recall, f1, support}}, macro, micro, weighted
 *               ({precision, recall, f1, support}), confusion_matrix, mcc, cohen_kappa;
 *               with scores: roc_auc, average_precision, positive_label (binary) or roc_auc_ovr_macro (multi-class)
 * multi-label:  n, labels, per_class, macro, micro, weighted, samples, subset_accuracy;
 *               with scores: roc_auc_macro, roc_auc_micro, average_precision_macro, average_precision_micro
 * </pre>
 * plus {@code bootstrap} and {@code comparison} objects only when they were requested, and
 * {@code ranking_error_bound} only when scores had to be binned (never for exact curves). Undefined values
 * (NaN, e.g. Cohen's kappa of a single always-right label or AUC without negatives) are written as
 * {@code null}, because JSON has no NaN.
 *
 * <p>Stateless; thread-safe.
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as a Jackson tree. */
    public static ObjectNode toTree(Evaluation e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("n", e.n());
        ArrayNode labels = root.putArray("labels");
        e.labels().forEach(labels::add);
        if (e.isMultiLabel()) {
            multiLabel(root, e.multiLabel().orElseThrow());
        } else {
            singleLabel(root, e.singleLabel().orElseThrow());
        }
        e.bootstrap().ifPresent(b -> bootstrap(root.putObject("bootstrap"), b));
        e.comparison().ifPresent(c -> comparison(root.putObject("comparison"), c, e));
        return root;
    }

    /** The report as indented JSON text. */
    public static String toJson(Evaluation e) {
        try {
            return JSON.writeValueAsString(toTree(e)) + "\n";
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes the report atomically. */
    public static void write(Evaluation e, Path file) throws IOException {
        AtomicFiles.writeAtomically(file, toJson(e));
    }

    private static void singleLabel(ObjectNode root, SingleLabelMetrics m) {
        number(root, "accuracy", m.accuracy());
        ObjectNode perClass = root.putObject("per_class");
        for (String label : m.labels()) {
            metrics(perClass.putObject(label), m.classMetrics(label));
        }
        metrics(root.putObject("macro"), m.macro());
        metrics(root.putObject("micro"), m.micro());
        metrics(root.putObject("weighted"), m.weighted());
        ArrayNode cm = root.putArray("confusion_matrix");
        for (long[] row : m.confusionMatrix()) {
            ArrayNode r = cm.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        number(root, "mcc", m.mcc());
        number(root, "cohen_kappa", m.cohenKappa());
        if (!m.hasScores()) {
            return;
        }
        if (m.positiveLabel().isPresent()) {
            String pos = m.positiveLabel().get();
            number(root, "roc_auc", m.rocAuc());
            number(root, "average_precision", m.averagePrecision());
            root.put("positive_label", pos);
            m.curves(pos).filter(c -> !c.isExact()).ifPresent(c -> errorBound(root, c));
        } else {
            number(root, "roc_auc_ovr_macro", m.rocAucOvrMacro());
            double worst = 0;
            boolean binned = false;
            for (String label : m.labels()) {
                BinaryCurves c = m.curves(label).orElse(null);
                if (c != null && !c.isExact()) {
                    binned = true;
                    worst = Math.max(worst, c.rocAucErrorBound());
                }
            }
            if (binned) {
                ObjectNode bound = root.putObject("ranking_error_bound");
                number(bound, "roc_auc_ovr_macro", worst);
            }
        }
    }

    private static void errorBound(ObjectNode root, BinaryCurves c) {
        ObjectNode bound = root.putObject("ranking_error_bound");
        number(bound, "roc_auc", c.rocAucErrorBound());
        number(bound, "average_precision", c.averagePrecisionErrorBound());
    }

    private static void multiLabel(ObjectNode root, MultiLabelMetrics m) {
        ObjectNode perClass = root.putObject("per_class");
        for (String label : m.labels()) {
            metrics(perClass.putObject(label), m.classMetrics(label));
        }
        metrics(root.putObject("macro"), m.macro());
        metrics(root.putObject("micro"), m.micro());
        metrics(root.putObject("weighted"), m.weighted());
        metrics(root.putObject("samples"), m.samples());
        number(root, "subset_accuracy", m.subsetAccuracy());
        if (m.hasScores()) {
            // issue 4 names no ranking keys for multi-label; these follow scikit-learn's average= names
            number(root, "roc_auc_macro", m.rocAucMacro());
            number(root, "roc_auc_micro", m.rocAucMicro());
            number(root, "average_precision_macro", m.averagePrecisionMacro());
            number(root, "average_precision_micro", m.averagePrecisionMicro());
        }
    }

    private static void bootstrap(ObjectNode node, BootstrapResult b) {
        node.put("replicates", b.replicates());
        node.put("seed", b.seed());
        number(node, "confidence", b.accuracy().confidence());
        interval(node.putObject("accuracy"), b.accuracy());
        interval(node.putObject("macro_f1"), b.macroF1());
    }

    private static void comparison(ObjectNode node, PairedComparison c, Evaluation e) {
        node.put("a", e.source());
        node.put("b", e.comparedSource().orElse(null));
        node.put("n", c.n());
        node.put("both_correct", c.bothCorrect());
        node.put("only_a_correct", c.onlyACorrect());
        node.put("only_b_correct", c.onlyBCorrect());
        node.put("both_wrong", c.bothWrong());
        number(node, "mcnemar_p_value", c.mcnemarPValue());
        number(node, "macro_f1_a", c.macroF1A());
        number(node, "macro_f1_b", c.macroF1B());
        interval(node.putObject("macro_f1_difference"), c.macroF1Difference());
        number(node, "bootstrap_p_value", c.bootstrapPValue());
        node.put("replicates", c.replicates());
        node.put("seed", c.seed());
    }

    private static void interval(ObjectNode node, Interval i) {
        number(node, "estimate", i.estimate());
        number(node, "lower", i.lower());
        number(node, "upper", i.upper());
    }

    private static void metrics(ObjectNode node, ClassMetrics c) {
        number(node, "precision", c.precision());
        number(node, "recall", c.recall());
        number(node, "f1", c.f1());
        node.put("support", c.support());
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }
}
