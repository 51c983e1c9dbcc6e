package org.textclf.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The GRU against PyTorch's nn.GRU (fixture written by {@code gru/make_torch_gru_fixture.py} with
 * torch 1.13, double precision) and against finite differences.
 */
class GruKernelTest {

    private static final DataType D = DataType.DOUBLE;
    private static JsonNode fixture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = GruKernelTest.class.getResourceAsStream("/gru/torch_gru_fixture.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
    }

    private static INDArray arr(JsonNode n) {
        java.util.List<Long> shape = new java.util.ArrayList<>();
        JsonNode cur = n;
        while (cur.isArray()) {
            shape.add((long) cur.size());
            cur = cur.get(0);
        }
        java.util.List<Double> values = new java.util.ArrayList<>();
        flatten(n, values);
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        return Nd4j.create(v, shape.stream().mapToLong(Long::longValue).toArray(), D);
    }

    private static void flatten(JsonNode n, java.util.List<Double> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add(n.asDouble());
        }
    }

    /** PyTorch's parameters in the kernel's layout. */
    private record Params(INDArray wx, INDArray wh, INDArray b, INDArray bhn) {
        static Params of(JsonNode c) {
            INDArray bih = arr(c.get("bias_ih"));
            INDArray bhh = arr(c.get("bias_hh"));
            long h = bhh.length() / 3;
            INDArray b = bih.dup();
            b.get(NDArrayIndex.interval(0, 2 * h)).addi(bhh.get(NDArrayIndex.interval(0, 2 * h)));
            return new Params(arr(c.get("weight_ih")).transpose().dup(), arr(c.get("weight_hh")).transpose().dup(), b,
                    bhh.get(NDArrayIndex.interval(2 * h, 3 * h)).dup());
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
        double maxDiff = org.nd4j.linalg.ops.transforms.Transforms.abs(expected.sub(actual)).maxNumber().doubleValue();
        assertTrue(maxDiff <= tol, what + ": max |diff| " + maxDiff + " > " + tol);
    }

    @Test
    void kernelForwardAndGradientsEqualPyTorch() {
        for (String name : new String[] {"zero_bhn", "general"}) {
            JsonNode c = fixture.get(name);
            Params p = Params.of(c);
            INDArray x = arr(c.get("x"));
            INDArray h0 = arr(c.get("h0"));
            GruKernel.Forward f = GruKernel.forward(x, h0, p.wx(), p.wh(), p.b(), p.bhn());
            assertClose(arr(c.get("out")), f.out(), 1e-12, name + " out");
            GruKernel.Forward replayed = GruKernel.replay(x, h0, p.wx(), p.wh(), p.b(), p.bhn(), f.out());
            for (INDArray[] gate : new INDArray[][] {{f.r(), replayed.r()}, {f.u(), replayed.u()}, {f.c(), replayed.c()}, {f.hn(), replayed.hn()}}) {
                assertClose(gate[0], gate[1], 1e-13, name + " replayed gates");
            }
            for (GruKernel.Forward from : new GruKernel.Forward[] {f, replayed}) {
                checkGradients(name, p, c, GruKernel.backward(from, arr(c.get("probe"))));
            }
        }
    }

    private static void checkGradients(String name, Params p, JsonNode c, GruKernel.Gradients g) {
        {
            assertClose(arr(c.get("grad_x")), g.x(), 1e-12, name + " dx");
            assertClose(arr(c.get("grad_h0")), g.h0(), 1e-12, name + " dh0");
            assertClose(arr(c.get("grad_weight_ih")).transpose(), g.wx(), 1e-12, name + " dWx");
            assertClose(arr(c.get("grad_weight_hh")).transpose(), g.wh(), 1e-12, name + " dWh");
            INDArray gbih = arr(c.get("grad_bias_ih"));
            INDArray gbhh = arr(c.get("grad_bias_hh"));
            long h = p.bhn().length();
            assertClose(gbih, g.b(), 1e-12, name + " db");
            // PyTorch's r/z hidden biases are summed with the input ones: same gradient.
            assertClose(gbhh.get(NDArrayIndex.interval(0, 2 * h)), g.b().get(NDArrayIndex.interval(0, 2 * h)), 1e-12, name + " db_hh r,z");
            assertClose(gbhh.get(NDArrayIndex.interval(2 * h, 3 * h)), g.bhn(), 1e-12, name + " dbhn");
        }
    }

    /**
     * ND4J's native forward kernel is PyTorch's formula (reset gate applied after the hidden
     * product) with b_hn = 0: only its gradient is wrong.
     */
    @Test
    void nativeForwardIsPyTorchsGruWithZeroHiddenCandidateBias() {
        JsonNode c = fixture.get("zero_bhn");
        Params p = Params.of(c);
        assertEquals(0.0, p.bhn().norm1Number().doubleValue(), 0.0);
        SameDiff sd = SameDiff.create();
        SDVariable out = sd.rnn().gru("g", sd.constant(arr(c.get("x"))), sd.constant(arr(c.get("h0"))),
                sd.constant(p.wx()), sd.constant(p.wh()), sd.constant(p.b()));
        assertClose(arr(c.get("out")), out.eval(), 1e-12, "native gru out");
        // And it is not (r*h) Wh_c: on the general fixture's weights the two formulas differ.
        JsonNode g = fixture.get("general");
        Params pg = Params.of(g);
        GruKernel.Forward ref = GruKernel.forward(arr(g.get("x")), arr(g.get("h0")), pg.wx(), pg.wh(), pg.b(), Nd4j.zeros(D, pg.bhn().length()));
        SameDiff sd2 = SameDiff.create();
        INDArray nat = sd2.rnn().gru("g", sd2.constant(arr(g.get("x"))), sd2.constant(arr(g.get("h0"))),
                sd2.constant(pg.wx()), sd2.constant(pg.wh()), sd2.constant(pg.b())).eval();
        assertClose(ref.out(), nat, 1e-12, "native gru vs kernel with bhn = 0");
    }

    /** Central differences on seeded random shapes, every entry of every input. */
    @Test
    void kernelGradientsMatchFiniteDifferences() {
        Nd4j.getRandom().setSeed(7);
        int t = 6;
        int b = 2;
        int nIn = 3;
        int h = 4;
        INDArray x = Nd4j.randn(D, t, b, nIn);
        INDArray h0 = Nd4j.randn(D, b, h).muli(0.5);
        INDArray wx = Nd4j.randn(D, nIn, 3 * h).muli(0.7);
        INDArray wh = Nd4j.randn(D, h, 3 * h).muli(0.7);
        INDArray bias = Nd4j.randn(D, 3 * h).muli(0.5);
        INDArray bhn = Nd4j.randn(D, h).muli(0.5);
        INDArray probe = Nd4j.randn(D, t, b, h);
        GruKernel.Gradients g = GruKernel.backward(GruKernel.forward(x, h0, wx, wh, bias, bhn), probe);
        INDArray[] inputs = {x, h0, wx, wh, bias, bhn};
        INDArray[] grads = {g.x(), g.h0(), g.wx(), g.wh(), g.b(), g.bhn()};
        String[] names = {"x", "h0", "Wx", "Wh", "b", "bhn"};
        double eps = 1e-6;
        int checked = 0;
        for (int k = 0; k < inputs.length; k++) {
            INDArray w = inputs[k].reshape(inputs[k].length());
            INDArray an = grads[k].reshape(grads[k].length());
            for (long i = 0; i < w.length(); i++) {
                double orig = w.getDouble(i);
                w.putScalar(i, orig + eps);
                double plus = GruKernel.forward(x, h0, wx, wh, bias, bhn).out().mul(probe).sumNumber().doubleValue();
                w.putScalar(i, orig - eps);
                double minus = GruKernel.forward(x, h0, wx, wh, bias, bhn).out().mul(probe).sumNumber().doubleValue();
                w.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * eps);
                double analytic = an.getDouble(i);
                assertEquals(numeric, analytic, 1e-7 + 1e-6 * Math.abs(numeric), names[k] + "[" + i + "]");
                checked++;
            }
        }
        // The reset-gate slices (first H columns of Wx and Wh) are among the checked entries.
        assertTrue(g.wh().get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)).norm1Number().doubleValue() > 0);
        assertEquals(t * b * nIn + b * h + nIn * 3 * h + h * 3 * h + 3 * h + h, checked);
    }

    /** The graph op (native forward + GruBackward via the listener) against torch's gradients. */
    @Test
    void resetGateGruOpInASameDiffGraphEqualsPyTorch() throws IOException {
        JsonNode c = fixture.get("zero_bhn");
        Params p = Params.of(c);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", arr(c.get("x")));
        SDVariable h0 = sd.var("h0", arr(c.get("h0")));
        SDVariable wx = sd.var("Wx", p.wx());
        SDVariable wh = sd.var("Wh", p.wh());
        SDVariable b = sd.var("b", p.b());
        SDVariable out = sd.updateVariableNameAndReference(new ResetGateGru(sd, x, h0, wx, wh, b).outputVariable(), "out");
        out.mul(sd.constant(arr(c.get("probe")))).sum().rename("loss");
        sd.setLossVariables("loss");
        GruBackwardListener.attachTo(sd);
        assertClose(arr(c.get("out")), out.eval(), 1e-12, "out");
        java.util.Map<String, INDArray> g = sd.calculateGradients(java.util.Map.of(), "x", "h0", "Wx", "Wh", "b");
        assertClose(arr(c.get("grad_x")), g.get("x"), 1e-12, "dx");
        assertClose(arr(c.get("grad_h0")), g.get("h0"), 1e-12, "dh0");
        assertClose(arr(c.get("grad_weight_ih")).transpose(), g.get("Wx"), 1e-12, "dWx");
        assertClose(arr(c.get("grad_weight_hh")).transpose(), g.get("Wh"), 1e-12, "dWh");
        assertClose(arr(c.get("grad_bias_ih")), g.get("b"), 1e-12, "db");
        // The gradient path survives the FlatBuffers round trip that save/load and dup() use.
        SameDiff copy = SameDiff.fromFlatBuffers(sd.asFlatBuffers(true), true);
        assertTrue(copy.getVariableOutputOp("out") instanceof ResetGateGru, copy.getVariableOutputOp("out").getClass().getName());
        GruBackwardListener.attachTo(copy);
        assertClose(arr(c.get("grad_weight_hh")).transpose(), copy.calculateGradients(java.util.Map.of(), "Wh").get("Wh"), 1e-12, "dWh after reload");
    }

    /** Without the listener the gradient op's outputs are not gradients: the listener is load-bearing. */
    @Test
    void withoutTheListenerTheGradientIsWrong() {
        JsonNode c = fixture.get("zero_bhn");
        Params p = Params.of(c);
        SameDiff sd = SameDiff.create();
        SDVariable wh = sd.var("Wh", p.wh());
        new ResetGateGru(sd, sd.constant(arr(c.get("x"))), sd.constant(arr(c.get("h0"))), sd.constant(p.wx()), wh, sd.constant(p.b()))
                .outputVariable().mul(sd.constant(arr(c.get("probe")))).sum().rename("loss");
        sd.setLossVariables("loss");
        INDArray g = sd.calculateGradients(java.util.Map.of(), "Wh").get("Wh");
        double maxDiff = org.nd4j.linalg.ops.transforms.Transforms.abs(g.sub(arr(c.get("grad_weight_hh")).transpose())).maxNumber().doubleValue();
        assertTrue(maxDiff > 1e-3, "gradient correct without the listener: " + maxDiff);
    }
}
