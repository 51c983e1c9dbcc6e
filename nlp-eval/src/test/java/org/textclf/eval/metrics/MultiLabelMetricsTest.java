package org.textclf.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultiLabelMetricsTest {

    private static final double EPS = 1e-15;

    @Test
    void handComputedCaseWithEmptySetsOnBothSides() {
        MultiLabelMetrics m = MultiLabelMetrics.of(List.of("a", "b", "c"),
                List.of(List.of("a", "b"), List.of("a"), List.of(), List.of("c")),
                List.of(List.of("a"), List.of("a", "c"), List.of(), List.of()));
        assertEquals(new ClassMetrics(1, 1, 1, 2), m.classMetrics("a"));
        assertEquals(new ClassMetrics(0, 0, 0, 1), m.classMetrics("b"));
        assertEquals(new ClassMetrics(0, 0, 0, 1), m.classMetrics("c"));
        assertEquals(2.0 / 3, m.micro().precision(), EPS);
        assertEquals(0.5, m.micro().recall(), EPS);
        assertEquals(4.0 / 7, m.microF1(), EPS);
        assertEquals(1.0 / 3, m.macroF1(), EPS);
        assertEquals(0.5, m.weighted().f1(), EPS);
        assertEquals(0.375, m.samples().precision(), EPS);
        assertEquals(0.375, m.samples().recall(), EPS);
        assertEquals(1.0 / 3, m.samples().f1(), EPS);
        assertEquals(0.25, m.subsetAccuracy(), EPS);
        assertEquals(0.25, m.hammingLoss(), EPS);
    }

    @Test
    void rankingMetricsAgreeWithScikitLearn() {
        // Y, S as in scikit-learn 1.2.1: roc_auc_score(Y, S, average=...) and average_precision_score(Y, S, ...)
        int[][] y = {{1, 0, 1}, {0, 1, 0}, {1, 1, 0}, {0, 0, 0}, {1, 0, 1}, {0, 1, 1}, {0, 0, 1}, {1, 0, 0}};
        double[][] s = {{.9, .2, .6}, {.3, .8, .1}, {.6, .4, .2}, {.2, .1, .3}, {.7, .3, .9}, {.1, .9, .5},
            {.4, .2, .7}, {.5, .5, .2}};
        List<String> labels = List.of("a", "b", "c");
        MultiLabelMetrics.Accumulator acc = MultiLabelMetrics.accumulator(labels);
        for (int i = 0; i < y.length; i++) {
            List<String> gold = new java.util.ArrayList<>();
            java.util.Map<String, Double> scores = new java.util.HashMap<>();
            for (int j = 0; j < 3; j++) {
                if (y[i][j] == 1) {
                    gold.add(labels.get(j));
                }
                scores.put(labels.get(j), s[i][j]);
            }
            acc.add(gold, List.of(), scores);
        }
        MultiLabelMetrics m = acc.result();
        assertEquals(0.9777777777777779, m.rocAucMacro(), 1e-12);
        assertEquals(0.9722222222222222, m.averagePrecisionMacro(), 1e-12);
        assertEquals(0.9825174825174825, m.rocAucMicro(), 1e-12);
        assertEquals(0.9694850603941513, m.averagePrecisionMicro(), 1e-12);
        assertEquals(0.9333333333333333, m.curves("b").orElseThrow().rocAuc(), 1e-12);
        assertEquals(0.9166666666666665, m.curves("b").orElseThrow().averagePrecision(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> acc.add(List.of("a"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> acc.add(List.of("a"), List.of(), java.util.Map.of("a", 0.1)));
        assertEquals(8, acc.count());
        assertTrue(Double.isNaN(MultiLabelMetrics.of(labels, List.of(List.of("a")), List.of(List.of())).rocAucMacro()));
    }

    @Test
    void emptyInput() {
        MultiLabelMetrics m = MultiLabelMetrics.accumulator(List.of("a")).result();
        assertEquals(0, m.n());
        assertEquals(0.0, m.subsetAccuracy());
        assertEquals(new ClassMetrics(0, 0, 0, 0), m.samples());
    }

    @Test
    void allCorrectAndAllWrong() {
        MultiLabelMetrics right = MultiLabelMetrics.of(null, List.of(List.of("x", "y"), List.of("y")),
                List.of(List.of("y", "x"), List.of("y", "y")));
        assertEquals(1.0, right.subsetAccuracy());
        assertEquals(1.0, right.microF1());
        assertEquals(1.0, right.samples().f1());
        assertEquals(List.of("x", "y"), right.labels());
        MultiLabelMetrics wrong = MultiLabelMetrics.of(null, List.of(List.of("x"), List.of("y")),
                List.of(List.of("y"), List.of()));
        assertEquals(0.0, wrong.subsetAccuracy());
        assertEquals(0.0, wrong.microF1());
        assertEquals(0.75, wrong.hammingLoss(), EPS);
    }

    @Test
    void unknownLabelIsRejectedBeforeCounting() {
        MultiLabelMetrics.Accumulator acc = MultiLabelMetrics.accumulator(List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> acc.add(List.of("a"), List.of("a", "q")));
        assertEquals("unknown predicted label 'q'; the label list is [a, b]", e.getMessage());
        assertEquals(0, acc.count());
        assertEquals(0, acc.result().support("a"));
    }
}
