package org.textclf.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignificanceTest {

    @Test
    void mcnemarExactAgreesWithScipyBinomtest() {
        assertEquals(0.21875, McNemar.exactPValue(1, 5), 1e-15);
        assertEquals(0.21875, McNemar.exactPValue(5, 1), 1e-15);
        assertEquals(0.03857421875, McNemar.exactPValue(10, 2), 1e-15);
        assertEquals(1.0, McNemar.exactPValue(3, 3));
        assertEquals(1.0, McNemar.exactPValue(0, 0));
        // scipy.stats.binomtest(k, n, 0.5).pvalue, scipy 1.10.1
        assertEquals(0.03706676743856045, McNemar.exactPValue(40, 62), 1e-12);
        assertEquals(0.06990955946026937, McNemar.exactPValue(500, 560), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> McNemar.exactPValue(-1, 2));
    }

    private static String[][] data(long seed, int n, double accA, double accB) {
        Random random = new Random(seed);
        List<String> labels = List.of("a", "b", "c");
        String[][] rows = new String[n][3];
        for (int i = 0; i < n; i++) {
            int g = random.nextInt(3);
            rows[i][0] = labels.get(g);
            rows[i][1] = random.nextDouble() < accA ? labels.get(g) : labels.get((g + 1 + random.nextInt(2)) % 3);
            rows[i][2] = random.nextDouble() < accB ? labels.get(g) : labels.get((g + 1 + random.nextInt(2)) % 3);
        }
        return rows;
    }

    @Test
    void bootstrapIsSeededAndBracketsTheEstimate() {
        String[][] rows = data(11, 2000, 0.8, 0.6);
        BootstrapResult first = bootstrap(rows, 500, 42);
        BootstrapResult again = bootstrap(rows, 500, 42);
        BootstrapResult other = bootstrap(rows, 500, 43);
        assertEquals(first, again);
        assertNotEquals(first, other);
        Interval acc = first.accuracy();
        assertTrue(acc.lower() < acc.estimate() && acc.estimate() < acc.upper(), acc.toString());
        // binomial standard error of 0.8 at n = 2000 is 0.0089: the 95% interval is about +-0.0175
        double halfWidth = (acc.upper() - acc.lower()) / 2;
        assertTrue(halfWidth > 0.012 && halfWidth < 0.024, "half width " + halfWidth);
        Interval f1 = first.macroF1();
        assertTrue(f1.lower() < f1.estimate() && f1.estimate() < f1.upper(), f1.toString());
        assertEquals(SingleLabelMetrics.of(null, column(rows, 0), column(rows, 1)).macroF1(), f1.estimate());
    }

    @Test
    void bootstrapOfPerfectPredictionsIsADegenerateInterval() {
        BootstrapAccumulator boot = new BootstrapAccumulator(200, 1, List.of("a", "b"));
        for (int i = 0; i < 50; i++) {
            boot.add(i % 2 == 0 ? "a" : "b", i % 2 == 0 ? "a" : "b");
        }
        BootstrapResult r = boot.result(0.95);
        assertEquals(new Interval(1, 1, 1, 0.95), r.accuracy());
        assertEquals(new Interval(1, 1, 1, 0.95), r.macroF1());
        assertThrows(IllegalArgumentException.class, () -> boot.result(1.0));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapAccumulator(0, 1, null));
    }

    @Test
    void pairedComparisonDetectsARealDifferenceAndNotAnImaginaryOne() {
        String[][] rows = data(5, 1500, 0.8, 0.7);
        PairedComparison better = paired(rows, 1, 2);
        assertEquals(1500, better.n());
        assertEquals(1500, better.bothCorrect() + better.onlyACorrect() + better.onlyBCorrect() + better.bothWrong());
        assertEquals(McNemar.exactPValue(better.onlyACorrect(), better.onlyBCorrect()), better.mcnemarPValue());
        assertTrue(better.mcnemarPValue() < 1e-6, better.toString());
        assertTrue(better.bootstrapPValue() < 0.01, better.toString());
        assertTrue(better.macroF1Difference().lower() > 0, better.toString());
        assertEquals(better.macroF1A() - better.macroF1B(), better.macroF1Difference().estimate(), 1e-15);

        PairedComparison same = paired(rows, 1, 1);
        assertEquals(1.0, same.mcnemarPValue());
        assertEquals(1.0, same.bootstrapPValue());
        assertEquals(new Interval(0, 0, 0, 0.95), same.macroF1Difference());
    }

    private static BootstrapResult bootstrap(String[][] rows, int reps, long seed) {
        BootstrapAccumulator boot = new BootstrapAccumulator(reps, seed, null);
        for (String[] r : rows) {
            boot.add(r[0], r[1]);
        }
        return boot.result(0.95);
    }

    private static PairedComparison paired(String[][] rows, int a, int b) {
        PairedAccumulator acc = new PairedAccumulator(400, 9, null);
        for (String[] r : rows) {
            acc.add(r[0], r[a], r[b]);
        }
        return acc.result(0.95);
    }

    private static List<String> column(String[][] rows, int c) {
        return java.util.Arrays.stream(rows).map(r -> r[c]).toList();
    }
}
