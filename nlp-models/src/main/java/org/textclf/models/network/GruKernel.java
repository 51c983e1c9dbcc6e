package org.textclf.models.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A GRU with reset gate in PyTorch's formulation, forward and exact backward (BPTT), on plain
 * INDArrays:
 *
 * <pre>
 * r = sigmoid(x Wx_r + b_r + h Wh_r)
 * u = sigmoid(x Wx_u + b_u + h Wh_u)
 * c = tanh(x Wx_c + b_c + r * (h Wh_c + bhn))
 * h' = u * h + (1 - u) * c
 * </pre>
 *
 * Time-major x [T, B, nIn], Wx [nIn, 3H], Wh [H, 3H], gate order [r | u | c] along 3H (PyTorch's
 * [r | z | n]), b [3H] (the input-side biases plus PyTorch's hidden-side r and z biases, which only
 * ever appear summed), bhn [H] (PyTorch's {@code bias_hh} candidate slice, inside {@code r * (..)}).
 *
 * <p>Why it exists: ND4J 1.0.0-M2.1's native {@code gru} forward computes this formula (with
 * bhn = 0), but its {@code gru_bp} differentiates {@code (r*h) Wh_c} instead, so its gradients are
 * wrong whenever the reset gate is live. The input projections of all time steps are one matrix
 * product each way; only the recurrence runs step by step (a few native calls per step).
 *
 * <p>Stateless; thread-safe as long as callers do not share the arrays they pass in.
 */
final class GruKernel {

    private GruKernel() {
    }

    /** What the backward pass needs from the forward pass. */
    record Forward(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray out,
                   INDArray r, INDArray u, INDArray c, INDArray hn) {
    }

    /** Gradients with respect to every input of {@link #forward}. */
    record Gradients(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b, INDArray bhn) {
    }

    static Forward forward(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b, INDArray bhn) {
        long t = x.size(0);
        long batch = x.size(1);
        long nIn = x.size(2);
        long h = h0.size(1);
        checkShapes(x, h0, wx, wh, b, bhn);
        // All input projections at once: [T*B, nIn] x [nIn, 3H].
        INDArray gx = x.reshape('c', t * batch, nIn).mmul(wx).addiRowVector(b).reshape('c', t, batch, 3 * h);
        INDArray out = Nd4j.create(x.dataType(), t, batch, h);
        INDArray r = Nd4j.create(x.dataType(), t, batch, h);
        INDArray u = Nd4j.create(x.dataType(), t, batch, h);
        INDArray c = Nd4j.create(x.dataType(), t, batch, h);
        INDArray hn = Nd4j.create(x.dataType(), t, batch, h);
        INDArray prev = h0;
        for (int s = 0; s < t; s++) {
            INDArray gxs = gx.get(NDArrayIndex.point(s), NDArrayIndex.all(), NDArrayIndex.all());
            INDArray gh = prev.mmul(wh);
            INDArray ru = gh.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2 * h))
                    .addi(gxs.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2 * h)));
            Transforms.sigmoid(ru, false);
            INDArray rs = ru.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
            INDArray us = ru.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h));
            INDArray hns = gh.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h)).addiRowVector(bhn);
            INDArray cs = Transforms.tanh(hns.mul(rs).addi(gxs.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h))), false);
            // h' = c + u * (h - c)
            INDArray hs = prev.sub(cs).muli(us).addi(cs);
            out.get(NDArrayIndex.point(s), NDArrayIndex.all(), NDArrayIndex.all()).assign(hs);
            r.get(NDArrayIndex.point(s), NDArrayIndex.all(), NDArrayIndex.all()).assign(rs);
            u.get(NDArrayIndex.point(s), NDArrayIndex.all(), NDArrayIndex.all()).assign(us);
            c.get(NDArrayIndex.point(s), NDArrayIndex.all(), NDArrayIndex.all()).assign(cs);
            hn.get(NDArrayIndex.point(s), NDArrayIndex.all(), NDArrayIndex.all()).assign(hns);
            prev = hs;
        }
        return new Forward(x, h0, wx, wh, out, r, u, c, hn);
    }

    /** Backpropagation through time; {@code dOut} is dLoss/dOut [T, B, H]. */
    static Gradients backward(Forward f, INDArray dOut) {
        long t = f.x().size(0);
        long batch = f.x().size(1);
        long nIn = f.x().size(2);
        long h = f.h0().size(1);
        INDArray dgx = Nd4j.create(f.x().dataType(), t, batch, 3 * h);
        INDArray dwh = Nd4j.zeros(f.x().dataType(), h, 3 * h);
        INDArray dbhn = Nd4j.zeros(f.x().dataType(), h);
        INDArray dgh = Nd4j.create(f.x().dataType(), batch, 3 * h);
        INDArray whT = f.wh().transpose();
        INDArray dNext = Nd4j.zeros(f.x().dataType(), batch, h);
        for (int s = (int) t - 1; s >= 0; s--) {
            INDArray rs = step(f.r(), s);
            INDArray us = step(f.u(), s);
            INDArray cs = step(f.c(), s);
            INDArray hns = step(f.hn(), s);
            INDArray prev = s == 0 ? f.h0() : step(f.out(), s - 1);
            INDArray dh = step(dOut, s).add(dNext);
            // dzc = dh * (1 - u) * (1 - c^2)
            INDArray dzc = dh.mul(us.rsub(1.0)).muli(cs.mul(cs).rsubi(1.0));
            // dzu = dh * (h - c) * u * (1 - u)
            INDArray dzu = dh.mul(prev.sub(cs)).muli(us).muli(us.rsub(1.0));
            // dzr = dzc * hn * r * (1 - r)
            INDArray dzr = dzc.mul(hns).muli(rs).muli(rs.rsub(1.0));
            INDArray dgxs = dgx.get(NDArrayIndex.point(s), NDArrayIndex.all(), NDArrayIndex.all());
            dgxs.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)).assign(dzr);
            dgxs.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h)).assign(dzu);
            dgxs.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h)).assign(dzc);
            dgh.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2 * h)).assign(dgxs.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2 * h)));
            INDArray dhn = dgh.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h)).assign(dzc).muli(rs);
            dbhn.addi(dhn.sum(0));
            dwh.addi(prev.transpose().mmul(dgh));
            dNext = dh.muli(us).addi(dgh.mmul(whT));
        }
        INDArray flat = dgx.reshape('c', t * batch, 3 * h);
        INDArray xFlat = f.x().reshape('c', t * batch, nIn);
        INDArray dwx = xFlat.transpose().mmul(flat);
        INDArray db = flat.sum(0);
        INDArray dx = flat.mmul(f.wx().transpose()).reshape('c', t, batch, nIn);
        return new Gradients(dx, dNext, dwx, dwh, db, dbhn);
    }

    private static INDArray step(INDArray a, int s) {
        return a.get(NDArrayIndex.point(s), NDArrayIndex.all(), NDArrayIndex.all());
    }

    private static void checkShapes(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b, INDArray bhn) {
        long h = h0.size(1);
        if (x.rank() != 3 || h0.rank() != 2 || h0.size(0) != x.size(1) || wx.rank() != 2 || wx.size(0) != x.size(2)
                || wx.size(1) != 3 * h || wh.rank() != 2 || wh.size(0) != h || wh.size(1) != 3 * h
                || b.length() != 3 * h || bhn.length() != h) {
            throw new IllegalArgumentException("GRU shapes must be x [T, B, nIn], h0 [B, H], Wx [nIn, 3H], Wh [H, 3H], b [3H], bhn [H]; were x "
                    + java.util.Arrays.toString(x.shape()) + ", h0 " + java.util.Arrays.toString(h0.shape()) + ", Wx "
                    + java.util.Arrays.toString(wx.shape()) + ", Wh " + java.util.Arrays.toString(wh.shape()) + ", b "
                    + java.util.Arrays.toString(b.shape()) + ", bhn " + java.util.Arrays.toString(bhn.shape()));
        }
    }
}
