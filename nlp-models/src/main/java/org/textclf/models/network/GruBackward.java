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
 * Gradient of {@link ResetGateGru}: inputs x, h0, Wx, Wh, b, the forward output and dLoss/dOut;
 * outputs dx, dh0, dWx, dWh, db (then two unused outputs).
 *
 * <p>SameDiff in 1.0.0-M2.1 runs every op as a native kernel, and no native kernel computes this
 * gradient. The op therefore runs the native {@code identity_n} kernel (which allocates outputs of
 * exactly the inputs' shapes) and {@link GruBackwardListener}, which every {@link TextNetwork}
 * attaches to its graph, overwrites the first five outputs with {@link GruKernel}'s exact
 * backpropagation through time ({@link GruBackprop} for FLOAT, bit-identical and faster) as soon as
 * the op has run, before any consumer reads them.
 * Without the listener the outputs would be copies of the inputs; {@code NetworkTest}'s gradient
 * checks would fail.
 *
 * <p>Like every SameDiff op, an instance belongs to one graph and is not thread-safe.
 */
public final class GruBackward extends DynamicCustomOp {

    /** Name written into graphs; changing it breaks loading of graphs that contain it. */
    public static final String OP_NAME = "textclf_gru_bp";

    /** For SameDiff's reflective instantiation. */
    public GruBackward() {
        super();
    }

    GruBackward(SameDiff sd, SDVariable x, SDVariable h0, SDVariable wx, SDVariable wh, SDVariable b,
                SDVariable out, SDVariable dOut) {
        super(null, sd, new SDVariable[] {x, h0, wx, wh, b, out, dOut}, false);
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
        return NativeKernels.descriptor("identity_n");
    }

    @Override
    public Map<String, Object> propertiesForFunction() {
        return new LinkedHashMap<>();
    }

    @Override
    public int getNumOutputs() {
        return 7;
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> dataTypes) {
        return dataTypes;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        throw new UnsupportedOperationException("second derivatives of the GRU are not supported");
    }
}
