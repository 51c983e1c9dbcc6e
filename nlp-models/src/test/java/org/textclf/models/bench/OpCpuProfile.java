package org.textclf.models.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.GruBackwardListener;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;

/**
 * CPU time per op type of one training step ({@link TextNetwork#lossAndGradients}, the path the
 * trainer runs) and of one inference batch, at the reference shape of {@link StepTiming}. Unlike
 * {@link StepProfile} (SameDiff's profiling listener, wall time), it measures the calling thread's
 * CPU time, which stays meaningful on a busy machine; run it with OMP_NUM_THREADS=1 so that every
 * kernel runs on that thread:
 * {@code OMP_NUM_THREADS=1 java -cp ... org.textclf.models.bench.OpCpuProfile [architecture] [steps]}.
 */
public final class OpCpuProfile {

    /** {@code -Dprofile.instances=true}: one row per op in the graph rather than per op type. */
    private static final boolean PER_INSTANCE = Boolean.getBoolean("profile.instances");

    private OpCpuProfile() {
    }

    /** Accumulates the CPU time between SameDiff's pre- and post-execution callbacks, per op type. */
    private static final class CpuListener extends BaseListener {
        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final Map<String, long[]> byOp = new TreeMap<>();
        private long started;

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
            started = mx.getCurrentThreadCpuTime();
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
            String key = PER_INSTANCE ? op.getOp().opName() + " " + op.getName() : op.getOp().opName();
            long[] acc = byOp.computeIfAbsent(key, k -> new long[2]);
            acc[0] += mx.getCurrentThreadCpuTime() - started;
            acc[1]++;
        }
    }

    public static void main(String[] args) {
        Architecture arch = Architecture.parse(args.length > 0 ? args[0] : "gru-attention");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int b = 32;
        int t = 256;
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(arch, 10000, 2).embeddingDim(128).hiddenSize(128)
                .heads(4).layers(arch == Architecture.TRANSFORMER ? 2 : 1).ffnDim(512).dropout(0.1).build());
        ReferenceBatch batch = ReferenceBatch.random(b, t, 10000);
        int[][] ids = batch.ids();
        float[][] mask = batch.mask();
        float[][] y = batch.labels();
        List<String> params = net.parameterNames();
        net.prepareGradients();
        SameDiff gradFn = net.sameDiff().getFunction("grad");
        // The GRU's backward runs in a listener: attach it first so that its time is inside the op's.
        GruBackwardListener.attachTo(gradFn);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 2; i++) {
            step(net, ids, mask, y, params);
        }
        CpuListener train = new CpuListener();
        gradFn.addListeners(train);
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < steps; i++) {
            step(net, ids, mask, y, params);
        }
        double stepMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
        gradFn.getListeners().remove(train);
        report(arch + " training step (lossAndGradients, no optimizer)", train, stepMs, steps);

        for (int i = 0; i < 2; i++) {
            net.predict(ids, mask);
        }
        CpuListener infer = new CpuListener();
        net.sameDiff().addListeners(infer);
        c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < steps; i++) {
            net.predict(ids, mask);
        }
        double inferMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
        net.sameDiff().getListeners().remove(infer);
        report(arch + " inference batch (predict)", infer, inferMs, steps);
    }

    private static void step(TextNetwork net, int[][] ids, float[][] mask, float[][] y, List<String> params) {
        Map<String, INDArray> feed = net.trainingInputs(ids, mask, y);
        Map<String, INDArray> out = net.lossAndGradients(feed, params);
        net.release(feed);
        TextNetwork.close(out.remove(TextNetwork.LOSS));
        out.values().forEach(net::recycle);
    }

    private static void report(String title, CpuListener l, double totalMs, int steps) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(l.byOp.entrySet());
        rows.sort((a, c) -> Long.compare(c.getValue()[0], a.getValue()[0]));
        double inOps = 0;
        for (Map.Entry<String, long[]> e : rows) {
            inOps += e.getValue()[0] / 1e6 / steps;
        }
        System.out.printf(Locale.ROOT, "%s, B=32 T=256: %.1f ms CPU per call, %.1f in ops (%d op types), %.1f outside%n",
                title, totalMs, inOps, rows.size(), totalMs - inOps);
        for (Map.Entry<String, long[]> e : rows) {
            double ms = e.getValue()[0] / 1e6 / steps;
            if (ms >= 0.05 * totalMs / 20) {
                System.out.printf(Locale.ROOT, "  %-44s %8.1f ms %5.1f %%  %4d calls%n", e.getKey(), ms, 100 * ms / totalMs,
                        e.getValue()[1] / steps);
            }
        }
    }
}
