package org.textclf.models.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.textclf.corpora.Corpora;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.DocumentReader;
import org.textclf.corpora.Split;
import org.textclf.corpora.Splitter;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.train.TrainerConfig;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.encode.EncoderConfig;

/** End-to-end: raw documents -> trained GRU + attention -> accuracy on held-out documents. */
class TextModelTrainerTest {

    private static double accuracy(NeuralTextClassifier c, List<Document> test) {
        List<String> texts = test.stream().map(Document::text).toList();
        float[][] p = c.probabilities(texts);
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = 0;
            for (int l = 1; l < p[i].length; l++) {
                if (p[i][l] > p[i][best]) {
                    best = l;
                }
            }
            correct += c.labels().get(best).equals(test.get(i).label()) ? 1 : 0;
        }
        return (double) correct / test.size();
    }

    @Test
    void gruAttentionLearnsTheEmbeddedCorpus() {
        Split split = Splitter.stratified(DefaultCorpus.documents(), 0.7, 0.15, 0.15, 1);
        TextModelTrainer t = new TextModelTrainer(PipelineConfig.defaults(), EncoderConfig.defaults(), 5000, 1,
                (v, l) -> NetworkConfig.builder(Architecture.GRU_ATTENTION, v, l).embeddingDim(32).hiddenSize(32)
                        .heads(2).dropout(0.2).seed(5).build(),
                TrainerConfig.builder().epochs(15).batchSize(16).learningRate(3e-3).patience(4).seed(5).build());
        TextModelTrainer.Result r = t.train(split.train(), split.valid(), null);
        NeuralTextClassifier c = NeuralTextClassifier.of(r.bundle());
        double acc = accuracy(c, split.test());
        System.out.printf(java.util.Locale.ROOT, "default corpus: GRU+attention test accuracy %.3f after %d epochs%n",
                acc, r.training().curves().size());
        // Chance is 0.27 (largest class); bag-of-words models reach 0.85-0.90.
        assertTrue(acc > 0.7, "test accuracy " + acc + ", curves " + r.training().curves());
        assertEquals(DefaultCorpus.labels(), c.labels());
        assertEquals(Integer.toString(split.train().size()), r.bundle().provenance().get("train.documents"));
    }

    @Test
    void pretrainedVectorsSeedTheEmbeddingsAndAreRecorded(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path vectors = dir.resolve("tiny.vec");
        Files.writeString(vectors, "2 4\nrain 1 0 0 0\nmatch 0 1 0 0\n", java.nio.charset.StandardCharsets.UTF_8);
        Split split = Splitter.stratified(DefaultCorpus.documents(), 0.7, 0.15, 0.15, 1);
        TextModelTrainer t = new TextModelTrainer(PipelineConfig.defaults(), EncoderConfig.defaults(), 5000, 1,
                (v, l) -> NetworkConfig.builder(Architecture.BASELINE, v, l).embeddingDim(4).bigramBuckets(0).seed(5).build(),
                TrainerConfig.builder().epochs(1).batchSize(64).seed(5).build())
                .withPretrainedVectors(vectors, org.textclf.models.embed.PretrainedVectors.Format.WORD2VEC_TEXT);
        TextModelTrainer.Result r = t.train(split.train(), split.valid(), null);
        assertEquals(2, r.vectorCoverage().found());
        assertEquals(r.vectorCoverage().toString(), r.bundle().provenance().get("pretrained.coverage"));
        // sha256sum of those 31 bytes: the exact vectors file is part of the provenance.
        assertEquals("386ff902a8fa427ffc2d1c696820de7dc5404d7af6daa91fb7950ce949106d28",
                r.bundle().provenance().get("pretrained.sha256"));
    }

    @Test
    void gruAttentionLearnsAnImdbSubset() {
        Path imdb = Path.of(System.getProperty("textclf.shared.dir", "../shared"), "corpora", "imdb");
        Assumptions.assumeTrue(Files.isRegularFile(imdb.resolve("train.tsv.gz")),
                "../shared/corpora/imdb not found at " + imdb.toAbsolutePath() + ": skipping the IMDB subset test");
        List<Document> train = slice(imdb.resolve("train.tsv.gz"), 0, 2000);
        List<Document> test = slice(imdb.resolve("test.tsv.gz"), 0, 500);
        TextModelTrainer t = new TextModelTrainer(PipelineConfig.defaults(), EncoderConfig.builder().maxLength(128).build(),
                10000, 2,
                (v, l) -> NetworkConfig.builder(Architecture.GRU_ATTENTION, v, l).embeddingDim(48).hiddenSize(48)
                        .heads(2).dropout(0.2).seed(5).build(),
                TrainerConfig.builder().epochs(4).batchSize(32).learningRate(2e-3).patience(2).seed(5).build());
        TextModelTrainer.Result r = t.train(train, null, null);
        double acc = accuracy(NeuralTextClassifier.of(r.bundle()), test);
        System.out.printf(java.util.Locale.ROOT, "IMDB 2000/500 subset: GRU+attention test accuracy %.3f in %.0f s%n",
                acc, r.training().seconds());
        assertTrue(acc > 0.7, "IMDB subset test accuracy " + acc + ", curves " + r.training().curves());
    }

    /** Rows [from, to) of a corpus file (the shared files are shuffled, so a prefix is balanced). */
    private static List<Document> slice(Path file, int from, int to) {
        List<Document> out = new ArrayList<>();
        try (DocumentReader r = Corpora.open(file)) {
            int i = 0;
            while (r.hasNext() && i < to) {
                Document d = r.next();
                if (i++ >= from) {
                    out.add(d);
                }
            }
        }
        return out;
    }
}
