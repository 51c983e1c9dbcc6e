package org.textclf.models.network;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GRU's backward pass alone at the reference shape (B=32, T=256, nIn=H=128, float): ND4J's
 * native {@code gru_bp} (wrong gradients, for cost only) against {@link GruKernel}'s replay +
 * backward, interleaved. Not a test: run with
 * {@code java -cp ... org.textclf.models.network.GruTiming [rounds]} and OMP_NUM_THREADS set.
 */
public final class GruTiming {

    private GruTiming() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int t = 256;
        int b = 32;
        int n = 128;
        int h = 128;
        DataType f = DataType.FLOAT;
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(f, t, b, n);
        INDArray h0 = Nd4j.zeros(f, b, h);
        INDArray wx = Nd4j.randn(f, n, 3 * h).muli(0.1);
        INDArray wh = Nd4j.randn(f, h, 3 * h).muli(0.1);
        INDArray bias = Nd4j.zeros(f, 3 * h);
        INDArray bhn = Nd4j.zeros(f, h);
        INDArray dOut = Nd4j.randn(f, t, b, h);
        INDArray out = GruKernel.forward(x, h0, wx, wh, bias, bhn).out();
        double nativeMs = 0;
        double javaMs = 0;
        double replayMs = 0;
        for (int r = 0; r <= rounds; r++) {
            long s0 = System.nanoTime();
            DynamicCustomOp bp = DynamicCustomOp.builder("gru_bp").addInputs(x, h0, wx, wh, bias, dOut)
                    .addOutputs(x.ulike(), h0.ulike(), wx.ulike(), wh.ulike(), bias.ulike()).build();
            Nd4j.exec(bp);
            long s1 = System.nanoTime();
            GruKernel.Forward fw = GruKernel.replay(x, h0, wx, wh, bias, bhn, out);
            long s1b = System.nanoTime();
            GruKernel.Gradients g = GruKernel.backward(fw, dOut);
            long s2 = System.nanoTime();
            fw.closeGates();
            g.close();
            if (r > 0) {
                nativeMs += (s1 - s0) / 1e6;
                javaMs += (s2 - s1) / 1e6;
                replayMs += (s1b - s1) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "GRU backward B=%d T=%d nIn=H=%d float OMP_NUM_THREADS=%s, mean of %d: native gru_bp %.0f ms, GruKernel replay+backward %.0f ms (replay %.0f ms)%n",
                b, t, n, System.getenv("OMP_NUM_THREADS"), rounds, nativeMs / rounds, javaMs / rounds, replayMs / rounds);
    }
}
