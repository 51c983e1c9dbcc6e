package org.textclf.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences against SameDiff's analytic gradients, in double precision. */
public final class GradientChecks {

    private GradientChecks() {
    }

    /**
     * Checks up to {@code maxPerParam} randomly chosen entries of every parameter (all of them when
     * the parameter is small). Returns the number of entries checked.
     */
    public static int check(SameDiff sd, Map<String, INDArray> feed, String loss, List<String> params,
                            int maxPerParam, long seed) {
        // Copy: the returned arrays may live in workspaces that later runs of the graph reuse.
        Map<String, INDArray> grads = new java.util.HashMap<>();
        sd.calculateGradients(feed, params).forEach((k, v) -> grads.put(k, v.dup()));
        Random rnd = new Random(seed);
        double eps = 1e-6;
        int checked = 0;
        int nonZero = 0;
        for (String p : params) {
            INDArray w = sd.getVariable(p).getArr();
            assertEquals(DataType.DOUBLE, w.dataType(), "gradient checks need double precision: " + p);
            INDArray g = grads.get(p);
            assertTrue(g != null, "no gradient for " + p);
            long n = w.length();
            List<Long> idx = new ArrayList<>();
            if (n <= maxPerParam) {
                for (long i = 0; i < n; i++) {
                    idx.add(i);
                }
            } else {
                for (int i = 0; i < maxPerParam; i++) {
                    idx.add((long) rnd.nextInt((int) n));
                }
            }
            INDArray flatW = w.reshape(n);
            INDArray flatG = g.reshape(n);
            for (long i : idx) {
                double orig = flatW.getDouble(i);
                flatW.putScalar(i, orig + eps);
                double plus = lossValue(sd, feed, loss);
                flatW.putScalar(i, orig - eps);
                double minus = lossValue(sd, feed, loss);
                flatW.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * eps);
                double analytic = flatG.getDouble(i);
                double diff = Math.abs(numeric - analytic);
                double scale = Math.max(Math.abs(numeric), Math.abs(analytic));
                assertTrue(diff < 1e-7 || diff / scale < 1e-5,
                        p + "[" + i + "]: analytic " + analytic + " vs numeric " + numeric);
                if (Math.abs(numeric) > 1e-6) {
                    nonZero++;
                }
                checked++;
            }
        }
        assertTrue(nonZero > checked / 4, "too few non-zero gradients to be a real check: " + nonZero + "/" + checked);
        return checked;
    }

    public static double lossValue(SameDiff sd, Map<String, INDArray> feed, String loss) {
        return sd.output(feed, loss).get(loss).sumNumber().doubleValue();
    }
}
