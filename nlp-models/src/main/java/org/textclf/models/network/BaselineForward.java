package org.textclf.models.network;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The baseline's inference in plain Java, reading the graph's live weights: the masked mean of the
 * word rows and hashed-bigram rows of the embedding table, times {@code output_W} plus
 * {@code output_b}, then softmax (or sigmoids for multi-label). The same function as the graph's
 * {@code probs} (dropout is the identity at inference), equal to float rounding
 * ({@code BaselineForwardTest}); sums run in double.
 *
 * <p>Why: the graph spends ~6 ms gathering [B, 2T, E] rows into a new array before averaging them
 * and ~16 ms per batch of 32 x 256 tokens in total, where the average itself is ~2M additions;
 * fastText-style inference is this loop. Training still runs the graph.
 *
 * <p>Stateless; callers synchronize on the network while it runs (weights may be updated by training).
 */
final class BaselineForward {

    static final String TABLE = "embedding";
    static final String WEIGHTS = "output_W";
    static final String BIAS = "output_b";

    private BaselineForward() {
    }

    /** Whether the graph has the baseline's variables with the shapes this class expects. */
    static boolean applies(NetworkConfig c, SameDiff sd) {
        if (c.architecture() != Architecture.BASELINE || !sd.hasVariable(TABLE) || !sd.hasVariable(WEIGHTS) || !sd.hasVariable(BIAS)) {
            return false;
        }
        INDArray table = sd.getArrForVarName(TABLE);
        INDArray w = sd.getArrForVarName(WEIGHTS);
        INDArray b = sd.getArrForVarName(BIAS);
        if (table == null || w == null || b == null) {
            return false;
        }
        DataType t = table.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && dense(table)
                && table.rank() == 2 && table.size(0) == c.embeddingRows() && table.size(1) == c.embeddingDim()
                && w.rank() == 2 && w.size(0) == c.embeddingDim() && w.size(1) == c.labelCount() && b.length() == c.labelCount();
    }

    private static boolean dense(INDArray a) {
        return !a.isView() && a.offset() == 0 && a.ordering() == 'c' && a.elementWiseStride() == 1;
    }

    /** Probabilities [B][labels] for a validated, right-padded batch. */
    static float[][] predict(NetworkConfig c, SameDiff sd, int[][] ids, float[][] mask) {
        INDArray table = sd.getArrForVarName(TABLE);
        int e = c.embeddingDim();
        int labels = c.labelCount();
        double[][] w = sd.getArrForVarName(WEIGHTS).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] bias = sd.getArrForVarName(BIAS).castTo(DataType.DOUBLE).reshape(labels).toDoubleVector();
        FloatBuffer fb = table.dataType() == DataType.FLOAT ? table.data().asNioFloat() : null;
        DoubleBuffer db = fb == null ? table.data().asNioDouble() : null;
        float[][] frows = new float[4][e];
        double[] drow = new double[e];
        double[] sum = new double[e];
        int longest = 0;
        for (int[] row : ids) {
            longest = Math.max(longest, row.length);
        }
        long[] rows = new long[2 * longest];
        double[] weights = new double[2 * longest];
        float[][] out = new float[ids.length][labels];
        for (int i = 0; i < ids.length; i++) {
            java.util.Arrays.fill(sum, 0);
            double count = 0;
            int n = 0;
            int t = ids[i].length;
            for (int j = 0; j < t; j++) {
                double m = mask[i][j];
                if (m != 0) {
                    rows[n] = ids[i][j];
                    weights[n++] = m;
                    count += m;
                }
                if (c.bigramBuckets() > 0 && j + 1 < t && mask[i][j] > 0 && mask[i][j + 1] > 0) {
                    rows[n] = (long) c.vocabSize() + TextNetwork.bigramBucket(ids[i][j], ids[i][j + 1], c.bigramBuckets());
                    weights[n++] = 1.0;
                    count += 1;
                }
            }
            int r = 0;
            if (fb != null) {
                for (; r + 4 <= n; r += 4) {
                    addFourRows(fb, rows, weights, r, e, frows, sum);
                }
            }
            for (; r < n; r++) {
                addRow(fb, db, rows[r], e, weights[r], frows[0], drow, sum);
            }
            double denom = Math.max(count, 1.0);
            double[] logits = bias.clone();
            for (int k = 0; k < e; k++) {
                double x = sum[k] / denom;
                for (int l = 0; l < labels; l++) {
                    logits[l] += x * w[k][l];
                }
            }
            if (c.multiLabel()) {
                for (int l = 0; l < labels; l++) {
                    out[i][l] = (float) (1 / (1 + Math.exp(-logits[l])));
                }
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double z : logits) {
                    max = Math.max(max, z);
                }
                double z = 0;
                for (int l = 0; l < labels; l++) {
                    logits[l] = Math.exp(logits[l] - max);
                    z += logits[l];
                }
                for (int l = 0; l < labels; l++) {
                    out[i][l] = (float) (logits[l] / z);
                }
            }
        }
        return out;
    }

    /**
     * Rows r..r+3 of {@code rows}, weighted, added to {@code sum}. Four rows per pass keep four table reads in
     * flight: the rows are scattered over a table of tens of MB, so one row at a time waits on each cache miss
     * in turn (StepTiming baseline on IMDB batches: 6.2 -> 4.7 ms CPU per batch of 32).
     */
    private static void addFourRows(FloatBuffer fb, long[] rows, double[] weights, int r, int e, float[][] f, double[] sum) {
        float[] f0 = f[0];
        float[] f1 = f[1];
        float[] f2 = f[2];
        float[] f3 = f[3];
        fb.get(Math.toIntExact(rows[r] * e), f0, 0, e);
        fb.get(Math.toIntExact(rows[r + 1] * e), f1, 0, e);
        fb.get(Math.toIntExact(rows[r + 2] * e), f2, 0, e);
        fb.get(Math.toIntExact(rows[r + 3] * e), f3, 0, e);
        double w0 = weights[r];
        double w1 = weights[r + 1];
        double w2 = weights[r + 2];
        double w3 = weights[r + 3];
        if (w0 == 1.0 && w1 == 1.0 && w2 == 1.0 && w3 == 1.0) {
            for (int k = 0; k < e; k++) {
                sum[k] += ((double) f0[k] + f1[k]) + ((double) f2[k] + f3[k]);
            }
        } else {
            for (int k = 0; k < e; k++) {
                sum[k] += (w0 * f0[k] + w1 * f1[k]) + (w2 * f2[k] + w3 * f3[k]);
            }
        }
    }

    private static void addRow(FloatBuffer fb, DoubleBuffer db, long row, int e, double weight, float[] frow, double[] drow,
                               double[] sum) {
        int at = Math.toIntExact(row * e);
        if (fb != null) {
            fb.get(at, frow, 0, e);
            if (weight == 1.0) {
                for (int k = 0; k < e; k++) {
                    sum[k] += frow[k];
                }
            } else {
                for (int k = 0; k < e; k++) {
                    sum[k] += weight * frow[k];
                }
            }
        } else {
            db.get(at, drow, 0, e);
            for (int k = 0; k < e; k++) {
                sum[k] += weight * drow[k];
            }
        }
    }
}
