import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.textclf.corpora.Corpora;
import org.textclf.corpora.Document;
import org.textclf.corpora.DocumentReader;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.text.TextModelTrainer;
import org.textclf.models.train.TrainerConfig;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.encode.EncoderConfig;

/**
 * The model behind bench/classify-imdb.sh: trained quickly, because the benchmark measures classification
 * throughput, not accuracy. Run with the java source launcher and the nlp-cli runtime classpath:
 * java -cp CP bench/java/TrainClassifyBenchModel.java TRAIN.tsv.gz ROWS ARCH OUT.textclf
 */
public final class TrainClassifyBenchModel {
    public static void main(String[] args) {
        Path train = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        Architecture arch = Architecture.valueOf(args[2].toUpperCase(Locale.ROOT).replace('-', '_'));
        List<Document> docs = new ArrayList<>();
        try (DocumentReader r = Corpora.open(train)) {
            while (r.hasNext() && docs.size() < rows) {
                docs.add(r.next());
            }
        }
        TextModelTrainer t = new TextModelTrainer(PipelineConfig.defaults(), EncoderConfig.builder().maxLength(256).build(),
                20_000, 2,
                (v, l) -> NetworkConfig.builder(arch, v, l).embeddingDim(64).hiddenSize(64).heads(2).dropout(0.1)
                        .bigramBuckets(arch == Architecture.BASELINE ? 100_000 : 0).seed(42).build(),
                TrainerConfig.builder().epochs(1).batchSize(32).learningRate(2e-3).seed(42).build());
        long t0 = System.nanoTime();
        TextModelTrainer.Result res = t.train(docs, null, null);
        res.bundle().write(Path.of(args[3]));
        System.err.printf(Locale.ROOT, "trained %s on %d IMDB training reviews (1 epoch) in %.0f s: %s%n", arch, docs.size(),
                (System.nanoTime() - t0) / 1e9, res.training().curves());
    }
}
