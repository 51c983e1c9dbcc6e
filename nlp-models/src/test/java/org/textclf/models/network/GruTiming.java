package org.textclf.models.network;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GRU's training backward alone at the reference shape (B=32, T=256, nIn=H=128, float), CPU
 * time of the calling thread (meaningful on a busy machine; run with OMP_NUM_THREADS=1 so that
 * every kernel runs on this thread): the reference {@link GruKernel#replay} + {@link GruKernel#backward}
 * against {@link GruBackprop}, interleaved on the same arrays, plus the native forward for scale.
 * Not a test: {@code java -cp ... org.textclf.models.network.GruTiming [rounds] [T]}.
 */
public final class GruTiming {

    private GruTiming() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int t = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int b = 32;
        int n = 128;
        int h = 128;
        DataType f = DataType.FLOAT;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(f, t, b, n);
        INDArray h0 = Nd4j.zeros(f, b, h);
        INDArray wx = Nd4j.randn(f, n, 3 * h).muli(0.1);
        INDArray wh = Nd4j.randn(f, h, 3 * h).muli(0.1);
        INDArray bias = Nd4j.zeros(f, 3 * h);
        INDArray bhn = Nd4j.zeros(f, h);
        INDArray dOut = Nd4j.randn(f, t, b, h);
        INDArray[] grads = {Nd4j.create(f, x.shape()), Nd4j.create(f, h0.shape()), Nd4j.create(f, wx.shape()),
                Nd4j.create(f, wh.shape()), Nd4j.create(f, bias.shape())};
        double forwardMs = 0;
        double replayMs = 0;
        double referenceMs = 0;
        double fastMs = 0;
        for (int r = 0; r <= rounds; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            INDArray out = Nd4j.create(f, t, b, h);
            Nd4j.exec(DynamicCustomOp.builder("gru").addInputs(x, h0, wx, wh, bias).addOutputs(out).build());
            long c1 = mx.getCurrentThreadCpuTime();
            GruKernel.Forward fw = GruKernel.replay(x, h0, wx, wh, bias, bhn, out);
            long c2 = mx.getCurrentThreadCpuTime();
            GruKernel.Gradients g = GruKernel.backward(fw, dOut);
            fw.closeGates();
            g.close();
            long c3 = mx.getCurrentThreadCpuTime();
            GruBackprop.run(x, h0, wx, wh, bias, bhn, out, dOut, grads);
            long c4 = mx.getCurrentThreadCpuTime();
            out.close();
            if (r > 0) {
                forwardMs += (c1 - c0) / 1e6;
                replayMs += (c2 - c1) / 1e6;
                referenceMs += (c3 - c1) / 1e6;
                fastMs += (c4 - c3) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "GRU B=%d T=%d nIn=H=%d float OMP_NUM_THREADS=%s, CPU ms of this thread, mean of %d"
                        + " after 1 warm-up: native forward %.1f, reference replay+backward %.1f (replay %.1f), GruBackprop %.1f"
                        + " (load %s)%n",
                b, t, n, System.getenv("OMP_NUM_THREADS"), rounds, forwardMs / rounds, referenceMs / rounds,
                replayMs / rounds, fastMs / rounds, loadAverage());

    }

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
