package org.textclf.models.embed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.imports.converters.ImportClassMapping;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;
import org.textclf.models.NativeKernels;

/**
 * Embedding lookup {@code out[..., :] = table[ids[...], :]} with a correct and fast gradient.
 *
 * <p>SameDiff's own {@code gather} in 1.0.0-M2.1 back-propagates with a scatter that keeps only the
 * last write when an id repeats (every real sentence repeats ids) and runs as a per-index
 * interpreted loop. This op runs the same native {@code gather} kernel forward, and its gradient is
 * one native {@code scatter_add} (single-threaded) of the output gradient's rows into a zero table
 * at the flattened ids, which sums repeated rows.
 *
 * <p>The op has its own name so that SameDiff's FlatBuffers path ({@code save}, {@code load},
 * {@code dup}) maps it back to this class rather than to {@link Gather}: {@link #register()} adds
 * the name to ND4J's op-name table, and every entry point of this package calls it.
 *
 * <p>Build instances through {@link Embeddings#lookup}. Like every SameDiff op, an instance belongs
 * to one graph and is not thread-safe.
 */
public final class EmbeddingLookup extends Gather {

    /** Name written into saved graphs; changing it breaks loading of existing model files. */
    public static final String OP_NAME = "textclf_embedding_lookup";

    static {
        register();
    }

    /** For SameDiff's reflective instantiation when a saved graph is loaded. */
    public EmbeddingLookup() {
        super();
    }

    /**
     * @param sd    graph
     * @param table embedding matrix [V, E]
     * @param ids   integer ids of any shape; the output has shape ids.shape + [E]
     */
    public EmbeddingLookup(SameDiff sd, SDVariable table, SDVariable ids) {
        super(sd, table, ids, 0, false);
    }

    /**
     * Makes graphs containing this op loadable; idempotent and thread-safe.
     */
    public static void register() {
        synchronized (ImportClassMapping.class) {
            ImportClassMapping.getOpNameMapping().putIfAbsent(OP_NAME, new EmbeddingLookup());
        }
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    /** Executes as the native gather kernel: only the gradient differs. */
    @Override
    public long opHash() {
        return getDescriptor().getHash();
    }

    @Override
    public CustomOpDescriptor getDescriptor() {
        return NativeKernels.descriptor("gather");
    }

    /**
     * ND4J looks up argument metadata by op name, and ours is not a native name. The only argument
     * (axis 0) travels as an integer argument, which the FlatBuffers path stores separately.
     */
    @Override
    public Map<String, Object> propertiesForFunction() {
        return new LinkedHashMap<>();
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SDVariable table = arg(0);
        SDVariable ids = arg(1);
        SDVariable grad = gradients.get(0);
        // [ids..., E] -> [N, E]; row i of the table gradient sums the rows whose id is i.
        SDVariable width = sameDiff.reshape(sameDiff.sizeAt(table, 1), 1);
        SDVariable flatShape = sameDiff.concat(0, sameDiff.constant(Nd4j.createFromArray(-1L)), width.castTo(DataType.INT64));
        SDVariable rows = sameDiff.reshape(grad, flatShape);
        SDVariable flatIds = sameDiff.reshape(ids, -1);
        // scatter_add into zeros, not unsorted_segment_sum: the M2.1 native unsorted_segment_sum leaks
        // native memory on every call (about 19 MB per call for a 130000 x 64 table, not reclaimed by
        // any GC; bench.LookupLeakProbe segment). B_ARG(0) = lock: one thread, so repeated ids
        // cannot race when adding into the same row.
        ScatterAdd scatter = new ScatterAdd(sameDiff, sameDiff.zerosLike(table), flatIds, rows);
        scatter.addBArgument(true);
        SDVariable tableGrad = scatter.outputVariable();
        return List.of(tableGrad, sameDiff.zerosLike(ids));
    }
}
