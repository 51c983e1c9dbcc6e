package org.textclf.models.bench;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward + backward time of SameDiff's layer_norm op against LayerNorm written from elementary ops,
 * on [32, 256, 128]: {@code java -cp ... org.textclf.models.bench.LayerNormTiming}.
 */
public final class LayerNormTiming {

    private LayerNormTiming() {
    }

    public static void main(String[] args) {
        for (boolean manual : new boolean[] {false, true, false, true}) {
            Nd4j.getRandom().setSeed(1);
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("x", Nd4j.randn(DataType.FLOAT, 32, 256, 128));
            SDVariable gain = sd.var("gain", Nd4j.ones(DataType.FLOAT, 128));
            SDVariable bias = sd.var("bias", Nd4j.zeros(DataType.FLOAT, 128));
            SDVariable y;
            if (manual) {
                SDVariable mean = x.mean(true, 2);
                SDVariable centred = x.sub(mean);
                SDVariable var = centred.mul(centred).mean(true, 2);
                y = centred.mul(sd.math().rsqrt(var.add(1e-5))).mul(gain).add(bias);
            } else {
                y = sd.nn().layerNorm(x, gain, bias, false, 2);
            }
            y.mul(sd.constant(Nd4j.randn(DataType.FLOAT, 32, 256, 128))).sum().rename("loss");
            sd.setLossVariables("loss");
            for (int i = 0; i < 3; i++) {
                sd.calculateGradients(Map.of(), List.of("x", "gain", "bias"));
            }
            long t0 = System.nanoTime();
            int n = 10;
            for (int i = 0; i < n; i++) {
                sd.calculateGradients(Map.of(), List.of("x", "gain", "bias"));
            }
            System.out.printf("%s layer norm [32,256,128]: %.1f ms forward+backward%n", manual ? "elementary-op" : "layer_norm op",
                    (System.nanoTime() - t0) / 1e6 / n);
        }
    }
}
