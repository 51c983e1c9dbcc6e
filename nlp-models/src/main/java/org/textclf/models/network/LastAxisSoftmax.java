package org.textclf.models.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.textclf.models.NativeKernels;

/**
 * Softmax over the last axis: the native {@code softmax} kernel forward, and a gradient computed in
 * Java ({@link SoftmaxBackward}) instead of M2.1's slow native {@code softmax_bp}. Own op name,
 * registered by {@link JavaKernelOp#registerAll()}. Not thread-safe (belongs to one graph).
 */
public final class LastAxisSoftmax extends SoftMax {

    /** Name written into saved graphs; changing it breaks loading of existing model files. */
    public static final String OP_NAME = "textclf_softmax";

    /** For SameDiff's reflective instantiation. */
    public LastAxisSoftmax() {
        super();
    }

    /** Softmax of {@code x} (of rank {@code rank}) over its last axis. */
    LastAxisSoftmax(SameDiff sd, SDVariable x, int rank) {
        super(sd, new SDVariable[] {x}, rank - 1);
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
        return NativeKernels.descriptor("softmax");
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
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        return List.of(new SoftmaxBackward(sameDiff, grads.get(0), outputVariable()).outputVariable());
    }
}
