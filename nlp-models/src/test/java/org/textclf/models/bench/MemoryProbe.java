package org.textclf.models.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.network.TextNetwork;
import org.textclf.models.train.LabelledData;
import org.textclf.models.train.Trainer;
import org.textclf.models.train.TrainerConfig;
import org.textclf.models.train.TrainingListener;

/**
 * Resident memory while training on random documents of varying (or fixed) length:
 * {@code java -cp ... org.textclf.models.bench.MemoryProbe <architecture> <fixedLength:true|false> <docs> [mode]} (system properties {@code probe.bidirectional}, {@code probe.maxlen}, {@code probe.steps}, {@code probe.gc}),
 * mode {@code train} (the Trainer, default), {@code forward}, {@code grad} (SameDiff's
 * {@code calculateGradientsAndOutputs}) or {@code lossAndGradients} (TextNetwork's replacement).
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    public static void main(String[] args) {
        Architecture arch = Architecture.parse(args[0]);
        boolean fixed = Boolean.parseBoolean(args[1]);
        int n = Integer.parseInt(args[2]);
        Random r = new Random(1);
        int[][] docs = new int[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            docs[i] = new int[fixed ? 300 : 20 + r.nextInt(Integer.getInteger("probe.maxlen", 400) - 19)];
            for (int j = 0; j < docs[i].length; j++) {
                docs[i][j] = 2 + r.nextInt(29998);
            }
            labels[i] = r.nextInt(2);
        }
        TextNetwork net = NetworkFactory.build(NetworkConfig.builder(arch, 30000, 2).embeddingDim(64).hiddenSize(64).heads(4).bidirectional(Boolean.getBoolean("probe.bidirectional")).bigramBuckets(Integer.getInteger("probe.buckets", 100000)).build());
        LabelledData d = LabelledData.singleLabel(docs, labels);
        String mode = args.length > 3 ? args[3] : "train";
        if (!mode.equals("train")) {
            int[] idx = java.util.stream.IntStream.range(0, 64).toArray();
            org.textclf.models.train.PaddedBatch pb = org.textclf.models.train.PaddedBatch.of(docs, idx);
            float[][] y = new float[64][2];
            for (float[] row : y) {
                row[0] = 1;
            }
            net.prepareGradients();
            for (int step = 1; step <= Integer.getInteger("probe.steps", 40); step++) {
                java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> feed = net.trainingInputs(pb.ids(), pb.mask(), y);
                if (mode.equals("forward")) {
                    net.sameDiff().output(feed, TextNetwork.LOSS).values().forEach(TextNetwork::close);
                } else if (mode.equals("lossAndGradients")) {
                    net.lossAndGradients(feed, net.parameterNames()).values().forEach(TextNetwork::close);
                } else {
                    var og = net.sameDiff().calculateGradientsAndOutputs(feed, List.of(TextNetwork.LOSS), net.parameterNames());
                    og.getOutputs().values().forEach(TextNetwork::close);
                    og.getGradients().values().forEach(TextNetwork::close);
                }
                net.release(feed);
                if (Boolean.getBoolean("probe.gc")) {
                    System.gc();
                }
                if (step % 10 == 0) {
                    System.out.println("step " + step + " " + mode + " " + rss());
                }
            }
            return;
        }
        new Trainer(TrainerConfig.builder().epochs(1).batchSize(64).patience(0).build()).train(net, d, d.subset(new int[] {0}),
                List.of("a", "b"), new TrainingListener() {
                    @Override
                    public void onStep(Step s) {
                        if (Boolean.getBoolean("probe.gc") && s.step() % 5 == 0) {
                            System.gc();
                        }
                        if (s.step() % 10 == 0) {
                            System.out.println("step " + s.step() + " " + rss());
                        }
                    }
                });
    }
}
