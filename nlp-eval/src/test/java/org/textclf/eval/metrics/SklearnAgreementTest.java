package org.textclf.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case in ../shared/eval-fixtures must agree with scikit-learn 1.2.1 within 1e-9: every expected value in
 * each file is checked, and a key this test does not know fails the test (so new fixture content cannot be
 * silently ignored).
 */
class SklearnAgreementTest {

    private static final double TOL = 1e-9;

    @TestFactory
    Stream<DynamicTest> singleLabelFixtures() {
        return SklearnFixtures.tests(SklearnAgreementTest::checkSingleLabel, "binary", "multiclass");
    }

    @TestFactory
    Stream<DynamicTest> multiLabelFixtures() {
        return SklearnFixtures.tests(SklearnAgreementTest::checkMultiLabel, "multilabel");
    }

    private static void checkMultiLabel(JsonNode f) {
        String name = f.get("name").asText();
        List<String> labels = SklearnFixtures.strings(f.get("labels"));
        List<List<String>> gold = new java.util.ArrayList<>();
        List<List<String>> pred = new java.util.ArrayList<>();
        f.get("y_true").forEach(a -> gold.add(SklearnFixtures.strings(a)));
        f.get("y_pred").forEach(a -> pred.add(SklearnFixtures.strings(a)));
        MultiLabelMetrics m = MultiLabelMetrics.of(labels, gold, pred);
        MultiLabelMetrics discovered = MultiLabelMetrics.of(null, gold, pred);
        assertEquals(labels, discovered.labels(), name);
        JsonNode e = f.get("expected");
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode v = e.get(key);
            switch (key) {
                case "subset_accuracy" -> near(v, m.subsetAccuracy(), name, key);
                case "per_class" -> {
                    assertEquals(labels.size(), v.size(), name);
                    for (String label : labels) {
                        checkAverage(v.get(label), m.classMetrics(label), name + " " + label);
                        checkAverage(v.get(label), discovered.classMetrics(label), name + " " + label);
                    }
                }
                case "macro_avg" -> checkAverage(v, m.macro(), name + " macro");
                case "micro_avg" -> checkAverage(v, m.micro(), name + " micro");
                case "weighted_avg" -> checkAverage(v, m.weighted(), name + " weighted");
                case "samples_avg" -> checkAverage(v, m.samples(), name + " samples");
                default -> throw new AssertionError(name + ": expected value '" + key + "' is not checked");
            }
        }
    }

    private static void checkSingleLabel(JsonNode f) {
        String name = f.get("name").asText();
        List<String> labels = SklearnFixtures.strings(f.get("labels"));
        List<String> gold = SklearnFixtures.strings(f.get("y_true"));
        List<String> pred = SklearnFixtures.strings(f.get("y_pred"));
        JsonNode scores = f.get("scores");
        String positive = f.has("positive_label") ? f.get("positive_label").asText() : null;
        SingleLabelMetrics.Accumulator acc = SingleLabelMetrics.accumulator(
                MetricsOptions.builder().labels(labels).positiveLabel(positive).build());
        for (int i = 0; i < gold.size(); i++) {
            Map<String, Double> s = null;
            if (scores != null) {
                s = new HashMap<>();
                for (int j = 0; j < labels.size(); j++) {
                    s.put(labels.get(j), scores.get(i).get(j).asDouble());
                }
            }
            acc.add(gold.get(i), pred.get(i), s);
        }
        SingleLabelMetrics m = acc.result();
        // The same data with discovered labels must give the same result (labels are sorted in the fixtures).
        assertEquals(m, SingleLabelMetrics.of(null, gold, pred), name);

        JsonNode e = f.get("expected");
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode v = e.get(key);
            switch (key) {
                case "accuracy" -> near(v, m.accuracy(), name, key);
                case "mcc" -> near(v, m.mcc(), name, key);
                case "cohen_kappa" -> near(v, m.cohenKappa(), name, key);
                case "roc_auc" -> near(v, m.rocAuc(), name, key);
                case "average_precision" -> near(v, m.averagePrecision(), name, key);
                case "roc_auc_ovr_macro" -> near(v, m.rocAucOvrMacro(), name, key);
                case "confusion_matrix" -> {
                    long[][] cm = m.confusionMatrix();
                    assertEquals(v.size(), cm.length, name);
                    for (int i = 0; i < cm.length; i++) {
                        for (int j = 0; j < cm.length; j++) {
                            assertEquals(v.get(i).get(j).asLong(), cm[i][j], name + " cm[" + i + "][" + j + "]");
                        }
                    }
                }
                case "per_class" -> {
                    assertEquals(labels.size(), v.size(), name);
                    for (String label : labels) {
                        checkAverage(v.get(label), m.classMetrics(label), name + " " + label);
                    }
                }
                case "macro_avg" -> checkAverage(v, m.macro(), name + " macro");
                case "micro_avg" -> checkAverage(v, m.micro(), name + " micro");
                case "weighted_avg" -> checkAverage(v, m.weighted(), name + " weighted");
                case "roc_curve" -> {
                    BinaryCurves.Curve roc = m.curves(positive).orElseThrow().rocCurve(false);
                    curve(v.get("fpr"), roc.x(), name + " fpr");
                    curve(v.get("tpr"), roc.y(), name + " tpr");
                    curve(v.get("thresholds"), roc.thresholds(), name + " roc thresholds");
                    assertEquals(3, v.size(), name + " roc_curve keys");
                }
                case "pr_curve" -> {
                    BinaryCurves.Curve pr = m.curves(positive).orElseThrow().prCurve();
                    curve(v.get("precision"), pr.y(), name + " precision");
                    curve(v.get("recall"), pr.x(), name + " recall");
                    curve(v.get("thresholds"), pr.thresholds(), name + " pr thresholds");
                    assertEquals(3, v.size(), name + " pr_curve keys");
                }
                default -> throw new AssertionError(name + ": expected value '" + key + "' is not checked");
            }
        }
        if (positive != null) {
            assertEquals(positive, m.positiveLabel().orElseThrow(), name);
            assertTrue(m.curves(positive).orElseThrow().isExact(), name);
        }
    }

    static void checkAverage(JsonNode expected, ClassMetrics actual, String what) {
        near(expected.get("precision"), actual.precision(), what, "precision");
        near(expected.get("recall"), actual.recall(), what, "recall");
        near(expected.get("f1-score"), actual.f1(), what, "f1-score");
        if (expected.has("support")) {
            assertEquals(expected.get("support").asLong(), actual.support(), what + " support");
        }
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            assertTrue(List.of("precision", "recall", "f1-score", "support").contains(key), what + ": unchecked " + key);
        }
    }

    static void near(JsonNode expected, double actual, String name, String key) {
        assertTrue(expected != null && expected.isNumber(), name + ": " + key + " missing or not a number");
        assertEquals(expected.asDouble(), actual, TOL, name + ": " + key);
    }

    private static void curve(JsonNode expected, double[] actual, String what) {
        assertEquals(expected.size(), actual.length, what + " length");
        double[] e = SklearnFixtures.doubles(expected);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], actual[i], TOL, what + "[" + i + "]");
        }
        assertArrayEquals(e, actual, TOL, what);
    }
}
