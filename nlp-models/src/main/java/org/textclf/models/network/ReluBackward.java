package org.textclf.models.network;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient of {@link Relu}: inputs dLoss/dY and the ReLU output Y, output dY where Y &gt; 0, else 0
 * (Y &gt; 0 exactly where the input was &gt; 0), computed in Java (see {@link JavaKernelOp}).
 */
public final class ReluBackward extends JavaKernelOp {

    /** Name written into graphs; changing it breaks loading of graphs that contain it. */
    public static final String OP_NAME = "textclf_relu_bp";

    /** For SameDiff's reflective instantiation. */
    public ReluBackward() {
        super();
    }

    ReluBackward(SameDiff sd, SDVariable dY, SDVariable y) {
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
        JavaKernels.reluBackward(inputs[1], inputs[0], outputs[0]);
    }
}
