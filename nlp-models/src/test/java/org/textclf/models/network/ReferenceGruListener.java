package org.textclf.models.network;

import java.util.List;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GruBackwardListener} as it was before {@link GruBackprop}: the GRU's gradient always from
 * the reference {@link GruKernel#replay} + {@link GruKernel#backward}; every other op is left to
 * {@link GruBackwardListener}. Swapped into a graph ({@link #swapInto}) it gives the old training
 * path, for bit-identity tests and before/after timings in one JVM.
 */
final class ReferenceGruListener extends BaseListener {

    static final ReferenceGruListener INSTANCE = new ReferenceGruListener();

    private ReferenceGruListener() {
    }

    /** Replaces {@code from} by {@code to} in the graph's listeners, at the same position. */
    static void swap(SameDiff sd, Listener from, Listener to) {
        List<Listener> listeners = sd.getListeners();
        int i = listeners.indexOf(from);
        if (i < 0) {
            throw new IllegalStateException("listener not attached: " + from);
        }
        listeners.set(i, to);
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        if (!(op.getOp() instanceof GruBackward)) {
            GruBackwardListener.INSTANCE.opExecution(sd, at, batch, op, opContext, outputs);
            return;
        }
        INDArray x = opContext.getInputArray(0);
        INDArray h0 = opContext.getInputArray(1);
        INDArray bhn = Nd4j.zeros(x.dataType(), h0.size(1));
        GruKernel.Forward f = GruKernel.replay(x, h0, opContext.getInputArray(2), opContext.getInputArray(3),
                opContext.getInputArray(4), bhn, opContext.getInputArray(5));
        GruKernel.Gradients g = GruKernel.backward(f, opContext.getInputArray(6));
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
