package org.textclf.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
