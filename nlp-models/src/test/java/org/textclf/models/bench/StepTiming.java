package org.textclf.models.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;
import org.textclf.models.train.LabelledData;
import org.textclf.models.train.PaddedBatch;
import org.textclf.models.train.Trainer;
import org.textclf.models.train.TrainerConfig;
import org.textclf.models.train.TrainingListener;

/**
 * Training ms/step and inference ms/batch at the reference shape (B=32, T=256, d=128,
 * 4 heads, V=10000) on random ids. Not a test: run with
 * {@code java -cp ... org.textclf.models.bench.StepTiming [gru-attention|transformer|baseline] [steps]}
 * and set OMP_NUM_THREADS in the environment.
 */
public final class StepTiming {

    private StepTiming() {
    }

    public static void main(String[] args) {
        Architecture arch = Architecture.parse(args.length > 0 ? args[0] : "gru-attention");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int b = 32;
        int t = 256;
        int v = 10000;
        NetworkConfig cfg = NetworkConfig.builder(arch, v, 2).embeddingDim(128).hiddenSize(128).heads(4).layers(arch == Architecture.TRANSFORMER ? 2 : 1)
                .ffnDim(512).dropout(0.1).build();
        TextNetwork net = NetworkFactory.build(cfg);
        Random r = new Random(1);
        int n = b * (steps + 3);
        int[][] docs = new int[n][t];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                docs[i][j] = 2 + r.nextInt(v - 2);
            }
            labels[i] = r.nextInt(2);
        }
        List<Long> stamps = new ArrayList<>();
        List<Long> cpuStamps = new ArrayList<>();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        // Plain Adam without clipping, like the PyTorch twin (bench/pytorch/speed.py): textclf's
        // defaults (AdamW, clipping at 1.0) would add two passes over every weight to one side only.
        TrainerConfig tc = TrainerConfig.builder().epochs(1).batchSize(b).patience(0)
                .optimizer(TrainerConfig.Optimizer.ADAM).clipNorm(0).build();
        LabelledData data = LabelledData.singleLabel(docs, labels);
        LabelledData valid = data.subset(new int[] {0});
        new Trainer(tc).train(net, data, valid, List.of("a", "b"), new TrainingListener() {
            @Override
            public void onStep(Step s) {
                stamps.add(System.nanoTime());
                cpuStamps.add(mx.getCurrentThreadCpuTime());
            }
        });
        // The first 3 steps warm up (graph building, allocation); time the rest.
        double trainMs = (stamps.get(stamps.size() - 1) - stamps.get(2)) / 1e6 / (stamps.size() - 3);
        double trainCpuMs = (cpuStamps.get(cpuStamps.size() - 1) - cpuStamps.get(2)) / 1e6 / (cpuStamps.size() - 3);
        int[] idx = new int[b];
        for (int i = 0; i < b; i++) {
            idx[i] = i;
        }
        PaddedBatch pb = PaddedBatch.of(docs, idx);
        // Untimed batches until the JIT has compiled the Java loops on the inference path: at least ten, and
        // at least two seconds (the baseline's Java forward takes ~1 ms a batch once compiled; ten batches
        // left its timed loop partly interpreted).
        int warm = Integer.getInteger("steptiming.warmupMillis", 2000);
        long w0 = System.nanoTime();
        for (int i = 0; i < 10 || System.nanoTime() - w0 < warm * 1_000_000L; i++) {
            net.predict(pb.ids(), pb.mask());
        }
        long s0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < steps; i++) {
            net.predict(pb.ids(), pb.mask());
        }
        double inferMs = (System.nanoTime() - s0) / 1e6 / steps;
        double inferCpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
        // The CPU time of the calling thread is the steadier figure on a shared machine, but only at
        // OMP_NUM_THREADS=1: with more, the work of OpenMP's other threads is not in it.
        System.out.printf(Locale.ROOT, "%s B=%d T=%d d=128 heads=4 V=%d OMP_NUM_THREADS=%s: train %.0f ms/step, inference %.1f ms/batch (%.0f docs/s), %d params;"
                        + " calling thread CPU: train %.0f ms/step, inference %.1f ms/batch%n",
                arch, b, t, v, System.getenv("OMP_NUM_THREADS"), trainMs, inferMs, b * 1000 / inferMs, net.parameterCount(),
                trainCpuMs, inferCpuMs);
    }
}
