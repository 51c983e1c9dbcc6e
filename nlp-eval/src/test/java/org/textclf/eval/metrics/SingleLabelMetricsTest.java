package org.textclf.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exact values on tiny literal inputs (worked out by hand, and confirmed with scikit-learn 1.2.1). */
class SingleLabelMetricsTest {

    private static final double EPS = 1e-15;

    private static List<String> chars(String s) {
        List<String> out = new ArrayList<>();
        for (char c : s.toCharArray()) {
            out.add(String.valueOf(c));
        }
        return out;
    }

    @Test
    void emptyInputGivesZerosAndUndefinedKappa() {
        SingleLabelMetrics m = SingleLabelMetrics.accumulator(List.of("a", "b")).result();
        assertEquals(0, m.n());
        assertEquals(0.0, m.accuracy());
        assertEquals(new ClassMetrics(0, 0, 0, 0), m.classMetrics("a"));
        assertEquals(new ClassMetrics(0, 0, 0, 0), m.macro());
        assertEquals(new ClassMetrics(0, 0, 0, 0), m.weighted());
        assertEquals(0.0, m.mcc());
        assertTrue(Double.isNaN(m.cohenKappa()));
        assertArrayEquals(new long[][] {{0, 0}, {0, 0}}, m.confusionMatrix());
        assertFalse(m.hasScores());
        assertTrue(Double.isNaN(m.rocAuc()));
    }

    @Test
    void emptyInputWithoutLabelList() {
        SingleLabelMetrics m = SingleLabelMetrics.accumulator().result();
        assertEquals(List.of(), m.labels());
        assertEquals(0.0, m.accuracy());
        assertEquals(0.0, m.macroF1());
    }

    @Test
    void classNeverPredicted() {
        // c occurs once in gold and is never predicted: P = 0/0 -> 0, R = 0/1, F1 = 0
        SingleLabelMetrics m = SingleLabelMetrics.of(null, chars("aabbc"), chars("abbaa"));
        assertEquals(List.of("a", "b", "c"), m.labels());
        assertArrayEquals(new long[][] {{1, 1, 0}, {1, 1, 0}, {1, 0, 0}}, m.confusionMatrix());
        assertEquals(0.4, m.accuracy(), EPS);
        assertEquals(1.0 / 3, m.precision("a"), EPS);
        assertEquals(0.5, m.recall("a"), EPS);
        assertEquals(0.4, m.f1("a"), EPS);
        assertEquals(new ClassMetrics(0, 0, 0, 1), m.classMetrics("c"));
        assertEquals(5.0 / 18, m.macroPrecision(), EPS);
        assertEquals(1.0 / 3, m.macroRecall(), EPS);
        assertEquals(0.3, m.macroF1(), EPS);
        assertEquals(1.0 / 3, m.weightedPrecision(), EPS);
        assertEquals(0.4, m.weightedRecall(), EPS);
        assertEquals(0.36, m.weightedF1(), EPS);
        assertEquals(0.4, m.microF1(), EPS);
        assertEquals(0.0, m.mcc(), EPS);
        assertEquals(0.0, m.cohenKappa(), 1e-15);
        assertEquals(5, m.macro().support());
    }

    @Test
    void classAbsentFromGold() {
        SingleLabelMetrics m = SingleLabelMetrics.of(List.of("a", "b", "c"), chars("aab"), chars("acb"));
        assertEquals(new ClassMetrics(0, 0, 0, 0), m.classMetrics("c"));
        assertEquals(2.0 / 3, m.f1("a"), EPS);
        assertEquals(2.0 / 3, m.accuracy(), EPS);
        assertEquals(2.0 / 3, m.macroPrecision(), EPS);
        assertEquals(0.5, m.macroRecall(), EPS);
        assertEquals(5.0 / 9, m.macroF1(), EPS);
        assertEquals(1.0, m.weightedPrecision(), EPS);
        assertEquals(7.0 / 9, m.weightedF1(), EPS);
        assertEquals(3 / Math.sqrt(24), m.mcc(), EPS);
        assertEquals(0.5, m.cohenKappa(), EPS);
    }

    @Test
    void listedLabelThatNeverOccursStillCountsInMacro() {
        SingleLabelMetrics m = SingleLabelMetrics.of(List.of("a", "b", "z"), chars("ab"), chars("ab"));
        assertEquals(1.0, m.accuracy());
        assertEquals(2.0 / 3, m.macroF1(), EPS);
        assertEquals(1.0, m.weightedF1(), EPS);
    }

    @Test
    void allCorrect() {
        SingleLabelMetrics m = SingleLabelMetrics.of(null, chars("abbc"), chars("abbc"));
        assertEquals(1.0, m.accuracy());
        assertEquals(1.0, m.macroF1());
        assertEquals(1.0, m.weightedF1());
        assertEquals(1.0, m.mcc(), EPS);
        assertEquals(1.0, m.cohenKappa(), EPS);
        assertEquals(2, m.support("b"));
    }

    @Test
    void allWrong() {
        SingleLabelMetrics m = SingleLabelMetrics.of(null, chars("abab"), chars("baba"));
        assertEquals(0.0, m.accuracy());
        assertEquals(0.0, m.macroF1());
        assertEquals(-1.0, m.mcc(), EPS);
        assertEquals(-1.0, m.cohenKappa(), EPS);
        assertArrayEquals(new long[][] {{0, 2}, {2, 0}}, m.confusionMatrix());
    }

    @Test
    void singleLabelAlwaysRightHasUndefinedKappaAndZeroMcc() {
        SingleLabelMetrics m = SingleLabelMetrics.of(null, chars("aa"), chars("aa"));
        assertEquals(1.0, m.accuracy());
        assertEquals(0.0, m.mcc());
        assertTrue(Double.isNaN(m.cohenKappa()));
    }

    @Test
    void labelsSortedByCodePointNotUtf16() {
        String emoji = new String(Character.toChars(0x1F600)); // U+1F600 sorts after U+FF21 by code point
        String fullwidthA = "\uFF21";
        SingleLabelMetrics m = SingleLabelMetrics.of(null, List.of(emoji, fullwidthA), List.of(emoji, fullwidthA));
        assertEquals(List.of(fullwidthA, emoji), m.labels());
        assertEquals(emoji, m.positiveLabel().orElseThrow());
    }

    @Test
    void givenLabelOrderIsKeptAndPositiveIsLastUnlessNamed() {
        SingleLabelMetrics m = SingleLabelMetrics.of(List.of("pos", "neg"), List.of("pos"), List.of("neg"));
        assertEquals(List.of("pos", "neg"), m.labels());
        assertEquals("neg", m.positiveLabel().orElseThrow());
        SingleLabelMetrics named = SingleLabelMetrics.accumulator(
                MetricsOptions.builder().labels(List.of("pos", "neg")).positiveLabel("pos").build()).result();
        assertEquals("pos", named.positiveLabel().orElseThrow());
    }

    @Test
    void rankingMetricsWithScores() {
        SingleLabelMetrics.Accumulator acc = SingleLabelMetrics.accumulator();
        double[] s = {0.1, 0.4, 0.35, 0.8};
        String[] gold = {"n", "n", "p", "p"};
        for (int i = 0; i < s.length; i++) {
            acc.add(gold[i], s[i] >= 0.5 ? "p" : "n", Map.of("p", s[i], "n", 1 - s[i]));
        }
        SingleLabelMetrics m = acc.result();
        assertEquals("p", m.positiveLabel().orElseThrow());
        assertEquals(0.75, m.rocAuc(), EPS);
        assertEquals(0.8333333333333333, m.averagePrecision(), EPS);
        assertEquals(0.75, m.rocAucOvrMacro(), EPS); // both one-vs-rest AUCs are the binary AUC
        assertEquals(0.75, m.accuracy(), EPS);
    }

    @Test
    void unknownLabelIsRejectedWithTheLabelList() {
        SingleLabelMetrics.Accumulator acc = SingleLabelMetrics.accumulator(List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> acc.add("a", "c"));
        assertEquals("unknown predicted label 'c'; the label list is [a, b]", e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> acc.add("a", "a", Map.of("a", 0.5, "x", 0.5)));
        assertEquals("unknown score label 'x'; the label list is [a, b]", s.getMessage());
        assertEquals(0, acc.count());
    }

    @Test
    void mixingScoredAndUnscoredDocumentsIsAnError() {
        SingleLabelMetrics.Accumulator acc = SingleLabelMetrics.accumulator();
        acc.add("a", "a", Map.of("a", 0.9, "b", 0.1));
        assertThrows(IllegalArgumentException.class, () -> acc.add("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> acc.add("a", "b", Map.of("a", 0.9)));
        assertThrows(IllegalArgumentException.class, () -> acc.add("a", "b", Map.of("a", Double.NaN, "b", 0.1)));
        assertEquals(1, acc.count());
    }

    @Test
    void positiveLabelNeedsABinaryTask() {
        SingleLabelMetrics.Accumulator acc = SingleLabelMetrics.accumulator(
                MetricsOptions.builder().positiveLabel("a").build());
        acc.add("a", "b").add("c", "c");
        assertThrows(IllegalArgumentException.class, acc::result);
        assertThrows(IllegalArgumentException.class,
                () -> MetricsOptions.builder().labels(List.of("a", "b")).positiveLabel("z").build());
        assertThrows(IllegalArgumentException.class, () -> SingleLabelMetrics.accumulator(List.of("a", "a")));
    }

    @Test
    void seededRandomStreamingAgreesWithConfusionMatrixAndInvariantsHold() {
        Random random = new Random(42);
        List<String> labels = List.of("x", "y", "z", "w");
        for (int round = 0; round < 50; round++) {
            SingleLabelMetrics.Accumulator acc = SingleLabelMetrics.accumulator();
            long[][] cm = new long[4][4];
            List<String> sorted = LabelOrder.sorted(labels);
            int n = random.nextInt(200);
            for (int i = 0; i < n; i++) {
                int g = random.nextInt(4);
                int p = random.nextDouble() < 0.6 ? g : random.nextInt(4);
                acc.add(labels.get(g), labels.get(p));
                cm[sorted.indexOf(labels.get(g))][sorted.indexOf(labels.get(p))]++;
            }
            SingleLabelMetrics m = acc.result();
            SingleLabelMetrics fixed = SingleLabelMetrics.fromConfusionMatrix(sorted, cm);
            assertEquals(fixed.accuracy(), m.accuracy());
            assertEquals(fixed.microF1(), m.microF1());
            for (String label : m.labels()) {
                assertEquals(fixed.classMetrics(label), m.classMetrics(label));
            }
            if (m.labels().size() == 4) {
                assertEquals(fixed, m);
                assertEquals(fixed.macroF1(), m.macroF1());
                assertEquals(fixed.mcc(), m.mcc());
            }
            assertEquals(m.accuracy(), m.microF1(), 1e-12);
            assertEquals(n, m.n());
            assertTrue(m.mcc() >= -1 - 1e-12 && m.mcc() <= 1 + 1e-12);
        }
    }
}
