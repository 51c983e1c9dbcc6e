package org.textclf.models.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.textclf.models.NativeKernels;

/**
 * max(x, 0): the native {@code relu} kernel forward (cutoff 0), and a gradient computed in Java
 * ({@link ReluBackward}) instead of M2.1's slow native {@code thresholdedrelu_bp}. Own op name,
 * registered by {@link JavaKernelOp#registerAll()}. Not thread-safe (belongs to one graph).
 */
public final class Relu extends DynamicCustomOp {

    /** Name written into saved graphs; changing it breaks loading of existing model files. */
    public static final String OP_NAME = "textclf_relu";

    /** For SameDiff's reflective instantiation. */
    public Relu() {
        super();
    }

    Relu(SameDiff sd, SDVariable x) {
        super(null, sd, new SDVariable[] {x}, false);
        addTArgument(0.0);
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    public long opHash() {
        return getDescriptor().getHash();
    }

    @Override
    public CustomOpDescriptor getDescriptor() {
        return NativeKernels.descriptor("relu");
    }

    @Override
    public Map<String, Object> propertiesForFunction() {
        return new LinkedHashMap<>();
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> dataTypes) {
        return List.of(dataTypes.get(0));
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        return List.of(new ReluBackward(sameDiff, grads.get(0), outputVariable()).outputVariable());
    }
}
