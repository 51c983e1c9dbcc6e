package org.textclf.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GruBackprop} (training's GRU backward) against the reference {@link GruKernel#replay} +
 * {@link GruKernel#backward}: every gradient must be BIT-identical, not merely close, because
 * training runs of record are reproduced weight for weight.
 */
class GruBackpropTest {

    private static final DataType F = DataType.FLOAT;

    /** One seeded random problem: inputs as training sees them (out from a forward pass). */
    private record Problem(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b, INDArray bhn, INDArray out,
                           INDArray dOut) {

        static Problem random(long seed, int t, int batch, int nIn, int h, boolean zeroH0) {
            Nd4j.getRandom().setSeed(seed);
            INDArray x = Nd4j.randn(F, t, batch, nIn);
            INDArray h0 = zeroH0 ? Nd4j.zeros(F, batch, h) : Nd4j.randn(F, batch, h).muli(0.5);
            INDArray wx = Nd4j.randn(F, nIn, 3 * h).muli(1.0 / Math.sqrt(nIn));
            INDArray wh = Nd4j.randn(F, h, 3 * h).muli(1.0 / Math.sqrt(h));
            INDArray b = Nd4j.randn(F, 3 * h).muli(0.1);
            INDArray bhn = Nd4j.zeros(F, h);
            // ND4J's native forward, as in training (and much faster than GruKernel.forward at T=300);
            // it aborts the JVM at H = 1, where the reference forward stands in.
            INDArray out = h == 1 ? GruKernel.forward(x, h0, wx, wh, b, bhn).out() : Nd4j.create(F, t, batch, h);
            if (h > 1) {
                Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("gru").addInputs(x, h0, wx, wh, b).addOutputs(out).build());
            }
            float[] d = Nd4j.randn(F, t, batch, h).muli(1e-3).data().asFloat();
            // Exact zeros and negative zeros, as padded positions and masked attention produce.
            for (int i = 0; i < d.length; i += 7) {
                d[i] = i % 2 == 0 ? 0.0f : -0.0f;
            }
            INDArray dOut = Nd4j.create(d, new long[] {t, batch, h}, F);
            return new Problem(x, h0, wx, wh, b, bhn, out, dOut);
        }

        INDArray[] reference() {
            GruKernel.Forward f = GruKernel.replay(x, h0, wx, wh, b, bhn, out);
            GruKernel.Gradients g = GruKernel.backward(f, dOut);
            return new INDArray[] {g.x(), g.h0(), g.wx(), g.wh(), g.b()};
        }

        INDArray[] fast() {
            INDArray[] grads = {Nd4j.create(F, x.shape()), Nd4j.create(F, h0.shape()), Nd4j.create(F, wx.shape()),
                    Nd4j.create(F, wh.shape()), Nd4j.create(F, b.shape())};
            assertTrue(GruBackprop.supports(x, h0, wx, wh, b, out, dOut));
            GruBackprop.run(x, h0, wx, wh, b, bhn, out, dOut, grads);
            return grads;
        }
    }

    private static void assertBitIdentical(INDArray expected, INDArray actual, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
        float[] e = Nd4j.toFlattened('c', expected).toFloatVector();
        float[] a = Nd4j.toFlattened('c', actual).toFloatVector();
        int differing = 0;
        int first = -1;
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                differing++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        final int f = first;
        assertEquals(0, differing, () -> what + ": " + " elements differ in their bits, first at " + f + ": "
                + e[f] + " vs " + a[f]);
    }

    private static void assertSameGradients(Problem p, String shape) {
        INDArray[] expected = p.reference();
        INDArray[] actual = p.fast();
        String[] names = {"dx", "dh0", "dWx", "dWh", "db"};
        for (int i = 0; i < names.length; i++) {
            assertBitIdentical(expected[i], actual[i], shape + " " + names[i]);
        }
        // Not vacuous: the gradients are not all zero.
        assertTrue(expected[2].norm1Number().doubleValue() > 0, shape + " dWx is zero");
    }

    @Test
    void bitIdenticalToTheReferenceOnSeededRandomShapes() {
        int[][] shapes = {
            // T, B, nIn, H
            {1, 1, 2, 2},
            {7, 3, 5, 4},
            {13, 5, 100, 64},
            {40, 32, 128, 128},
            {3, 2, 300, 16},
        };
        long seed = 11;
        for (int[] s : shapes) {
            String shape = "T=" + s[0] + " B=" + s[1] + " nIn=" + s[2] + " H=" + s[3];
            assertSameGradients(Problem.random(seed++, s[0], s[1], s[2], s[3], false), shape);
            assertSameGradients(Problem.random(seed++, s[0], s[1], s[2], s[3], true), shape + " h0=0");
        }
    }

    /**
     * The training shape, then smaller and larger ones on the same thread: the reused buffers
     * (left with the previous call's values, grown when needed) must not leak into the result.
     */
    @Test
    void bitIdenticalAtTheTrainingShapeAndAcrossBufferReuse() {
        assertSameGradients(Problem.random(1, 256, 32, 128, 128, true), "T=256 B=32 nIn=H=128");
        assertSameGradients(Problem.random(2, 17, 9, 128, 128, true), "T=17 B=9 after a larger call");
        assertSameGradients(Problem.random(3, 300, 32, 128, 128, true), "T=300 B=32 after a smaller call");
    }

    @Test
    void otherTypesAndViewsAreLeftToTheReference() {
        Problem p = Problem.random(5, 4, 2, 3, 4, false);
        INDArray d = p.dOut().castTo(DataType.DOUBLE);
        assertFalse(GruBackprop.supports(p.x().castTo(DataType.DOUBLE), p.h0(), p.wx(), p.wh(), p.b(), p.out(), d));
        INDArray strided = Nd4j.create(F, 4, 2, 8).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4));
        assertFalse(GruBackprop.supports(p.x(), p.h0(), p.wx(), p.wh(), p.b(), strided, p.dOut()));
        // H = 1: ND4J turns the products into matrix-vector calls, which GruBackprop does not reproduce.
        Problem one = Problem.random(6, 3, 2, 3, 1, false);
        assertFalse(GruBackprop.supports(one.x(), one.h0(), one.wx(), one.wh(), one.b(), one.out(), one.dOut()));
    }

    /** In a FLOAT graph the listener takes the fast path, and the graph's gradients are the reference's bits. */
    @Test
    void floatGraphUsesTheFastPathWithIdenticalGradients() {
        Problem p = Problem.random(9, 12, 4, 6, 5, false);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", p.x());
        SDVariable h0 = sd.var("h0", p.h0());
        SDVariable wx = sd.var("Wx", p.wx());
        SDVariable wh = sd.var("Wh", p.wh());
        SDVariable b = sd.var("b", p.b());
        SDVariable out = sd.updateVariableNameAndReference(new ResetGateGru(sd, x, h0, wx, wh, b).outputVariable(), "out");
        // loss = sum(out * probe): dLoss/dOut is exactly the probe.
        out.mul(sd.constant(p.dOut())).sum().rename("loss");
        sd.setLossVariables("loss");
        GruBackwardListener.attachTo(sd);
        long before = GruBackprop.RUNS.get();
        Map<String, INDArray> g = sd.calculateGradients(Map.of(), "x", "h0", "Wx", "Wh", "b");
        assertTrue(GruBackprop.RUNS.get() > before, "the graph did not take GruBackprop's path");
        INDArray nativeOut = out.eval();
        Problem fromGraph = new Problem(p.x(), p.h0(), p.wx(), p.wh(), p.b(), p.bhn(), nativeOut, p.dOut());
        INDArray[] expected = fromGraph.reference();
        String[] names = {"x", "h0", "Wx", "Wh", "b"};
        for (int i = 0; i < names.length; i++) {
            assertBitIdentical(expected[i], g.get(names[i]), "graph d" + names[i]);
        }
    }

    /**
     * A whole FLOAT GRU+attention network (two GRU layers, so one GRU's input gradient feeds the
     * other's): every parameter's gradient from the trainer's path equals, bit for bit, the one
     * computed with the reference GRU backward swapped in.
     */
    @Test
    void networkGradientsBitIdenticalWithTheReferenceGruBackward() {
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(Architecture.GRU_ATTENTION, 60, 3).embeddingDim(10)
                .hiddenSize(12).heads(2).layers(2).dropout(0.0).seed(3).build());
        java.util.Random r = new java.util.Random(4);
        int b = 5;
        int t = 9;
        int[][] ids = new int[b][t];
        float[][] mask = new float[b][t];
        float[][] y = new float[b][3];
        for (int i = 0; i < b; i++) {
            int len = 1 + r.nextInt(t);
            for (int j = 0; j < len; j++) {
                ids[i][j] = 2 + r.nextInt(58);
                mask[i][j] = 1;
            }
            y[i][r.nextInt(3)] = 1;
        }
        java.util.List<String> params = net.parameterNames();
        net.prepareGradients();
        SameDiff gradFn = net.sameDiff().getFunction("grad");
        GruBackwardListener.attachTo(gradFn);
        long before = GruBackprop.RUNS.get();
        Map<String, INDArray> fast = net.lossAndGradients(net.trainingInputs(ids, mask, y), params);
        assertTrue(GruBackprop.RUNS.get() >= before + 2, "the network's two GRU layers did not take GruBackprop's path");
        swap(gradFn, GruBackwardListener.INSTANCE, GruBackwardListener.REFERENCE);
        Map<String, INDArray> reference;
        long fastRuns = GruBackprop.RUNS.get();
        try {
            reference = net.lossAndGradients(net.trainingInputs(ids, mask, y), params);
            assertEquals(fastRuns, GruBackprop.RUNS.get(), "the reference step ran GruBackprop");
        } finally {
            swap(gradFn, GruBackwardListener.REFERENCE, GruBackwardListener.INSTANCE);
        }
        assertEquals(params.size() + 1, fast.size());
        for (String p : params) {
            assertBitIdentical(reference.get(p), fast.get(p), "gradient of " + p);
        }
    }

    /** Replaces {@code from} by {@code to} in the graph's listeners, at the same position. */
    static void swap(SameDiff sd, org.nd4j.autodiff.listeners.Listener from, org.nd4j.autodiff.listeners.Listener to) {
        java.util.List<org.nd4j.autodiff.listeners.Listener> listeners = sd.getListeners();
        int i = listeners.indexOf(from);
        if (i < 0) {
            throw new IllegalStateException("listener not attached: " + from);
        }
        listeners.set(i, to);
    }
}
