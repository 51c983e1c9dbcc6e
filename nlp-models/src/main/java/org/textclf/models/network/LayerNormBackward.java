package org.textclf.models.network;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient of {@link LastAxisLayerNorm}: inputs x, gain, bias and dLoss/dY; outputs dx, dgain,
 * dbias (a fourth output is unused), computed in Java (see {@link JavaKernelOp}).
 */
public final class LayerNormBackward extends JavaKernelOp {

    /** Name written into graphs; changing it breaks loading of graphs that contain it. */
    public static final String OP_NAME = "textclf_layer_norm_bp";

    /** For SameDiff's reflective instantiation. */
    public LayerNormBackward() {
        super();
    }

    LayerNormBackward(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias, SDVariable dY) {
        super(sd, x, gain, bias, dY);
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    String placeholderKernel() {
        return "noop";
    }

    @Override
    void compute(INDArray[] inputs, INDArray[] outputs) {
        JavaKernels.layerNormBackward(inputs[0], inputs[1], inputs[3], outputs[0], outputs[1], outputs[2]);
    }
}
