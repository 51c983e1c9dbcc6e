package org.textclf.models.network;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient of {@link LastAxisSoftmax}: inputs dLoss/dY and the softmax output Y, output
 * dLoss/dX = Y * (dY - sum(dY * Y)) along the last axis, computed in Java (see {@link JavaKernelOp}).
 */
public final class SoftmaxBackward extends JavaKernelOp {

    /** Name written into graphs; changing it breaks loading of graphs that contain it. */
    public static final String OP_NAME = "textclf_softmax_bp";

    /** For SameDiff's reflective instantiation. */
    public SoftmaxBackward() {
        super();
    }

    SoftmaxBackward(SameDiff sd, SDVariable dY, SDVariable y) {
        super(sd, dY, y);
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    String placeholderKernel() {
        return "zeros_as";
    }

    @Override
    void compute(INDArray[] inputs, INDArray[] outputs) {
        JavaKernels.softmaxBackward(inputs[1], inputs[0], outputs[0]);
    }
}
