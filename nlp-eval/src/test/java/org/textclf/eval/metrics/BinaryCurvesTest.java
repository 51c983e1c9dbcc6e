package org.textclf.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryCurvesTest {

    private static final double EPS = 1e-15;

    private static BinaryCurves curves(int[] y, double[] s) {
        ScoreHistogram h = new ScoreHistogram();
        for (int i = 0; i < y.length; i++) {
            h.add(s[i], y[i] == 1);
        }
        return h.curves();
    }

    @Test
    void tiesAreHandledAsScikitLearn() {
        // scikit-learn 1.2.1: roc_auc 0.5, AP 0.5; roc thresholds [1.9, .9, .5, .2]; pr thresholds [.2, .5, .9]
        BinaryCurves c = curves(new int[] {0, 1, 0, 1, 1, 0}, new double[] {0.5, 0.5, 0.2, 0.9, 0.2, 0.9});
        assertEquals(0.5, c.rocAuc(), EPS);
        assertEquals(0.5, c.averagePrecision(), EPS);
        BinaryCurves.Curve roc = c.rocCurve(false);
        assertArrayEquals(new double[] {1.9, 0.9, 0.5, 0.2}, roc.thresholds(), EPS);
        assertArrayEquals(new double[] {0, 1.0 / 3, 2.0 / 3, 1}, roc.x(), EPS);
        assertArrayEquals(new double[] {0, 1.0 / 3, 2.0 / 3, 1}, roc.y(), EPS);
        BinaryCurves.Curve dropped = c.rocCurve(true);
        assertArrayEquals(new double[] {1.9, 0.9, 0.2}, dropped.thresholds(), EPS);
        BinaryCurves.Curve pr = c.prCurve();
        assertArrayEquals(new double[] {0.2, 0.5, 0.9}, pr.thresholds(), EPS);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 1}, pr.y(), EPS);
        assertArrayEquals(new double[] {1, 2.0 / 3, 1.0 / 3, 0}, pr.x(), EPS);
    }

    @Test
    void documentationExampleOfScikitLearn() {
        BinaryCurves c = curves(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8});
        assertEquals(0.75, c.rocAuc(), EPS);
        assertEquals(0.8333333333333333, c.averagePrecision(), EPS);
        assertArrayEquals(new double[] {1.8, 0.8, 0.4, 0.35, 0.1}, c.rocCurve(false).thresholds(), EPS);
        assertArrayEquals(new double[] {0.5, 2.0 / 3, 0.5, 1, 1}, c.prCurve().y(), EPS);
    }

    @Test
    void degenerateInputs() {
        BinaryCurves noPositives = curves(new int[] {0, 0}, new double[] {0.3, 0.6});
        assertTrue(Double.isNaN(noPositives.rocAuc()));
        assertEquals(0.0, noPositives.averagePrecision());
        assertTrue(noPositives.maxF1Threshold().isEmpty());
        BinaryCurves noNegatives = curves(new int[] {1, 1}, new double[] {0.3, 0.6});
        assertTrue(Double.isNaN(noNegatives.rocAuc()));
        assertEquals(1.0, noNegatives.averagePrecision());
        BinaryCurves empty = new ScoreHistogram().curves();
        assertTrue(Double.isNaN(empty.rocAuc()));
        assertEquals(0.0, empty.averagePrecision());
        assertThrows(IllegalArgumentException.class, () -> new ScoreHistogram().add(Double.NaN, true));
    }

    @Test
    void negativeZeroAndZeroAreOneScore() {
        BinaryCurves c = curves(new int[] {0, 1}, new double[] {-0.0, 0.0});
        assertEquals(0.5, c.rocAuc(), EPS);
    }

    @Test
    void thresholdSelection() throws Exception {
        // descending: .9(1) .8(1) .7(0) .6(1) .5(0) .4(0) .3(1) .2(0)  -> 4 positives
        int[] y = {1, 1, 0, 1, 0, 0, 1, 0};
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2};
        BinaryCurves c = curves(y, s);
        ThresholdChoice best = c.maxF1Threshold().orElseThrow();
        // at .6: P = 3/4, R = 3/4, F1 = .75; at .3: P = 4/7, R = 1, F1 = 8/11 = .727
        assertEquals(0.6, best.threshold());
        assertEquals(0.75, best.f1(), EPS);
        assertEquals(ThresholdChoice.Criterion.MAX_F1, best.criterion());
        // stored in model bundles as plain JSON
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String text = json.writeValueAsString(best);
        assertEquals("{\"criterion\":\"MAX_F1\",\"target\":null,\"threshold\":0.6,\"precision\":0.75,"
                + "\"recall\":0.75,\"f1\":0.75}", text);
        assertEquals(best, json.readValue(text, ThresholdChoice.class));
        ThresholdChoice precise = c.thresholdForPrecision(0.75).orElseThrow();
        assertEquals(0.6, precise.threshold());
        assertEquals(0.75, precise.recall(), EPS);
        assertEquals(0.8, c.thresholdForPrecision(1.0).orElseThrow().threshold());
        ThresholdChoice recall = c.thresholdForRecall(1.0).orElseThrow();
        assertEquals(0.3, recall.threshold());
        assertEquals(4.0 / 7, recall.precision(), EPS);
        assertEquals(0.8, c.thresholdForRecall(0.5).orElseThrow().threshold());
        assertThrows(IllegalArgumentException.class, () -> c.thresholdForRecall(0));
        // operating points: score >= 0.65 selects .9 .8 .7 -> 2 of 3 right, 2 of 4 positives
        ThresholdChoice at = c.operatingPoint(0.65);
        assertEquals(2.0 / 3, at.precision(), EPS);
        assertEquals(0.5, at.recall(), EPS);
        assertEquals(new ThresholdChoice(ThresholdChoice.Criterion.FIXED, null, 0.6, 0.75, 0.75, 0.75),
                c.operatingPoint(0.6));
        assertEquals(0.0, c.operatingPoint(0.95).recall());
        assertEquals(0.0, c.operatingPoint(0.95).precision());
        assertEquals(0.5, c.operatingPoint(-1).precision(), EPS);
        assertTrue(best.isPositive(0.6));
        assertFalse(best.isPositive(0.5999));
        BinaryCurves bad = curves(new int[] {0, 1}, new double[] {0.9, 0.1});
        assertTrue(bad.thresholdForPrecision(0.9).isEmpty());
    }

    @Test
    void coarsenedHistogramStaysWithinItsReportedErrorBound() {
        Random random = new Random(7);
        int n = 300_000;
        ScoreHistogram exact = new ScoreHistogram(1 << 20);
        ScoreHistogram bounded = new ScoreHistogram(ScoreHistogram.MIN_MAX_DISTINCT);
        for (int i = 0; i < n; i++) {
            boolean positive = random.nextDouble() < 0.3;
            // overlapping score distributions, a model-like mess of distinct values
            double score = 1 / (1 + Math.exp(-(random.nextGaussian() + (positive ? 1.2 : 0))));
            exact.add(score, positive);
            bounded.add(score, positive);
        }
        assertTrue(exact.isExact());
        assertFalse(bounded.isExact());
        assertTrue(bounded.distinctScores() <= ScoreHistogram.MIN_MAX_DISTINCT);
        BinaryCurves e = exact.curves();
        BinaryCurves b = bounded.curves();
        assertEquals(0.0, e.rocAucErrorBound());
        assertEquals(0.0, e.averagePrecisionErrorBound());
        double aucBound = b.rocAucErrorBound();
        double apBound = b.averagePrecisionErrorBound();
        assertTrue(Math.abs(b.rocAuc() - e.rocAuc()) <= aucBound,
                "AUC " + b.rocAuc() + " vs exact " + e.rocAuc() + " bound " + aucBound);
        assertTrue(Math.abs(b.averagePrecision() - e.averagePrecision()) <= apBound,
                "AP " + b.averagePrecision() + " vs exact " + e.averagePrecision() + " bound " + apBound);
        // The bound is useful, not vacuous: with 8192 entries (measured: AUC bound 2.2e-4, true error 5.5e-7;
        // AP bound 1.8e-3, true error 2.7e-4).
        assertTrue(aucBound < 5e-4, "AUC bound " + aucBound);
        assertTrue(apBound < 5e-3, "AP bound " + apBound);
        assertTrue(bounded.distinctScores() > ScoreHistogram.MIN_MAX_DISTINCT / 4, bounded.toString());
        assertEquals(e.positives(), b.positives());
        assertEquals(e.negatives(), b.negatives());
    }

    @Test
    void mergingCoarsenedHistogramsStaysWithinTheBound() {
        Random random = new Random(11);
        ScoreHistogram exact = new ScoreHistogram(1 << 20);
        ScoreHistogram left = new ScoreHistogram(ScoreHistogram.MIN_MAX_DISTINCT);
        ScoreHistogram right = new ScoreHistogram(ScoreHistogram.MIN_MAX_DISTINCT);
        for (int i = 0; i < 100_000; i++) {
            boolean positive = random.nextBoolean();
            double score = random.nextGaussian() + (positive ? 0.8 : 0); // negative scores too (logits)
            exact.add(score, positive);
            (i < 30_000 ? left : right).add(score, positive);
        }
        left.merge(right);
        assertTrue(left.distinctScores() <= ScoreHistogram.MIN_MAX_DISTINCT);
        BinaryCurves e = exact.curves();
        BinaryCurves m = left.curves();
        assertEquals(e.positives(), m.positives());
        assertTrue(Math.abs(m.rocAuc() - e.rocAuc()) <= m.rocAucErrorBound());
        assertTrue(Math.abs(m.averagePrecision() - e.averagePrecision()) <= m.averagePrecisionErrorBound());
        assertTrue(m.rocAucErrorBound() < 1e-3, "bound " + m.rocAucErrorBound());
    }

    @Test
    void mergeEqualsSequentialAccumulation() {
        Random random = new Random(3);
        ScoreHistogram all = new ScoreHistogram();
        ScoreHistogram left = new ScoreHistogram();
        ScoreHistogram right = new ScoreHistogram();
        for (int i = 0; i < 1000; i++) {
            double s = Math.round(random.nextDouble() * 50) / 50.0;
            boolean p = random.nextBoolean();
            all.add(s, p);
            (i % 2 == 0 ? left : right).add(s, p);
        }
        left.merge(right);
        assertEquals(all.curves().rocAuc(), left.curves().rocAuc(), 1e-15);
        assertEquals(all.curves().averagePrecision(), left.curves().averagePrecision(), 1e-15);
    }
}
