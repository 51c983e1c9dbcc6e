package org.textclf.models.network;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The GRU's training backward pass for FLOAT arrays: {@link GruKernel#replay} followed by
 * {@link GruKernel#backward}, computed with the same float operations in the same order (so the
 * gradients are bit-identical, which {@code GruBackpropTest} checks), at a fraction of the cost.
 *
 * <p>Where the time went in the reference path, and what this class does instead:
 * <ul>
 * <li>~100 MB of fresh native arrays per call, which ND4J zero-fills (page faults, ~0.7 ms of CPU
 *     per MB). Here every intermediate lives in buffers owned by the calling thread and reused
 *     across calls (sized to the largest shape seen, so length-bucketed batches reuse them too).
 * <li>Every {@code mmul} into a c-order result made ND4J allocate a fresh f-order array for the
 *     BLAS call and copy it over. Here the same native {@code Mmul} op (same operands, same
 *     transpose flags, f-order result, alpha 1, beta 0) writes into a reused f-order buffer and the
 *     values are read from there.
 * <li>The coefficient arrays of the backward recurrence (eight whole-sequence elementwise ops and
 *     four strided copies) and the loop's per-step add and broadcast multiply (two native calls per
 *     step) are one Java pass per step, fused into the recurrence; only the step's matrix product
 *     stays native. Elementwise float multiplications, additions and subtractions are exactly
 *     rounded, so Java computes the very same values as ND4J's kernels did. Transcendental
 *     functions (sigmoid, tanh), matrix products and reductions stay ND4J's, called on arrays of the
 *     same layout as before, since their rounding is the library's own.
 * </ul>
 *
 * <p>Thread-safe: each thread has its own buffers (held until the thread ends; at B=32, T=256,
 * nIn=H=128 about 60 MB, as much as one reference call allocated and freed).
 */
final class GruBackprop {

    private static final ThreadLocal<GruBackprop> PER_THREAD = ThreadLocal.withInitial(GruBackprop::new);

    private static final int PREV = 0;
    private static final int R = 1;
    private static final int U = 2;
    private static final int C = 3;
    private static final int HN = 4;
    private static final int TMP = 5;
    private static final int G4 = 6;
    private static final int DGX = 7;
    private static final int W4 = 8;
    private static final int DNEXT = 9;
    private static final int DWH = 10;
    private static final int DWX = 11;
    private static final int TMP2 = 12;
    private static final int GSTEP = 13;
    private static final int SLOTS = 14;

    /** Completed {@link #run} calls in this JVM: lets tests check that a graph took this path. */
    static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();

    private final INDArray[] buffers = new INDArray[SLOTS];

    private GruBackprop() {
    }

    /**
     * Whether {@link #run} handles these arrays: all FLOAT, the arrays read from Java dense c-order,
     * and nIn, H >= 2 (ND4J turns a product with one result column into a matrix-vector call,
     * which this class does not reproduce). Otherwise callers use the reference path.
     */
    static boolean supports(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b, INDArray out, INDArray dOut) {
        for (INDArray a : new INDArray[] {x, h0, wx, wh, b, out, dOut}) {
            if (a.dataType() != DataType.FLOAT) {
                return false;
            }
        }
        if (x.rank() != 3 || h0.rank() != 2 || x.size(2) < 2 || h0.size(1) < 2) {
            return false;
        }
        long elements = x.size(0) * x.size(1) * Math.max(4 * h0.size(1), x.size(2));
        return elements < Integer.MAX_VALUE && isDense(h0) && isDense(out) && isDense(dOut)
                && out.rank() == 3 && dOut.rank() == 3 && out.size(0) == x.size(0) && out.size(1) == x.size(1)
                && out.size(2) == h0.size(1) && java.util.Arrays.equals(out.shape(), dOut.shape());
    }

    private static boolean isDense(INDArray a) {
        return !a.isView() && a.offset() == 0 && a.ordering() == 'c' && a.elementWiseStride() == 1;
    }

    /**
     * Writes dx, dh0, dWx, dWh, db into {@code grads[0..4]} (arrays of the inputs' shapes, any
     * layout), the values {@code GruKernel.backward(GruKernel.replay(x, h0, wx, wh, b, bhn, out), dOut)}
     * returns. Requires {@link #supports}; {@code bhn} is the hidden candidate bias (zeros for
     * {@link ResetGateGru}).
     */
    static void run(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b, INDArray bhn, INDArray out,
                    INDArray dOut, INDArray[] grads) {
        if (!supports(x, h0, wx, wh, b, out, dOut)) {
            throw new IllegalArgumentException("GruBackprop needs FLOAT arrays, dense h0/out/dOut and nIn, H >= 2");
        }
        PER_THREAD.get().compute(x, h0, wx, wh, b, bhn, out, dOut, grads);
        RUNS.incrementAndGet();
    }

    private void compute(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b, INDArray bhn, INDArray out,
                         INDArray dOut, INDArray[] grads) {
        int t = (int) x.size(0);
        int batch = (int) x.size(1);
        int nIn = (int) x.size(2);
        int h = (int) h0.size(1);
        int n = t * batch;
        int bh = batch * h;

        // [h0, out[0], ..., out[T-2]]: the state each step started from.
        INDArray prev = array(PREV, 'c', t, batch, h);
        FloatBuffer prevB = prev.data().asNioFloat();
        prevB.put(0, h0.data().asNioFloat(), 0, bh);
        prevB.put(bh, out.data().asNioFloat(), 0, (t - 1) * bh);

        // Gate replay: GruKernel.replay's operations. Its products went into fresh f-order arrays
        // that ND4J then copied into c-order ones; here they go into two reused f-order buffers and
        // one Java pass per gate does the copy and the bias and elementwise additions, in the
        // reference's order. sigmoid and tanh stay ND4J's, on c-order arrays as before.
        INDArray xf = x.reshape('c', n, nIn);
        INDArray pf = prev.reshape('c', n, h);
        INDArray xProj = array(TMP, 'f', n, h);
        INDArray hProj = array(TMP2, 'f', n, h);
        INDArray r = array(R, 'c', t, batch, h);
        INDArray u = array(U, 'c', t, batch, h);
        INDArray c = array(C, 'c', t, batch, h);
        INDArray hn = array(HN, 'c', t, batch, h);
        float[] bias = b.toFloatVector();
        float[] bhnv = bhn.toFloatVector();
        INDArray[] gates = {r, u, c};
        for (int k = 0; k < 3; k++) {
            INDArray wxk = wx.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h)).dup('c');
            INDArray whk = wh.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h)).dup('c');
            gemm(xf, wxk, xProj);
            gemm(pf, whk, hProj);
            wxk.close();
            whk.close();
            INDArray gf = gates[k].reshape('c', n, h);
            if (k < 2) {
                // (x Wx_k + b_k) + h Wh_k
                preActivation(xProj, hProj, bias, k * h, null, null, null, gf, n, h);
                Transforms.sigmoid(gf, false);
            } else {
                // hn = h Wh_c + bhn; (x Wx_c + b_c) + hn * r
                preActivation(xProj, hProj, bias, 2 * h, bhnv, hn, r, gf, n, h);
                Transforms.tanh(gf, false);
            }
        }

        // Backward recurrence. w4 = [Wh^T ; I], g = dh (x) [kr | ku | kc | u] per step, dh_prev = g w4.
        INDArray w4 = array(W4, 'c', 4 * h, h);
        fillW4(wh, w4, h);
        INDArray g4 = array(G4, 'c', t, batch, 4, h);
        INDArray dgx = array(DGX, 'c', n, 3 * h);
        INDArray dNextF = array(DNEXT, 'f', batch, h);
        FloatBuffer rB = r.data().asNioFloat();
        FloatBuffer uB = u.data().asNioFloat();
        FloatBuffer cB = c.data().asNioFloat();
        FloatBuffer hnB = hn.data().asNioFloat();
        FloatBuffer dOutB = dOut.data().asNioFloat();
        FloatBuffer g4B = g4.data().asNioFloat();
        FloatBuffer dgxB = dgx.data().asNioFloat();
        FloatBuffer dNextB = dNextF.data().asNioFloat();
        // The step's product g [B, 4H] x w4 -> dNext: the same native op as the reference's
        // g4.slice(s).mmul(w4), run on one reused copy of g (fewer Java objects per step).
        INDArray gStep = array(GSTEP, 'c', batch, 4 * h);
        FloatBuffer gStepB = gStep.data().asNioFloat();
        Mmul step = new Mmul(gStep, w4, dNextF, 1.0, 0.0, MMulTranspose.builder().transposeA(false).transposeB(false).build());
        float[] rs = new float[bh];
        float[] us = new float[bh];
        float[] cs = new float[bh];
        float[] hns = new float[bh];
        float[] ps = new float[bh];
        float[] dos = new float[bh];
        float[] dNext = new float[bh];
        float[] dNextT = new float[bh];
        float[] gs = new float[4 * bh];
        float[] dgxs = new float[3 * bh];
        for (int s = t - 1; s >= 0; s--) {
            int base = s * bh;
            rB.get(base, rs, 0, bh);
            uB.get(base, us, 0, bh);
            cB.get(base, cs, 0, bh);
            hnB.get(base, hns, 0, bh);
            prevB.get(base, ps, 0, bh);
            dOutB.get(base, dos, 0, bh);
            for (int bb = 0; bb < batch; bb++) {
                int in = bb * h;
                int g = bb * 4 * h;
                int d = bb * 3 * h;
                for (int j = 0; j < h; j++) {
                    int i = in + j;
                    // Each line is one of the reference's elementwise ops, same operand order.
                    float dh = dos[i] + dNext[i];
                    float uu = us[i];
                    float cc = cs[i];
                    float rr = rs[i];
                    float oneMinusU = 1.0f - uu;
                    float ac = (1.0f - cc * cc) * oneMinusU;
                    float kr = (1.0f - rr) * rr * hns[i] * ac;
                    float ku = (ps[i] - cc) * uu * oneMinusU;
                    float kc = ac * rr;
                    float gr = kr * dh;
                    float gu = ku * dh;
                    gs[g + j] = gr;
                    gs[g + h + j] = gu;
                    gs[g + 2 * h + j] = kc * dh;
                    gs[g + 3 * h + j] = uu * dh;
                    dgxs[d + j] = gr;
                    dgxs[d + h + j] = gu;
                    dgxs[d + 2 * h + j] = dh * ac;
                }
            }
            g4B.put(s * 4 * bh, gs, 0, 4 * bh);
            dgxB.put(s * 3 * bh, dgxs, 0, 3 * bh);
            gStepB.put(0, gs, 0, 4 * bh);
            Nd4j.exec(step);
            dNextB.get(0, dNextT, 0, bh);
            for (int bb = 0; bb < batch; bb++) {
                for (int j = 0; j < h; j++) {
                    dNext[bb * h + j] = dNextT[j * batch + bb];
                }
            }
        }

        // Whole-sequence products and sum of the reference, results through reused f-order buffers.
        INDArray g4f = g4.reshape('c', n, 4 * h);
        INDArray dgh = g4f.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3 * h));
        INDArray dwh = array(DWH, 'f', h, 3 * h);
        gemm(pf.transpose(), dgh, dwh);
        INDArray dwx = array(DWX, 'f', nIn, 3 * h);
        gemm(xf.transpose(), dgx, dwx);
        INDArray db = dgx.sum(0);
        INDArray dx = array(TMP, 'f', n, nIn);
        gemm(dgx, wx.transpose(), dx);
        grads[0].assign(dx.reshape('c', t, batch, nIn));
        grads[1].assign(dNextF);
        grads[2].assign(dwx);
        grads[3].assign(dwh);
        grads[4].assign(db);
        db.close();
    }

    /**
     * One gate's pre-activation into {@code gate} (c-order [n, h]) from the f-order products:
     * {@code (xProj + b[off..]) + hProj}, or when {@code bhn} is given, {@code hn = hProj + bhn}
     * (written to {@code hnOut}) and {@code (xProj + b[off..]) + hn * r}. Row blocks, so that
     * the f-order reads and c-order writes stay in cache.
     */
    private static void preActivation(INDArray xProj, INDArray hProj, float[] bias, int off, float[] bhn,
                                      INDArray hnOut, INDArray r, INDArray gate, int n, int h) {
        FloatBuffer xb = xProj.data().asNioFloat();
        FloatBuffer hb = hProj.data().asNioFloat();
        FloatBuffer gb = gate.data().asNioFloat();
        FloatBuffer hnb = hnOut == null ? null : hnOut.data().asNioFloat();
        FloatBuffer rb = r == null ? null : r.data().asNioFloat();
        int rows = 64;
        float[] xs = new float[rows * h];
        float[] hs = new float[rows * h];
        float[] gs = new float[rows * h];
        float[] hns = new float[rows * h];
        float[] rs = new float[rows * h];
        for (int i0 = 0; i0 < n; i0 += rows) {
            int m = Math.min(rows, n - i0);
            for (int j = 0; j < h; j++) {
                xb.get(j * n + i0, xs, j * rows, m);
                hb.get(j * n + i0, hs, j * rows, m);
            }
            if (bhn == null) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < h; j++) {
                        gs[i * h + j] = xs[j * rows + i] + bias[off + j] + hs[j * rows + i];
                    }
                }
            } else {
                rb.get(i0 * h, rs, 0, m * h);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < h; j++) {
                        float hnv = hs[j * rows + i] + bhn[j];
                        hns[i * h + j] = hnv;
                        gs[i * h + j] = xs[j * rows + i] + bias[off + j] + hnv * rs[i * h + j];
                    }
                }
                hnb.put(i0 * h, hns, 0, m * h);
            }
            gb.put(i0 * h, gs, 0, m * h);
        }
    }

    /** w4 = [Wh^T ; I] (c-order [4H, H]): the values ND4J's transpose-assign and eye gave. */
    private static void fillW4(INDArray wh, INDArray w4, int h) {
        float[] whv = Nd4j.toFlattened('c', wh).toFloatVector();
        float[] w = new float[4 * h * h];
        for (int i = 0; i < 3 * h; i++) {
            for (int j = 0; j < h; j++) {
                w[i * h + j] = whv[j * 3 * h + i];
            }
        }
        for (int j = 0; j < h; j++) {
            w[(3 * h + j) * h + j] = 1.0f;
        }
        w4.data().asNioFloat().put(0, w, 0, w.length);
    }

    /** ND4J's {@code mmul} into an f-order result: the native op it runs, without the fresh temporary. */
    private static void gemm(INDArray a, INDArray b, INDArray resultF) {
        Nd4j.exec(new Mmul(a, b, resultF, 1.0, 0.0, MMulTranspose.builder().transposeA(false).transposeB(false).build()));
    }

    /**
     * A dense array of this shape and order at the start of the slot's buffer, which grows (never
     * shrinks) to the largest size asked for. Contents are whatever the previous call left.
     */
    private INDArray array(int slot, char order, long... shape) {
        long len = 1;
        for (long d : shape) {
            len *= d;
        }
        INDArray buf = buffers[slot];
        if (buf == null || buf.length() < len) {
            if (buf != null) {
                buf.close();
            }
            // Detached: the buffers outlive any workspace the caller may have open.
            buf = Nd4j.createUninitializedDetached(DataType.FLOAT, len);
            buffers[slot] = buf;
        }
        return Nd4j.create(buf.data(), shape, Nd4j.getStrides(shape, order), 0, order, DataType.FLOAT);
    }
}
