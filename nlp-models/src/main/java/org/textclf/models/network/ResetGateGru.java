package org.textclf.models.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.ImportClassMapping;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.GRU;
import org.textclf.models.NativeKernels;

/**
 * GRU layer with a live reset gate: the native {@code gru} kernel forward (which computes PyTorch's
 * formulation {@code c = tanh(x Wx_c + b_c + r * (h Wh_c))}, checked against torch in
 * {@code GruKernelTest}), and a correct gradient through {@link GruBackward}.
 *
 * <p>ND4J 1.0.0-M2.1's own {@code gru_bp} differentiates {@code (r*h) Wh_c} instead, so it is never
 * used. Inputs: x [T, B, nIn] (time-major), h0 [B, H], Wx [nIn, 3H], Wh [H, 3H], b [3H], gate order
 * [r | u | c]; output [T, B, H].
 *
 * <p>Has its own op name, registered in ND4J's op table by {@link #register()}, so that SameDiff's
 * FlatBuffers path ({@code save}/{@code load}, {@code dup}, the gradient-function clone) maps it back
 * to this class and its gradient rather than to {@link GRU}'s. Like every SameDiff op, an instance
 * belongs to one graph and is not thread-safe.
 */
public final class ResetGateGru extends GRU {

    /** Name written into saved graphs; changing it breaks loading of existing model files. */
    public static final String OP_NAME = "textclf_gru";

    static {
        register();
    }

    /** For SameDiff's reflective instantiation when a saved graph is loaded. */
    public ResetGateGru() {
        super();
    }

    public ResetGateGru(SameDiff sd, SDVariable x, SDVariable h0, SDVariable wx, SDVariable wh, SDVariable b) {
        super(sd, x, h0, wx, wh, b);
    }

    /**
     * Makes graphs containing this op (and its gradient op) loadable, and those containing the
     * other ops of this package ({@link JavaKernelOp#registerAll()}): model loading calls this before
     * reading a graph. Idempotent and thread-safe.
     */
    public static void register() {
        JavaKernelOp.registerAll();
        synchronized (ImportClassMapping.class) {
            ImportClassMapping.getOpNameMapping().putIfAbsent(OP_NAME, new ResetGateGru());
            ImportClassMapping.getOpNameMapping().putIfAbsent(GruBackward.OP_NAME, new GruBackward());
        }
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
        return NativeKernels.descriptor("gru");
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
        SDVariable[] g = new GruBackward(sameDiff, arg(0), arg(1), arg(2), arg(3), arg(4), outputVariable(), grads.get(0))
                .outputVariables();
        return List.of(g[0], g[1], g[2], g[3], g[4]);
    }
}
