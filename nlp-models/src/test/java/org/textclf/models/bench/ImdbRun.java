package org.textclf.models.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.textclf.corpora.Corpora;
import org.textclf.corpora.Document;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.text.NeuralTextClassifier;
import org.textclf.models.text.TextModelTrainer;
import org.textclf.models.train.EpochStats;
import org.textclf.models.train.TrainerConfig;
import org.textclf.models.train.TrainingListener;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.encode.EncoderConfig;

/**
 * Full IMDB training run (25k train with a 10% hold-out, 25k test), printing per-epoch curves and
 * test accuracy:
 * {@code java -cp ... org.textclf.models.bench.ImdbRun <shared dir> <architecture> <epochs> <maxLength> <batch> <dim> <lr> <out.textclf>}.
 */
public final class ImdbRun {

    private ImdbRun() {
    }

    public static void main(String[] args) {
        Path imdb = Path.of(args[0], "corpora", "imdb");
        Architecture arch = Architecture.parse(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int maxLength = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        int dim = Integer.parseInt(args[5]);
        double lr = Double.parseDouble(args[6]);
        List<Document> train = Corpora.readAll(imdb.resolve("train.tsv.gz"));
        List<Document> test = Corpora.readAll(imdb.resolve("test.tsv.gz"));
        TextModelTrainer t = new TextModelTrainer(PipelineConfig.defaults(), EncoderConfig.builder().maxLength(maxLength).build(),
                30000, 2,
                (v, l) -> NetworkConfig.builder(arch, v, l).embeddingDim(dim).hiddenSize(dim).heads(4).dropout(0.2)
                        .ffnDim(2 * dim).maxPositions(Math.max(512, maxLength)).seed(42).build(),
                TrainerConfig.builder().epochs(epochs).batchSize(batch).learningRate(lr).patience(2).seed(42).build());
        long t0 = System.nanoTime();
        TextModelTrainer.Result r = t.train(train, null, new TrainingListener() {
            @Override
            public void onStep(Step s) {
                if (s.step() % 50 == 0) {
                    System.out.printf(Locale.ROOT, "epoch %d step %d/%d loss %.4f %.0f docs/s eta %.0f s %s%n", s.epoch(), s.step(),
                            s.stepsPerEpoch(), s.loss(), s.docsPerSecond(), s.etaSeconds(), MemoryProbe.rss());
                }
            }

            @Override
            public void onEpoch(EpochStats e) {
                System.out.println(e);
            }
        });
        NeuralTextClassifier c = NeuralTextClassifier.of(r.bundle());
        float[][] p = c.probabilities(test.stream().map(Document::text).toList());
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = p[i][0] >= p[i][1] ? 0 : 1;
            correct += c.labels().get(best).equals(test.get(i).label()) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%s IMDB test accuracy %.4f (best epoch %d, %.0f s total, train coverage %s)%n", arch,
                (double) correct / test.size(), r.training().bestEpoch(), (System.nanoTime() - t0) / 1e9, r.trainCoverage());
        if (args.length > 7) {
            r.bundle().write(Path.of(args[7]));
        }
    }
}
