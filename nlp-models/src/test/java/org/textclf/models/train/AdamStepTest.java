package org.textclf.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

class AdamStepTest {

    @Test
    void firstStepExactValuesInDouble() {
        INDArray w = Nd4j.createFromArray(1.0, -2.0);
        INDArray g = Nd4j.createFromArray(0.5, 0.0);
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 4);
        AdamStep.apply(w, g, state, 0.1, 0.9, 0.999, 1e-8, 0, 1.0);
        // m = 0.05, v = 0.00025, alpha = 0.1 * sqrt(0.001) / 0.1; a zero gradient leaves its weight alone.
        assertArrayEquals(new double[] {0.9000000632455132, -2.0}, w.toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {0.04999999999999999, 0.0, 0.0002500000000000002, 0.0}, state.toDoubleVector(), 1e-18);
        INDArray w2 = Nd4j.createFromArray(1.0, -2.0);
        AdamStep.apply(w2, g, Nd4j.zeros(DataType.DOUBLE, 4), 0.1, 0.9, 0.999, 1e-8, 0, 1 - 0.1 * 0.01);
        assertArrayEquals(new double[] {0.8990000632455132, -2.0 * (1 - 0.1 * 0.01)}, w2.toDoubleVector(), 1e-15);
    }

    @Test
    void sameBitsAsNativeAdamInFloat() {
        sameAsNative(DataType.FLOAT, 1.0);
        sameAsNative(DataType.FLOAT, 1 - 3e-3 * 0.01);
    }

    @Test
    void sameBitsAsNativeAdamInDouble() {
        sameAsNative(DataType.DOUBLE, 1.0);
        sameAsNative(DataType.DOUBLE, 1 - 3e-3 * 0.01);
    }

    /**
     * Several steps of AdamStep against ND4J's native updater followed by the subtraction the
     * trainer used to do, on seeded random arrays longer than one block, with a moving learning
     * rate: weights and both moments must be bit-identical.
     */
    private static void sameAsNative(DataType type, double decay) {
        int rows = 37;
        int cols = 301; // 11,137 elements: two full blocks and a partial one
        Nd4j.getRandom().setSeed(7);
        INDArray w0 = Nd4j.randn(type, rows, cols);
        INDArray wNative = w0.dup();
        INDArray wFused = w0.dup();
        Adam adam = new Adam(1e-3);
        INDArray stateNative = Nd4j.zeros(type, 1, adam.stateSize(w0.length()));
        GradientUpdater updater = adam.instantiate(stateNative, true);
        INDArray stateFused = Nd4j.zeros(type, 1, adam.stateSize(w0.length()));
        for (int it = 0; it < 6; it++) {
            double lr = 3e-3 / (1 + it);
            INDArray g = Nd4j.randn(type, rows, cols).muli(it % 2 == 0 ? 1.0 : 1e-3);
            INDArray gNative = g.dup();
            adam.setLearningRate(lr);
            if (decay != 1.0) {
                wNative.muli(decay);
            }
            updater.applyUpdater(gNative, it, 0);
            wNative.subi(gNative);
            AdamStep.apply(wFused, g, stateFused, lr, adam.getBeta1(), adam.getBeta2(), adam.getEpsilon(), it, decay);
            assertEquals(0.0, wFused.sub(wNative).amaxNumber().doubleValue(), 0.0, type + " weights differ at step " + it);
            assertEquals(0.0, stateFused.sub(stateNative).amaxNumber().doubleValue(), 0.0, type + " moments differ at step " + it);
        }
        assertFalse(wFused.equals(w0), "the weights moved");
    }

    @Test
    void refusesViewsAndMismatchedArrays() {
        INDArray w = Nd4j.zeros(DataType.FLOAT, 4, 3);
        INDArray g = Nd4j.zeros(DataType.FLOAT, 4, 3);
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 24);
        assertTrue(AdamStep.supports(w, g, state));
        assertFalse(AdamStep.supports(w.getRow(1), g.getRow(1), Nd4j.zeros(DataType.FLOAT, 1, 6)), "a view");
        assertFalse(AdamStep.supports(w, g.castTo(DataType.DOUBLE), state), "mixed types");
        assertFalse(AdamStep.supports(w, g, Nd4j.zeros(DataType.FLOAT, 1, 12)), "short state");
        assertFalse(AdamStep.supports(w.castTo(DataType.HALF), g.castTo(DataType.HALF), state.castTo(DataType.HALF)), "half");
        assertThrows(IllegalArgumentException.class, () -> AdamStep.apply(w, g.castTo(DataType.DOUBLE), state, 1e-3,
                0.9, 0.999, 1e-8, 0, 1.0));
    }
}
