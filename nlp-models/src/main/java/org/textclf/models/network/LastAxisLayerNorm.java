package org.textclf.models.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.textclf.models.NativeKernels;

/**
 * Layer normalisation over the last axis with gain and bias: the native {@code layer_norm} kernel
 * forward ({@code gain * (x - mean) / std + bias}, std the biased standard deviation), and a
 * gradient computed in Java ({@link LayerNormBackward}) instead of M2.1's slow native
 * {@code layer_norm_bp}. Own op name, registered by {@link JavaKernelOp#registerAll()}. Not
 * thread-safe (belongs to one graph).
 */
public final class LastAxisLayerNorm extends LayerNorm {

    /** Name written into saved graphs; changing it breaks loading of existing model files. */
    public static final String OP_NAME = "textclf_layer_norm";

    /** For SameDiff's reflective instantiation. */
    public LastAxisLayerNorm() {
        super();
    }

    /** Layer norm of {@code x} (of rank {@code rank}) over its last axis. */
    LastAxisLayerNorm(SameDiff sd, SDVariable x, SDVariable gain, SDVariable bias, int rank) {
        super(sd, x, gain, bias, false, rank - 1);
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
        return NativeKernels.descriptor("layer_norm");
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
        SDVariable[] g = new LayerNormBackward(sameDiff, arg(0), arg(1), arg(2), grads.get(0)).outputVariables();
        return List.of(g[0], g[1], g[2]);
    }
}
