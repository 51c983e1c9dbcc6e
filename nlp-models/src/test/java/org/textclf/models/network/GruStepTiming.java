package org.textclf.models.network;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.textclf.models.bench.ReferenceBatch;

/**
 * The whole GRU+attention training step ({@link TextNetwork#lossAndGradients}, the trainer's path,
 * no optimizer) with the GRU's gradient from {@link GruBackprop} against the same step with the
 * reference path ({@link GruBackwardListener#REFERENCE}), alternating in one JVM on one network and batch
 * (B=32, T=256, d=H=128, 4 heads, V=10000), so that load drifts hit both sides alike. CPU time of
 * the calling thread; run with OMP_NUM_THREADS=1. Also checks, on every round, that both paths give
 * bit-identical gradients. Not a test:
 * {@code OMP_NUM_THREADS=1 java -cp ... org.textclf.models.network.GruStepTiming [rounds]}.
 */
public final class GruStepTiming {

    private GruStepTiming() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int b = 32;
        int t = 256;
        int v = 10000;
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(Architecture.GRU_ATTENTION, v, 2).embeddingDim(128)
                .hiddenSize(128).heads(4).layers(1).dropout(0.0).build());
        ReferenceBatch batch = ReferenceBatch.random(b, t, v);
        int[][] ids = batch.ids();
        float[][] mask = batch.mask();
        float[][] y = batch.labels();
        List<String> params = net.parameterNames();
        net.prepareGradients();
        SameDiff gradFn = net.sameDiff().getFunction("grad");
        GruBackwardListener.attachTo(gradFn);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double fastMs = 0;
        double referenceMs = 0;
        for (int round = 0; round <= rounds; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            Map<String, float[]> fast = step(net, ids, mask, y, params);
            long c1 = mx.getCurrentThreadCpuTime();
            GruBackpropTest.swap(gradFn, GruBackwardListener.INSTANCE, GruBackwardListener.REFERENCE);
            long c2 = mx.getCurrentThreadCpuTime();
            Map<String, float[]> reference = step(net, ids, mask, y, params);
            long c3 = mx.getCurrentThreadCpuTime();
            GruBackpropTest.swap(gradFn, GruBackwardListener.REFERENCE, GruBackwardListener.INSTANCE);
            for (String p : params) {
                if (!java.util.Arrays.equals(fast.get(p), reference.get(p))) {
                    throw new IllegalStateException("gradient of " + p + " differs between the two paths");
                }
            }
            if (round > 0) {
                fastMs += (c1 - c0) / 1e6;
                referenceMs += (c3 - c2) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "gru-attention lossAndGradients B=%d T=%d d=H=128 heads=4 V=%d OMP_NUM_THREADS=%s,"
                        + " CPU ms of this thread, mean of %d alternating rounds after 1 warm-up: reference GRU backward %.1f,"
                        + " GruBackprop %.1f; gradients bit-identical in every round (load %s)%n",
                b, t, v, System.getenv("OMP_NUM_THREADS"), rounds, referenceMs / rounds, fastMs / rounds, loadAverage());
    }

    /** One step; the gradients as float arrays (the step's arrays are recycled, as the trainer does). */
    private static Map<String, float[]> step(TextNetwork net, int[][] ids, float[][] mask, float[][] y, List<String> params) {
        Map<String, INDArray> feed = net.trainingInputs(ids, mask, y);
        Map<String, INDArray> out = net.lossAndGradients(feed, params);
        net.release(feed);
        Map<String, float[]> values = new java.util.HashMap<>();
        values.put(TextNetwork.LOSS, out.get(TextNetwork.LOSS).dup().data().asFloat());
        TextNetwork.close(out.remove(TextNetwork.LOSS));
        for (Map.Entry<String, INDArray> e : out.entrySet()) {
            values.put(e.getKey(), org.nd4j.linalg.factory.Nd4j.toFlattened('c', e.getValue()).toFloatVector());
        }
        out.values().forEach(net::recycle);
        return values;
    }

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
