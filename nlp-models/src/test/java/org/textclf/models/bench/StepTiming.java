package org.textclf.models.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.textclf.corpora.Corpora;
import org.textclf.corpora.Document;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;
import org.textclf.models.train.LabelledData;
import org.textclf.models.train.PaddedBatch;
import org.textclf.models.train.Trainer;
import org.textclf.models.train.TrainerConfig;
import org.textclf.models.train.TrainingListener;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.Encoder;
import org.textclf.preprocess.encode.EncoderConfig;
import org.textclf.preprocess.vocab.Vocabulary;
import org.textclf.preprocess.vocab.VocabularyBuilder;

/**
 * Training ms/step and inference ms/batch at the reference shape (B=32, T=256, d=128,
 * 4 heads, V=10000). Not a test: run with
 * {@code java -cp ... org.textclf.models.bench.StepTiming [gru-attention|transformer|baseline] [steps]}
 * and set OMP_NUM_THREADS in the environment.
 *
 * <p>Ids are uniformly random and every row is full, unless {@code -Dsteptiming.corpus=DIR} names a folder
 * with {@code train.tsv.gz} and {@code test.tsv.gz} (e.g. {@code ../shared/corpora/imdb}): then, as the PyTorch
 * twin {@code bench/pytorch/speed.py} does, the vocabulary (10,000 words, default pipeline) comes from train,
 * training batches are a seeded random sample of train and inference batches the first test documents in
 * file order, each document cut to its first 256 tokens and each batch padded to its longest (no bucketing).
 * The baseline's inference reads table rows, so its speed depends on how often the same rows come back: real
 * text repeats its frequent words and bigrams, uniform ids do not.
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
        String corpus = System.getProperty("steptiming.corpus", "");
        int n = b * (steps + 3);
        int[][] docs;
        int[] labels;
        int[][] testDocs;
        if (corpus.isEmpty()) {
            Random r = new Random(1);
            docs = new int[n][t];
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < t; j++) {
                    docs[i][j] = 2 + r.nextInt(v - 2);
                }
                labels[i] = r.nextInt(2);
            }
            testDocs = Arrays.copyOf(docs, b);
        } else {
            RealBatches real = RealBatches.load(Path.of(corpus), v, t, n, b * steps);
            docs = real.train;
            labels = real.labels;
            testDocs = real.test;
            v = real.vocabSize;
        }
        NetworkConfig cfg = NetworkConfig.builder(arch, v, 2).embeddingDim(128).hiddenSize(128).heads(4).layers(arch == Architecture.TRANSFORMER ? 2 : 1)
                .ffnDim(512).dropout(0.1).build();
        TextNetwork net = NetworkFactory.build(cfg);
        List<Long> stamps = new ArrayList<>();
        List<Long> cpuStamps = new ArrayList<>();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // Plain Adam without clipping, like the PyTorch twin (bench/pytorch/speed.py): textclf's
        // defaults (AdamW, clipping at 1.0) would add two passes over every weight to one side only.
        TrainerConfig tc = TrainerConfig.builder().epochs(1).batchSize(b).patience(0)
                .optimizer(TrainerConfig.Optimizer.ADAM).clipNorm(0).bucketByLength(corpus.isEmpty()).build();
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
        List<PaddedBatch> inference = new ArrayList<>();
        for (int from = 0; from < testDocs.length; from += b) {
            int[] idx = new int[Math.min(b, testDocs.length - from)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            inference.add(PaddedBatch.of(testDocs, idx));
        }
        // Untimed batches until the JIT has compiled the Java loops on the inference path: at least ten, and
        // at least two seconds (the baseline's Java forward takes ~1 ms a batch once compiled; ten batches
        // left its timed loop partly interpreted).
        int warm = Integer.getInteger("steptiming.warmupMillis", 2000);
        long w0 = System.nanoTime();
        for (int i = 0; i < 10 || System.nanoTime() - w0 < warm * 1_000_000L; i++) {
            PaddedBatch pb = inference.get(i % inference.size());
            net.predict(pb.ids(), pb.mask());
        }
        long s0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        long inferDocs = 0;
        for (int i = 0; i < steps; i++) {
            PaddedBatch pb = inference.get(i % inference.size());
            net.predict(pb.ids(), pb.mask());
            inferDocs += pb.ids().length;
        }
        double inferMs = (System.nanoTime() - s0) / 1e6 / steps;
        double inferCpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
        // The CPU time of the calling thread is the steadier figure on a shared machine, but only at
        // OMP_NUM_THREADS=1: with more, the work of OpenMP's other threads is not in it.
        System.out.printf(Locale.ROOT, "%s B=%d T=%s d=128 heads=4 V=%d OMP_NUM_THREADS=%s: train %.0f ms/step, inference %.1f ms/batch (%.0f docs/s), %d params;"
                        + " calling thread CPU: train %.0f ms/step, inference %.1f ms/batch%n",
                arch, b, corpus.isEmpty() ? Integer.toString(t) : "<=" + t + " (" + corpus + ")", v,
                System.getenv("OMP_NUM_THREADS"), trainMs, inferMs, inferDocs * 1000 / (inferMs * steps), net.parameterCount(), trainCpuMs, inferCpuMs);
    }

    /** Encoded real documents: a seeded sample of train for the steps, the first test documents in order. */
    private record RealBatches(int[][] train, int[] labels, int[][] test, int vocabSize) {

        static RealBatches load(Path dir, int vocabSize, int maxLength, int trainDocs, int testDocs) {
            List<Document> train = Corpora.readAll(dir.resolve("train.tsv.gz"));
            List<Document> test = Corpora.readAll(dir.resolve("test.tsv.gz"));
            TextPipeline text = TextPipeline.defaults();
            List<List<String>> tokens = new ArrayList<>(train.size());
            for (Document d : train) {
                tokens.add(text.tokens(d.text()));
            }
            VocabularyBuilder vb = Vocabulary.builder().maxSize(vocabSize);
            vb.addAll(tokens);
            Vocabulary vocab = vb.build();
            Encoder enc = new Encoder(vocab,
                    EncoderConfig.builder().maxLength(maxLength).build());
            List<String> labelNames = train.stream().flatMap(d -> d.labels().stream()).distinct().sorted().toList();
            List<Integer> order = new ArrayList<>(IntStream.range(0, train.size()).boxed().toList());
            Collections.shuffle(order, new Random(42));
            int[][] ids = new int[trainDocs][];
            int[] y = new int[trainDocs];
            for (int i = 0; i < trainDocs; i++) {
                int k = order.get(i % order.size());
                ids[i] = enc.encode(tokens.get(k));
                y[i] = labelNames.indexOf(train.get(k).labels().get(0));
            }
            int[][] testIds = new int[Math.min(testDocs, test.size())][];
            for (int i = 0; i < testIds.length; i++) {
                testIds[i] = enc.encode(text.tokens(test.get(i).text()));
            }
            return new RealBatches(ids, y, testIds, vocab.size());
        }
    }
}
