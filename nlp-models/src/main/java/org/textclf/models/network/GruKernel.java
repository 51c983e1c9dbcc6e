package org.textclf.models.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
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
 * wrong whenever the reset gate is live. Training uses the native forward and, through
 * {@link GruBackward}, {@link #replay} + {@link #backward}: for FLOAT arrays in the form of
 * {@link GruBackprop}, which computes the same values bit for bit at about half the cost (these two
 * methods are its reference, and serve DOUBLE); {@link #forward} is the step-by-step reference the
 * tests compare the native kernel and the replay with. The input projections of all time steps
 * are one matrix product each way; only the recurrence runs step by step.
 *
 * <p>Stateless; thread-safe as long as callers do not share the arrays they pass in.
 */
final class GruKernel {

    private GruKernel() {
    }

    /** What the backward pass needs from the forward pass. */
    record Forward(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray out,
                   INDArray r, INDArray u, INDArray c, INDArray hn) {

        /** Frees the gate arrays (not the inputs, which belong to the caller). */
        void closeGates() {
            r.close();
            u.close();
            c.close();
            hn.close();
        }
    }

    /** Gradients with respect to every input of {@link #forward}. */
    record Gradients(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b, INDArray bhn) {

        void close() {
            for (INDArray a : new INDArray[] {x, h0, wx, wh, b, bhn}) {
                a.close();
            }
        }
    }

    /** Step-by-step forward pass (reference implementation). */
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

    /**
     * The gates of a forward pass whose outputs are known: with every previous state given, the
     * recurrence disappears and each gate is a whole-sequence operation (two matrix products).
     * The returned gate arrays are new and owned by the caller ({@link Forward#closeGates()}).
     */
    static Forward replay(INDArray x, INDArray h0, INDArray wx, INDArray wh, INDArray b, INDArray bhn, INDArray out) {
        checkShapes(x, h0, wx, wh, b, bhn);
        long t = x.size(0);
        long batch = x.size(1);
        long nIn = x.size(2);
        long h = h0.size(1);
        DataType type = x.dataType();
        INDArray prev = previousStates(h0, out);
        INDArray xf = x.reshape('c', t * batch, nIn);
        INDArray pf = prev.reshape('c', t * batch, h);
        // Gate by gate with contiguous weight slices: elementwise ops on contiguous [T*B, H] arrays
        // are several times faster than on column views of a [T*B, 3H] product.
        INDArray r = Nd4j.create(type, t, batch, h);
        INDArray u = Nd4j.create(type, t, batch, h);
        INDArray c = Nd4j.create(type, t, batch, h);
        INDArray hn = Nd4j.create(type, t, batch, h);
        INDArray[] gates = {r, u, c};
        for (int k = 0; k < 3; k++) {
            INDArray wxk = wx.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h)).dup('c');
            INDArray whk = wh.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h)).dup('c');
            INDArray bk = b.get(NDArrayIndex.interval(k * h, (k + 1) * h)).dup();
            INDArray gf = gates[k].reshape('c', t * batch, h);
            xf.mmul(wxk, gf).addiRowVector(bk);
            if (k < 2) {
                INDArray ghk = pf.mmul(whk);
                Transforms.sigmoid(gf.addi(ghk), false);
                ghk.close();
            } else {
                INDArray hnf = hn.reshape('c', t * batch, h);
                pf.mmul(whk, hnf).addiRowVector(bhn);
                INDArray rh = hnf.mul(r.reshape('c', t * batch, h));
                Transforms.tanh(gf.addi(rh), false);
                rh.close();
            }
            wxk.close();
            whk.close();
            bk.close();
        }
        prev.close();
        return new Forward(x, h0, wx, wh, out, r, u, c, hn);
    }

    /** [h0, out[0], ..., out[T-2]] as [T, B, H]. */
    private static INDArray previousStates(INDArray h0, INDArray out) {
        long t = out.size(0);
        INDArray prev = Nd4j.create(out.dataType(), out.shape());
        prev.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()).assign(h0);
        if (t > 1) {
            prev.get(NDArrayIndex.interval(1, t), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(out.get(NDArrayIndex.interval(0, t - 1), NDArrayIndex.all(), NDArrayIndex.all()));
        }
        return prev;
    }

    /**
     * Backpropagation through time; {@code dOut} is dLoss/dOut [T, B, H]. Everything that does not
     * depend on the incoming gradient is computed for all steps at once, so the loop body is the
     * linear recurrence only (three native calls per step).
     */
    static Gradients backward(Forward f, INDArray dOut) {
        long t = f.x().size(0);
        long batch = f.x().size(1);
        long nIn = f.x().size(2);
        long h = f.h0().size(1);
        DataType type = f.x().dataType();
        INDArray prev = previousStates(f.h0(), f.out());
        INDArray c = f.c();
        INDArray u = f.u();
        INDArray r = f.r();
        // Per-step coefficients of the recurrence, whole-sequence ops:
        // dzc = dh * (1-u)(1-c^2), dzu = dh * (h-c) u (1-u), dzr = dzc * hn r (1-r), dhn = dzc * r.
        INDArray oneMinusU = u.rsub(1.0);
        INDArray ac = c.mul(c).rsubi(1.0).muli(oneMinusU);
        // Per step: g = dh (x) [ac*ar | au | ac*r | u] (one broadcast multiply into [B, 4, H]), then
        // dh_prev = g . [Wh^T ; I] (one matrix product: the three gate blocks through Wh^T plus the
        // direct path dh*u). Three native calls per step.
        // Coefficients are computed on contiguous [T, B, H] arrays and only then copied into the
        // strided blocks: chains of elementwise ops on strided views are several times slower.
        INDArray k4 = Nd4j.create(type, t, batch, 4, h);
        INDArray kr = r.rsub(1.0).muli(r).muli(f.hn()).muli(ac);
        INDArray ku = prev.sub(c).muli(u).muli(oneMinusU);
        INDArray kc = ac.mul(r);
        block(k4, 0).assign(kr);
        block(k4, 1).assign(ku);
        block(k4, 2).assign(kc);
        block(k4, 3).assign(u);
        kr.close();
        ku.close();
        kc.close();
        INDArray w4 = Nd4j.create(type, 4 * h, h);
        w4.get(NDArrayIndex.interval(0, 3 * h), NDArrayIndex.all()).assign(f.wh().transpose());
        w4.get(NDArrayIndex.interval(3 * h, 4 * h), NDArrayIndex.all()).assign(Nd4j.eye(h).castTo(type));
        INDArray g4 = Nd4j.create(type, t, batch, 4, h);
        INDArray dhAll = Nd4j.create(type, t, batch, h);
        INDArray dNext = Nd4j.zeros(type, batch, h);
        for (int s = (int) t - 1; s >= 0; s--) {
            INDArray dh = dhAll.slice(s);
            INDArray g = g4.slice(s);
            dOut.slice(s).add(dNext, dh);
            Nd4j.getExecutioner().exec(new BroadcastMulOp(k4.slice(s), dh, g, 0, 2));
            g.reshape('c', batch, 4 * h).mmul(w4, dNext);
        }
        INDArray g4f = g4.reshape('c', t * batch, 4 * h);
        // dgx = [dzr | dzu | dzc], dgh = [dzr | dzu | dhn]; dzc = dh * ac.
        INDArray dgx = Nd4j.create(type, t * batch, 3 * h);
        dgx.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2 * h)).assign(g4f.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2 * h)));
        INDArray dzc = dhAll.mul(ac);
        dgx.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h)).assign(dzc.reshape('c', t * batch, h));
        INDArray dgh = g4f.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3 * h));
        INDArray dwh = prev.reshape('c', t * batch, h).transpose().mmul(dgh);
        INDArray dbhn = g4f.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h)).sum(0);
        INDArray dwx = f.x().reshape('c', t * batch, nIn).transpose().mmul(dgx);
        INDArray db = dgx.sum(0);
        INDArray dx = Nd4j.create(type, t, batch, nIn);
        dgx.mmul(f.wx().transpose(), dx.reshape('c', t * batch, nIn));
        // Free native memory now rather than at the next GC: a training step at T=256 would
        // otherwise leave some 50 MB of garbage per GRU layer.
        for (INDArray tmp : new INDArray[] {prev, oneMinusU, ac, k4, w4, g4, dhAll, dgx, dzc}) {
            tmp.close();
        }
        return new Gradients(dx, dNext, dwx, dwh, db, dbhn);
    }

    /** Block k of a [T, B, 4, H] array, as a [T, B, H] view. */
    private static INDArray block(INDArray a, int k) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(k), NDArrayIndex.all());
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
