package org.textclf.models.embed;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Static front door for embedding tables and lookups in a SameDiff graph.
 *
 * <p>Stateless and thread-safe (the graphs it writes into are not).
 */
public final class Embeddings {

    private Embeddings() {
    }

    /**
     * Looks up {@code ids} in {@code table} with {@link EmbeddingLookup} (correct gradient for
     * repeated ids).
     */
    public static SDVariable lookup(SameDiff sd, String name, SDVariable table, SDVariable ids) {
        EmbeddingLookup.register();
        SDVariable out = new EmbeddingLookup(sd, table, ids).outputVariable();
        return name == null ? out : out.rename(name);
    }

    /**
     * A [rows, dim] table drawn from N(0, 1/dim) with the given rows (the padding row, id 0) at zero.
     * Uses ND4J's global random generator, so seed it first for reproducible weights.
     */
    public static INDArray randomTable(int rows, int dim, DataType type, int... zeroRows) {
        if (rows < 1 || dim < 1) {
            throw new IllegalArgumentException("table must be at least 1x1, was " + rows + "x" + dim);
        }
        INDArray table = Nd4j.randn(type, rows, dim).muli(1.0 / Math.sqrt(dim));
        for (int r : zeroRows) {
            table.getRow(r).assign(0);
        }
        return table;
    }
}
