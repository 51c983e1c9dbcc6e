package org.textclf.models.network;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Java backward kernels behind {@link JavaKernelOp}: plain loops over the arrays' native
 * buffers, row by row along the last axis, accumulating in double. FLOAT and DOUBLE arrays.
 * Inputs that are views or not dense c-order are copied first; outputs are written in place.
 *
 * <p>Stateless and thread-safe; concurrent calls must not share output arrays.
 */
final class JavaKernels {

    private JavaKernels() {
    }

    /** dX = y * (dY - sum(dY * y)) along the last axis, for y = softmax(x). */
    static void softmaxBackward(INDArray y, INDArray dY, INDArray dX) {
        checkSameShape(y, dY, "softmax output", "gradient");
        checkSameShape(y, dX, "softmax output", "result");
        int len = (int) y.size(y.rank() - 1);
        long rows = y.length() / len;
        Rows ys = Rows.of(y);
        Rows gs = Rows.of(dY);
        Rows out = Rows.of(dX);
        double[] yr = new double[len];
        double[] gr = new double[len];
        for (long r = 0; r < rows; r++) {
            ys.get(r, yr);
            gs.get(r, gr);
            double dot = 0;
            for (int i = 0; i < len; i++) {
                dot += gr[i] * yr[i];
            }
            for (int i = 0; i < len; i++) {
                gr[i] = yr[i] * (gr[i] - dot);
            }
            out.put(r, gr);
        }
        out.finish(dX);
        ys.dispose(y);
        gs.dispose(dY);
    }

    /** dX = dY where y &gt; 0, else 0, for y = max(x, 0). */
    static void reluBackward(INDArray y, INDArray dY, INDArray dX) {
        checkSameShape(y, dY, "relu output", "gradient");
        checkSameShape(y, dX, "relu output", "result");
        int len = (int) Math.min(y.length(), 4096);
        while (y.length() % len != 0) {
            len--;
        }
        long rows = y.length() / len;
        Rows ys = Rows.flat(y, len);
        Rows gs = Rows.flat(dY, len);
        Rows out = Rows.flat(dX, len);
        double[] yr = new double[len];
        double[] gr = new double[len];
        for (long r = 0; r < rows; r++) {
            ys.get(r, yr);
            gs.get(r, gr);
            for (int i = 0; i < len; i++) {
                gr[i] = yr[i] > 0 ? gr[i] : 0.0;
            }
            out.put(r, gr);
        }
        out.finish(dX);
        ys.dispose(y);
        gs.dispose(dY);
    }

    /**
     * Gradients of y = gain * (x - mean) / std + bias over the last axis (std the biased standard
     * deviation, as ND4J's {@code layer_norm}): with xh = (x - mean) / std and g = dY * gain,
     * dx = (g - mean(g) - xh * mean(g * xh)) / std, dgain = sum over rows of dY * xh,
     * dbias = sum over rows of dY. A constant row (std 0) gets dx = 0, as ND4J replaces the NaNs of
     * that case by 0.
     */
    static void layerNormBackward(INDArray x, INDArray gain, INDArray dY, INDArray dx, INDArray dGain, INDArray dBias) {
        checkSameShape(x, dY, "input", "gradient");
        checkSameShape(x, dx, "input", "result");
        int d = (int) x.size(x.rank() - 1);
        if (gain.length() != d || dGain.length() != d || dBias.length() != d) {
            throw new IllegalArgumentException("gain, its gradient and the bias gradient must have " + d + " elements");
        }
        long rows = x.length() / d;
        Rows xs = Rows.of(x);
        Rows gs = Rows.of(dY);
        Rows out = Rows.of(dx);
        double[] gamma = new double[d];
        Rows gainIn = Rows.flat(gain, d);
        gainIn.get(0, gamma);
        gainIn.dispose(gain);
        double[] xr = new double[d];
        double[] gr = new double[d];
        double[] sumGain = new double[d];
        double[] sumBias = new double[d];
        for (long r = 0; r < rows; r++) {
            xs.get(r, xr);
            gs.get(r, gr);
            double mean = 0;
            for (int i = 0; i < d; i++) {
                mean += xr[i];
            }
            mean /= d;
            double var = 0;
            for (int i = 0; i < d; i++) {
                double c = xr[i] - mean;
                var += c * c;
            }
            double std = Math.sqrt(var / d);
            double meanG = 0;
            double meanGx = 0;
            for (int i = 0; i < d; i++) {
                double xh = std == 0 ? 0 : (xr[i] - mean) / std;
                xr[i] = xh;
                sumGain[i] += gr[i] * xh;
                sumBias[i] += gr[i];
                double g = gr[i] * gamma[i];
                gr[i] = g;
                meanG += g;
                meanGx += g * xh;
            }
            meanG /= d;
            meanGx /= d;
            for (int i = 0; i < d; i++) {
                gr[i] = std == 0 ? 0 : (gr[i] - meanG - xr[i] * meanGx) / std;
            }
            out.put(r, gr);
        }
        out.finish(dx);
        xs.dispose(x);
        gs.dispose(dY);
        Rows gainOut = Rows.flat(dGain, d);
        gainOut.put(0, sumGain);
        gainOut.finish(dGain);
        Rows biasOut = Rows.flat(dBias, d);
        biasOut.put(0, sumBias);
        biasOut.finish(dBias);
    }

    private static void checkSameShape(INDArray a, INDArray b, String aName, String bName) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(bName + " shape " + java.util.Arrays.toString(b.shape()) + " differs from "
                    + aName + " shape " + java.util.Arrays.toString(a.shape()));
        }
    }

    /**
     * Row access to a dense c-order copy of an array (the array itself when it already is one):
     * rows of {@code len} consecutive elements, read and written as doubles.
     */
    private abstract static class Rows {
        final int len;
        final INDArray dense;

        Rows(INDArray dense, int len) {
            this.dense = dense;
            this.len = len;
        }

        /** Rows along the last axis. */
        static Rows of(INDArray a) {
            return flat(a, (int) a.size(a.rank() - 1));
        }

        static Rows flat(INDArray a, int len) {
            INDArray d = isDense(a) ? a : a.dup('c');
            if (d.dataType() == DataType.FLOAT) {
                return new FloatRows(d, len);
            }
            if (d.dataType() == DataType.DOUBLE) {
                return new DoubleRows(d, len);
            }
            throw new IllegalArgumentException("Java kernels support FLOAT and DOUBLE arrays, not " + d.dataType());
        }

        static boolean isDense(INDArray a) {
            return !a.isView() && a.offset() == 0 && a.ordering() == 'c' && a.elementWiseStride() == 1;
        }

        abstract void get(long row, double[] dst);

        abstract void put(long row, double[] src);

        /** Frees the dense copy of an input, if one was made. */
        void dispose(INDArray original) {
            if (dense != original) {
                dense.close();
            }
        }

        /** Copies the result back when {@code target} was not dense and a copy was written instead. */
        void finish(INDArray target) {
            if (dense != target) {
                target.assign(dense);
                dense.close();
            }
        }
    }

    private static final class FloatRows extends Rows {
        private final FloatBuffer buf;
        private final float[] tmp;

        FloatRows(INDArray a, int len) {
            super(a, len);
            this.buf = a.data().asNioFloat();
            this.tmp = new float[len];
        }

        @Override
        void get(long row, double[] dst) {
            buf.get(Math.toIntExact(row * len), tmp, 0, len);
            for (int i = 0; i < len; i++) {
                dst[i] = tmp[i];
            }
        }

        @Override
        void put(long row, double[] src) {
            for (int i = 0; i < len; i++) {
                tmp[i] = (float) src[i];
            }
            buf.put(Math.toIntExact(row * len), tmp, 0, len);
        }
    }

    private static final class DoubleRows extends Rows {
        private final DoubleBuffer buf;

        DoubleRows(INDArray a, int len) {
            super(a, len);
            this.buf = a.data().asNioDouble();
        }

        @Override
        void get(long row, double[] dst) {
            buf.get(Math.toIntExact(row * len), dst, 0, len);
        }

        @Override
        void put(long row, double[] src) {
            buf.put(Math.toIntExact(row * len), src, 0, len);
        }
    }
}
