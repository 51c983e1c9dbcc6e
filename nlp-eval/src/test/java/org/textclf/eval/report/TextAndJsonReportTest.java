package org.textclf.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.eval.Evaluation;
import org.textclf.eval.EvaluationOptions;
import org.textclf.eval.Evaluator;
import org.textclf.eval.metrics.MultiLabelMetrics;
import org.textclf.eval.metrics.ScoreHistogram;
import org.textclf.eval.metrics.SingleLabelMetrics;
import org.textclf.eval.predictions.Prediction;

class TextAndJsonReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** scikit-learn 1.2.1 classification_report(y_true, y_pred, digits=4, zero_division=0) of that fixture. */
    private static final String SKLEARN_REPORT = String.join("\n",
            "              precision    recall  f1-score   support",
            "",
            "     class_a     0.7200    0.6923    0.7059        26",
            "     class_b     0.0000    0.0000    0.0000        24",
            "     class_c     0.2750    0.7333    0.4000        15",
            "",
            "    accuracy                         0.4462        65",
            "   macro avg     0.3317    0.4752    0.3686        65",
            "weighted avg     0.3515    0.4462    0.3747        65",
            "");

    @Test
    void tableIsLaidOutExactlyLikeScikitLearnPlusAMicroRow() throws Exception {
        String shared = System.getProperty("textclf.shared.dir");
        Path fixture = shared == null ? null : Path.of(shared, "eval-fixtures", "multiclass_unpredicted_11_6.json");
        Assumptions.assumeTrue(fixture != null && Files.exists(fixture),
                "../shared/eval-fixtures/multiclass_unpredicted_11_6.json not found at " + fixture + ": skipping");
        JsonNode f = JSON.readTree(fixture.toFile());
        List<String> gold = new ArrayList<>();
        List<String> pred = new ArrayList<>();
        f.get("y_true").forEach(n -> gold.add(n.asText()));
        f.get("y_pred").forEach(n -> pred.add(n.asText()));
        String table = TextReport.classificationReport(SingleLabelMetrics.of(null, gold, pred));
        assertTrue(table.contains("   micro avg     0.4462    0.4462    0.4462        65\n"), table);
        assertEquals(SKLEARN_REPORT, table.replace("   micro avg     0.4462    0.4462    0.4462        65\n", ""));
    }

    @Test
    void undefinedValuesAreNullInJsonAndNanInText() throws Exception {
        Evaluation e = Evaluation.of("p", SingleLabelMetrics.of(null, List.of("a", "a"), List.of("a", "a")));
        JsonNode json = JSON.readTree(JsonReport.toJson(e));
        assertTrue(json.get("cohen_kappa").isNull());
        assertEquals(1.0, json.get("accuracy").asDouble());
        assertTrue(TextReport.toText(e).contains("Cohen's kappa                nan"));
    }

    @Test
    void multiLabelJsonAndText(@TempDir Path dir) throws Exception {
        MultiLabelMetrics m = MultiLabelMetrics.of(null, List.of(List.of("x"), List.of("x", "y")),
                List.of(List.of("x"), List.of("y")));
        Evaluation e = Evaluation.of("ml", m);
        Path file = dir.resolve("m.json");
        JsonReport.write(e, file);
        JsonNode json = JSON.readTree(file.toFile());
        assertEquals(0.5, json.get("subset_accuracy").asDouble());
        assertEquals(0.5, json.get("per_class").get("x").get("recall").asDouble(), 1e-15);
        assertEquals(0.75, json.get("samples").get("recall").asDouble(), 1e-15);
        String text = TextReport.toText(e);
        assertTrue(text.contains("samples avg     1.0000    0.7500    0.8333         3"), text);
        assertTrue(text.contains("subset accuracy              0.5000"), text);
    }

    @Test
    void multiLabelWithScoresAddsRankingKeysAndCurves() throws Exception {
        List<Prediction> ps = List.of(
                Prediction.multi("1", List.of("x"), List.of("x"), Map.of("x", 0.9, "y", 0.2)),
                Prediction.multi("2", List.of("y"), List.of(), Map.of("x", 0.4, "y", 0.3)),
                Prediction.multi("3", List.of("x", "y"), List.of("x"), Map.of("x", 0.8, "y", 0.6)),
                Prediction.multi("4", List.of(), List.of(), Map.of("x", 0.1, "y", 0.1)));
        Evaluation e = Evaluator.evaluate(ps.iterator(), "ml", EvaluationOptions.DEFAULTS);
        JsonNode json = JSON.readTree(JsonReport.toJson(e));
        // x: positives .9 .8 over negatives .4 .1 -> 1; y: positives .3 .6 vs negatives .2 .1 -> 1
        assertEquals(1.0, json.get("roc_auc_macro").asDouble());
        assertEquals(1.0, json.get("average_precision_macro").asDouble());
        // pooled: positives .9 .8 .3 .6 vs negatives .4 .1 .2 .1 -> 15 of 16 pairs
        assertEquals(15.0 / 16, json.get("roc_auc_micro").asDouble(), 1e-15);
        String html = HtmlReport.toHtml(e);
        assertTrue(html.contains("data-chart=\"roc\""));
        assertTrue(html.contains("ROC AUC (macro)"));
        assertTrue(TextReport.toText(e).contains("ROC AUC (macro)              1.0000 (micro 0.9375)"));
    }

    @Test
    void binnedScoresReportTheirErrorBound() throws Exception {
        Random random = new Random(1);
        List<Prediction> ps = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            boolean pos = random.nextBoolean();
            double s = 1 / (1 + Math.exp(-(random.nextGaussian() + (pos ? 1 : 0))));
            ps.add(Prediction.single(null, pos ? "pos" : "neg", s >= 0.5 ? "pos" : "neg", Map.of("pos", s, "neg", 1 - s)));
        }
        Evaluation exact = Evaluator.evaluate(ps.iterator(), "p", EvaluationOptions.DEFAULTS);
        assertFalse(JSON.readTree(JsonReport.toJson(exact)).has("ranking_error_bound"));
        Evaluation binned = Evaluator.evaluate(ps.iterator(), "p",
                EvaluationOptions.builder().maxDistinctScores(ScoreHistogram.MIN_MAX_DISTINCT).build());
        JsonNode json = JSON.readTree(JsonReport.toJson(binned));
        double bound = json.get("ranking_error_bound").get("roc_auc").asDouble();
        assertTrue(bound > 0 && bound < 1e-3, "bound " + bound);
        assertTrue(Math.abs(json.get("roc_auc").asDouble() - exact.singleLabel().orElseThrow().rocAuc()) <= bound);
        assertTrue(TextReport.toText(binned).contains("scores were binned to bound memory"));
    }
}
