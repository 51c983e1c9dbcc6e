package org.textclf.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.textclf.models.GradientChecks;

class EmbeddingLookupTest {

    /** ids [2,4] with id 2 three times and id 0 twice; loss weights every output cell differently. */
    private static SameDiff graph() {
        Nd4j.getRandom().setSeed(7);
        SameDiff sd = SameDiff.create();
        SDVariable ids = sd.placeHolder("ids", DataType.INT, -1, -1);
        SDVariable table = sd.var("table", Nd4j.randn(DataType.DOUBLE, 5, 3));
        SDVariable out = Embeddings.lookup(sd, "emb", table, ids);
        SDVariable w = sd.constant("w", weights());
        out.mul(w).sum().rename("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    /** 1/7, 2/7, ..., 24/7 laid out as [2,4,3]. */
    private static INDArray weights() {
        return Nd4j.arange(1, 25).castTo(DataType.DOUBLE).reshape(2, 4, 3).divi(7);
    }

    private static Map<String, INDArray> feed() {
        return Map.of("ids", Nd4j.createFromArray(new int[][] {{2, 1, 2, 0}, {2, 4, 0, 3}}));
    }

    @Test
    void forwardIsARowLookup() {
        SameDiff sd = graph();
        INDArray emb = sd.output(feed(), "emb").get("emb");
        INDArray table = sd.getVariable("table").getArr();
        assertArrayEquals(new long[] {2, 4, 3}, emb.shape());
        assertEquals(table.getRow(4), emb.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.all()));
    }

    @Test
    void gradientSumsRepeatedIdsExactly() {
        SameDiff sd = graph();
        INDArray g = sd.calculateGradients(feed(), "table").get("table");
        // d loss / d table[id] = sum of w over the positions holding id: id 2 at (0,0),(0,2),(1,0).
        INDArray w = weights();
        double[] expected2 = new double[3];
        int[][] pos = {{0, 0}, {0, 2}, {1, 0}};
        for (int[] p : pos) {
            for (int e = 0; e < 3; e++) {
                expected2[e] += w.getDouble(p[0], p[1], e);
            }
        }
        assertArrayEquals(expected2, g.getRow(2).toDoubleVector(), 1e-12);
        // (1+2+3)/7 for the first row at (0,1): id 1 appears once.
        assertArrayEquals(new double[] {4 / 7.0, 5 / 7.0, 6 / 7.0}, g.getRow(1).toDoubleVector(), 1e-12);
    }

    @Test
    void finiteDifferencesMatchWithRepeatedIds() {
        SameDiff sd = graph();
        int n = GradientChecks.check(sd, feed(), "loss", List.of("table"), 100, 1);
        assertEquals(15, n);
    }

    @Test
    void survivesDupAndSaveLoadWithItsGradient(@TempDir Path dir) throws Exception {
        SameDiff sd = graph();
        INDArray before = sd.calculateGradients(feed(), "table").get("table");
        SameDiff copy = sd.dup();
        assertTrue(copy.getOps().values().stream().anyMatch(o -> o.getOp() instanceof EmbeddingLookup));
        assertEquals(before, copy.calculateGradients(feed(), "table").get("table"));
        File f = dir.resolve("g.fb").toFile();
        sd.asFlatFile(f);
        SameDiff loaded = SameDiff.fromFlatFile(f);
        assertTrue(Files.size(f.toPath()) > 0);
        assertTrue(loaded.getOps().values().stream().anyMatch(o -> o.getOp() instanceof EmbeddingLookup));
        assertEquals(before, loaded.calculateGradients(feed(), "table").get("table"));
    }
}
