package org.textclf.models.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.ImportClassMapping;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.textclf.models.NativeKernels;

/**
 * A gradient op whose values are computed in Java ({@link JavaKernels}) where ND4J 1.0.0-M2.1's
 * native backward kernel is slow at textclf's shapes: {@link SoftmaxBackward} (native
 * {@code softmax_bp} ~100 ms per attention layer at B=32, T=256, 4 heads), {@link LayerNormBackward}
 * (native {@code layer_norm_bp} ~35 ms for a [32, 256, 128] input) and {@link ReluBackward}
 * ({@code thresholdedrelu_bp} ~40 ms for [8192, 512]); the Java versions take a fraction of that
 * (figures in docs/benchmarks.md). Same mechanism as {@link GruBackward}: SameDiff M2.1 executes
 * every op as a native kernel, so the op runs a cheap native kernel that only allocates outputs of
 * the right shapes ({@code zeros_as}: one output shaped like input 0; {@code noop}: one output per
 * input, each shaped like it), and {@link GruBackwardListener}, attached to every graph, overwrites
 * the outputs with {@link #compute} right after the op has run, before any consumer reads them.
 *
 * <p>Each op has its own name, registered in ND4J's op table ({@link #registerAll()}), so that
 * graphs containing it survive SameDiff's FlatBuffers path (save/load, {@code dup}, the gradient
 * function's clone). Like every SameDiff op, an instance belongs to one graph and is not
 * thread-safe.
 */
public abstract class JavaKernelOp extends DynamicCustomOp {

    /** For SameDiff's reflective instantiation. */
    protected JavaKernelOp() {
        super();
    }

    protected JavaKernelOp(SameDiff sd, SDVariable... args) {
        super(null, sd, args, false);
    }

    /** Makes graphs containing textclf's Java-kernel ops (and their forward ops) loadable; idempotent, thread-safe. */
    public static void registerAll() {
        synchronized (ImportClassMapping.class) {
            Map<String, org.nd4j.autodiff.functions.DifferentialFunction> m = ImportClassMapping.getOpNameMapping();
            m.putIfAbsent(SoftmaxBackward.OP_NAME, new SoftmaxBackward());
            m.putIfAbsent(LayerNormBackward.OP_NAME, new LayerNormBackward());
            m.putIfAbsent(ReluBackward.OP_NAME, new ReluBackward());
            m.putIfAbsent(LastAxisSoftmax.OP_NAME, new LastAxisSoftmax());
            m.putIfAbsent(LastAxisLayerNorm.OP_NAME, new LastAxisLayerNorm());
            m.putIfAbsent(Relu.OP_NAME, new Relu());
        }
    }

    /** {@code "zeros_as"} (one output, shaped like input 0) or {@code "noop"} (one output per input). */
    abstract String placeholderKernel();

    /** Writes the op's true outputs into {@code outputs} (fresh arrays of the right shapes). */
    abstract void compute(INDArray[] inputs, INDArray[] outputs);

    @Override
    public long opHash() {
        return getDescriptor().getHash();
    }

    @Override
    public CustomOpDescriptor getDescriptor() {
        return NativeKernels.descriptor(placeholderKernel());
    }

    @Override
    public Map<String, Object> propertiesForFunction() {
        return new LinkedHashMap<>();
    }

    @Override
    public int getNumOutputs() {
        return "noop".equals(placeholderKernel()) ? args().length : 1;
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> dataTypes) {
        return "noop".equals(placeholderKernel()) ? new ArrayList<>(dataTypes) : List.of(dataTypes.get(0));
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        throw new UnsupportedOperationException("second derivatives of " + opName() + " are not supported");
    }
}
