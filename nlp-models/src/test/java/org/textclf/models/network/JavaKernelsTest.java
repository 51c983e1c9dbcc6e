package org.textclf.models.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java backward kernels against literal values and against ND4J's native backward kernels
 * (which compute the same derivatives, only slower), and their ops inside a SameDiff graph,
 * also after a FlatBuffers round trip.
 */
class JavaKernelsTest {

    private static INDArray nativeOp(String name, INDArray[] inputs, int... iArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(name).addInputs(inputs);
        if (iArgs.length > 0) {
            b.addIntegerArguments(iArgs);
        }
        return Nd4j.exec(b.build())[0];
    }

    @Test
    void softmaxBackwardExactValues() {
        // y = [0.5, 0.25, 0.25], dY = [1, 0, 2]: sum(dY*y) = 1, dX = y * (dY - 1) = [0, -0.25, 0.25].
        INDArray y = Nd4j.createFromArray(new double[][] {{0.5, 0.25, 0.25}});
        INDArray dY = Nd4j.createFromArray(new double[][] {{1, 0, 2}});
        INDArray dX = Nd4j.zeros(DataType.DOUBLE, 1, 3);
        JavaKernels.softmaxBackward(y, dY, dX);
        assertArrayEquals(new double[] {0, -0.25, 0.25}, dX.toDoubleVector(), 0.0);
    }

    @Test
    void softmaxBackwardEqualsNativeOnSeededRandomInput() {
        Nd4j.getRandom().setSeed(3);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = Nd4j.randn(type, 2, 3, 5, 7).muli(3);
            INDArray y = nativeOp("softmax", new INDArray[] {x}, 3);
            INDArray dY = Nd4j.randn(type, 2, 3, 5, 7);
            INDArray expected = nativeOp("softmax_bp", new INDArray[] {x, dY}, 3);
            INDArray dX = Nd4j.zeros(type, 2, 3, 5, 7);
            JavaKernels.softmaxBackward(y, dY, dX);
            assertEquals(0.0, dX.sub(expected).amaxNumber().doubleValue(), type == DataType.DOUBLE ? 1e-14 : 1e-6, type.toString());
            // A non-contiguous gradient (a permuted view) gives the same result.
            INDArray dYView = dY.permute(0, 2, 1, 3).dup('c').permute(0, 2, 1, 3);
            INDArray dX2 = Nd4j.zeros(type, 2, 3, 5, 7);
            JavaKernels.softmaxBackward(y, dYView, dX2);
            assertEquals(dX, dX2);
        }
    }

    @Test
    void reluBackwardExactValuesAndNative() {
        INDArray y = Nd4j.createFromArray(new float[][] {{0, 2, 0.5f}, {3, 0, 0}});
        INDArray dY = Nd4j.createFromArray(new float[][] {{7, 8, 9}, {-1, -2, -3}});
        INDArray dX = Nd4j.zeros(DataType.FLOAT, 2, 3);
        JavaKernels.reluBackward(y, dY, dX);
        assertArrayEquals(new float[] {0, 8, 9, -1, 0, 0}, dX.reshape(6).toFloatVector(), 0f);

        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, 33, 129); // 4257 elements: not a multiple of the block
        INDArray yr = Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(x).addFloatingPointArguments(0.0).build())[0];
        INDArray g = Nd4j.randn(DataType.FLOAT, 33, 129);
        INDArray expected = Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(x, g).addFloatingPointArguments(0.0).build())[0];
        INDArray out = Nd4j.zeros(DataType.FLOAT, 33, 129);
        JavaKernels.reluBackward(yr, g, out);
        assertEquals(expected, out);
    }

    @Test
    void layerNormBackwardExactValues() {
        // One row x = [1, 3]: mean 2, std 1, xh = [-1, 1]; gain [2, 1], dY = [1, 1]:
        // g = [2, 1], mean(g) = 1.5, mean(g*xh) = -0.5, dx = g - 1.5 - xh * (-0.5) = [0, 0];
        // dgain = dY * xh = [-1, 1], dbias = [1, 1].
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 3}});
        INDArray gain = Nd4j.createFromArray(2.0, 1.0);
        INDArray dY = Nd4j.createFromArray(new double[][] {{1, 1}});
        INDArray dx = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        INDArray dGain = Nd4j.zeros(DataType.DOUBLE, 2);
        INDArray dBias = Nd4j.zeros(DataType.DOUBLE, 2);
        JavaKernels.layerNormBackward(x, gain, dY, dx, dGain, dBias);
        assertArrayEquals(new double[] {0, 0}, dx.toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {-1, 1}, dGain.toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {1, 1}, dBias.toDoubleVector(), 0.0);
        // Two elements normalise to +-1 whatever x is, so dx is 0 above; with three it is not:
        JavaKernels.layerNormBackward(Nd4j.createFromArray(new double[][] {{1, 2, 6}}), Nd4j.createFromArray(1.0, 1.0, 1.0),
                Nd4j.createFromArray(new double[][] {{1, 0, 0}}), dx = Nd4j.zeros(DataType.DOUBLE, 1, 3), dGain = Nd4j.zeros(DataType.DOUBLE, 3),
                dBias = Nd4j.zeros(DataType.DOUBLE, 3));
        // mean 3, std sqrt(14/3), xh = (x-3)/std; dx = (g - 1/3 - xh * xh0/3) / std with g = [1, 0, 0].
        double std = Math.sqrt(14.0 / 3);
        double[] xh = {-2 / std, -1 / std, 3 / std};
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = ((i == 0 ? 1 : 0) - 1.0 / 3 - xh[i] * xh[0] / 3) / std;
        }
        assertArrayEquals(expected, dx.toDoubleVector(), 1e-15);
    }

    @Test
    void layerNormBackwardEqualsNativeOnSeededRandomInput() {
        Nd4j.getRandom().setSeed(5);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = Nd4j.randn(type, 3, 4, 6).muli(2).addi(1);
            INDArray gain = Nd4j.randn(type, 6);
            INDArray bias = Nd4j.randn(type, 6);
            INDArray dY = Nd4j.randn(type, 3, 4, 6);
            INDArray[] expected = Nd4j.exec(DynamicCustomOp.builder("layer_norm_bp").addInputs(x, gain, bias, dY)
                    .addIntegerArguments(2).addBooleanArguments(false).build());
            INDArray dx = Nd4j.zeros(type, 3, 4, 6);
            INDArray dGain = Nd4j.zeros(type, 6);
            INDArray dBias = Nd4j.zeros(type, 6);
            JavaKernels.layerNormBackward(x, gain, dY, dx, dGain, dBias);
            double tol = type == DataType.DOUBLE ? 1e-12 : 1e-4;
            assertEquals(0.0, dx.sub(expected[0]).amaxNumber().doubleValue(), tol, type + " dx");
            assertEquals(0.0, dGain.sub(expected[1].reshape(6)).amaxNumber().doubleValue(), tol, type + " dgain");
            assertEquals(0.0, dBias.sub(expected[2].reshape(6)).amaxNumber().doubleValue(), tol, type + " dbias");
        }
    }

    /**
     * A graph with all three ops: its gradients equal those of the same graph with SameDiff's own
     * ops, before and after a FlatBuffers round trip (which rebuilds the ops by name).
     */
    @Test
    void opsInAGraphMatchSameDiffsOwnOpsAlsoAfterSaveAndLoad(@TempDir Path dir) throws Exception {
        JavaKernelOp.registerAll();
        SameDiff ours = graph(true);
        SameDiff theirs = graph(false);
        Map<String, INDArray> feed = Map.of("x", Nd4j.linspace(-3, 3, 2 * 3 * 4, DataType.DOUBLE).reshape(2, 3, 4).muli(0.7));
        List<String> params = List.of("w", "gain", "bias");
        Map<String, INDArray> expected = theirs.calculateGradients(feed, params);
        assertGradientsEqual(expected, withListener(ours).calculateGradients(feed, params));
        File f = dir.resolve("g.fb").toFile();
        ours.save(f, false);
        assertTrue(Files.size(f.toPath()) > 0);
        SameDiff loaded = SameDiff.load(f, false);
        assertEquals(1, java.util.Arrays.stream(loaded.ops()).filter(o -> o instanceof LastAxisSoftmax).count());
        assertEquals(1, java.util.Arrays.stream(loaded.ops()).filter(o -> o instanceof LastAxisLayerNorm).count());
        assertEquals(1, java.util.Arrays.stream(loaded.ops()).filter(o -> o instanceof Relu).count());
        assertGradientsEqual(expected, withListener(loaded).calculateGradients(feed, params));
    }

    private static SameDiff withListener(SameDiff sd) {
        GruBackwardListener.attachTo(sd);
        return sd;
    }

    private static SameDiff graph(boolean javaKernels) {
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(11);
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3, 4);
        SDVariable w = sd.var("w", Nd4j.randn(DataType.DOUBLE, 4, 4));
        SDVariable gain = sd.var("gain", Nd4j.randn(DataType.DOUBLE, 4));
        SDVariable bias = sd.var("bias", Nd4j.randn(DataType.DOUBLE, 4));
        SDVariable h = sd.mmul(sd.reshape(x, -1, 4), w);
        h = sd.reshape(h, -1, 3, 4);
        SDVariable n = javaKernels ? new LastAxisLayerNorm(sd, h, gain, bias, 3).outputVariable()
                : sd.nn().layerNorm(h, gain, bias, false, 2);
        SDVariable r = javaKernels ? new Relu(sd, n).outputVariable() : sd.nn().relu(n, 0);
        SDVariable p = javaKernels ? new LastAxisSoftmax(sd, r, 3).outputVariable() : sd.nn().softmax(r, 2);
        SDVariable weights = sd.constant(Nd4j.linspace(1, 12, 12, DataType.DOUBLE).reshape(1, 3, 4));
        p.mul(weights).sum().rename("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    private static void assertGradientsEqual(Map<String, INDArray> expected, Map<String, INDArray> actual) {
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            INDArray a = actual.get(e.getKey());
            assertTrue(e.getValue().norm2Number().doubleValue() > 0, e.getKey() + " gradient is zero: the check would be empty");
            assertEquals(0.0, a.sub(e.getValue()).amaxNumber().doubleValue(), 1e-12, e.getKey());
        }
    }
}
