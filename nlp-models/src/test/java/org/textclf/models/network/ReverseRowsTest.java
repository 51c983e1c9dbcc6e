package org.textclf.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.ReverseSequence;
import org.nd4j.linalg.factory.Nd4j;

/** The bidirectional GRU's reversal (a row gather) against ND4J's reverse_sequence, which it replaces. */
class ReverseRowsTest {

    @Test
    void reversesEachDocumentWithinItsLengthAndKeepsPaddingInPlace() {
        // T = 4, B = 2, D = 1: document 0 has 3 tokens, document 1 has 1 (rows are time-major: x[t][b]).
        float[][] x = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
        float[][] mask = {{1, 1, 1, 0}, {1, 0, 0, 0}};
        float[][] expected = {{3, 10}, {2, 20}, {1, 30}, {4, 40}};
        INDArray out = run(Nd4j.createFromArray(x).reshape(4, 2, 1), Nd4j.createFromArray(mask));
        assertEquals(Nd4j.createFromArray(expected).reshape(4, 2, 1), out);
    }

    @Test
    void equalsReverseSequenceOnSeededRandomBatches() {
        Random r = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int t = 1 + r.nextInt(9);
            int b = 1 + r.nextInt(5);
            int d = 1 + r.nextInt(4);
            INDArray x = Nd4j.rand(DataType.FLOAT, t, b, d);
            float[][] mask = new float[b][t];
            int[] lengths = new int[b];
            for (int i = 0; i < b; i++) {
                lengths[i] = r.nextInt(t + 1);           // 0 .. T: empty and full documents included
                for (int j = 0; j < lengths[i]; j++) {
                    mask[i][j] = 1;
                }
            }
            INDArray want = Nd4j.exec(new ReverseSequence(x, Nd4j.createFromArray(lengths), 0, 1))[0];
            assertEquals(want, run(x, Nd4j.createFromArray(mask)), "trial " + trial + " T=" + t + " B=" + b);
        }
    }

    private static INDArray run(INDArray x, INDArray mask) {
        SameDiff sd = SameDiff.create();
        GraphBuilder g = new GraphBuilder(sd, DataType.FLOAT, 0.0);
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, -1, -1);
        NetworkFactory.permuteRows(g, in, NetworkFactory.reverseRows(g)).rename("out");
        INDArray ids = Nd4j.zeros(DataType.INT, mask.size(0), mask.size(1));
        return sd.output(Map.of("x", x, TextNetwork.MASK, mask, TextNetwork.IDS, ids), "out").get("out");
    }
}
