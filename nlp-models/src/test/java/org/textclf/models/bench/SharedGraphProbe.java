package org.textclf.models.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;

/**
 * Is {@code SameDiff.output(...)} on ONE graph safe from several threads in ND4J 1.0.0-M2.1? Runs
 * {@code threads} threads calling {@code output} directly (bypassing {@link TextNetwork}'s lock) on
 * seeded random batches of different shapes and compares every result with the single-threaded result
 * bit for bit. Prints mismatches and exceptions per architecture. Not a test: a race is not guaranteed to
 * show, so only its presence is evidence.
 *
 * <p>{@code java -cp ... org.textclf.models.bench.SharedGraphProbe [threads] [rounds]}
 */
public final class SharedGraphProbe {

    private SharedGraphProbe() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        for (Architecture a : Architecture.values()) {
            NetworkConfig cfg = NetworkConfig.builder(a, 300, 4).embeddingDim(16).hiddenSize(16).heads(2)
                    .bigramBuckets(a == Architecture.BASELINE ? 11 : 0).seed(1).build();
            TextNetwork net = NetworkFactory.build(cfg);
            SameDiff sd = net.sameDiff();
            // Ops whose execution writes into the shared op object (InferenceSession.getAndParameterizeOp):
            // legacy reductions with an axis input and scalar ops with a scalar input.
            java.util.TreeMap<String, Integer> shared = new java.util.TreeMap<>();
            int legacy = 0;
            for (var op : sd.getOps().values()) {
                var df = op.getOp();
                if (df instanceof org.nd4j.linalg.api.ops.Op && !(df instanceof org.nd4j.linalg.api.ops.CustomOp)) {
                    legacy++;
                    boolean twoArgs = df.argNames() != null && df.argNames().length == 2;
                    if (twoArgs && (df instanceof org.nd4j.linalg.api.ops.ReduceOp || df instanceof org.nd4j.linalg.api.ops.ScalarOp)) {
                        shared.merge(df.opName(), 1, Integer::sum);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s: %d ops, %d legacy (op object also holds x/y/z, cleared after each run), "
                    + "mutated per run from inputs: %s%n", a, sd.getOps().size(), legacy, shared);
            Random rnd = new Random(7);
            List<Map<String, INDArray>> inputs = new ArrayList<>();
            List<float[][]> expected = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int b = 1 + rnd.nextInt(8);
                int t = 2 + rnd.nextInt(30);
                int[][] ids = new int[b][t];
                float[][] mask = new float[b][t];
                for (int r = 0; r < b; r++) {
                    int len = 1 + rnd.nextInt(t);
                    for (int c = 0; c < len; c++) {
                        ids[r][c] = 2 + rnd.nextInt(298);
                        mask[r][c] = 1;
                    }
                }
                Map<String, INDArray> in = net.inputs(ids, mask);
                inputs.add(in);
                expected.add(sd.output(in, TextNetwork.PROBS).get(TextNetwork.PROBS).castTo(DataType.FLOAT).toFloatMatrix());
            }
            AtomicInteger mismatches = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            List<String> firstErrors = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> fs = new ArrayList<>();
            for (int th = 0; th < threads; th++) {
                long seed = th;
                fs.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int k = 0; k < rounds; k++) {
                        int i = r.nextInt(inputs.size());
                        try {
                            float[][] got = sd.output(inputs.get(i), TextNetwork.PROBS).get(TextNetwork.PROBS)
                                    .castTo(DataType.FLOAT).toFloatMatrix();
                            if (!java.util.Arrays.deepEquals(box(got), box(expected.get(i)))) {
                                mismatches.incrementAndGet();
                            }
                        } catch (Throwable e) {
                            errors.incrementAndGet();
                            synchronized (firstErrors) {
                                if (firstErrors.size() < 3) {
                                    firstErrors.add(e.toString());
                                }
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            System.out.printf(Locale.ROOT, "%s: %d threads x %d calls on one SameDiff: %d results differ, %d exceptions %s%n",
                    a, threads, rounds, mismatches.get(), errors.get(), firstErrors);
        }
    }

    private static Object[] box(float[][] m) {
        Object[] out = new Object[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = java.util.Arrays.toString(m[i]);
        }
        return out;
    }
}
