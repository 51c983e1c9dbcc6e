package org.textclf.models.network;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Computes {@link GruBackward}'s outputs in Java (see there for why), and those of every other
 * {@link JavaKernelOp} (softmax, layer norm and ReLU gradients). SameDiff calls listeners right
 * after each op and before the op's outputs are handed to any consumer; this one ignores every op
 * except {@link GruBackward}.
 *
 * <p>Immutable and thread-safe: one shared instance serves every graph.
 */
public final class GruBackwardListener extends BaseListener {

    /** The shared instance. */
    public static final GruBackwardListener INSTANCE = new GruBackwardListener(true);

    /**
     * The GRU's gradient always from the reference {@link GruKernel#replay} + {@link GruKernel#backward},
     * never {@link GruBackprop}: swapped in for {@link #INSTANCE} by tests and benchmarks that compare
     * the two paths (bit-identical results, different cost).
     */
    static final GruBackwardListener REFERENCE = new GruBackwardListener(false);

    private final boolean useGruBackprop;

    private GruBackwardListener(boolean useGruBackprop) {
        this.useGruBackprop = useGruBackprop;
    }

    /** Attaches the shared instance unless the graph already has a GruBackwardListener. */
    public static void attachTo(SameDiff sd) {
        if (sd.getListeners().stream().noneMatch(l -> l instanceof GruBackwardListener)) {
            sd.addListeners(INSTANCE);
        }
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        if (op.getOp() instanceof JavaKernelOp j) {
            INDArray[] inputs = new INDArray[opContext.numInputArguments()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = opContext.getInputArray(i);
            }
            j.compute(inputs, outputs);
            return;
        }
        if (!(op.getOp() instanceof GruBackward)) {
            return;
        }
        INDArray x = opContext.getInputArray(0);
        INDArray h0 = opContext.getInputArray(1);
        INDArray wx = opContext.getInputArray(2);
        INDArray wh = opContext.getInputArray(3);
        INDArray b = opContext.getInputArray(4);
        INDArray out = opContext.getInputArray(5);
        INDArray dOut = opContext.getInputArray(6);
        INDArray bhn = Nd4j.zeros(x.dataType(), h0.size(1));
        if (useGruBackprop && GruBackprop.supports(x, h0, wx, wh, b, out, dOut)) {
            // Training's path: bit-identical to the reference below, several times cheaper.
            GruBackprop.run(x, h0, wx, wh, b, bhn, out, dOut, outputs);
            bhn.close();
            return;
        }
        GruKernel.Forward f = GruKernel.replay(x, h0, wx, wh, b, bhn, out);
        GruKernel.Gradients g = GruKernel.backward(f, dOut);
        outputs[0].assign(g.x());
        outputs[1].assign(g.h0());
        outputs[2].assign(g.wx());
        outputs[3].assign(g.wh());
        outputs[4].assign(g.b());
        f.closeGates();
        g.close();
        bhn.close();
    }
}
