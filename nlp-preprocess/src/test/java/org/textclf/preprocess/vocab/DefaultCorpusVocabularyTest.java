package org.textclf.preprocess.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.Split;
import org.textclf.corpora.Splitter;
import org.textclf.preprocess.encode.Batch;
import org.textclf.preprocess.encode.Batcher;
import org.textclf.preprocess.encode.Encoder;
import org.textclf.preprocess.encode.EncoderConfig;

/**
 * The train-only rule end to end on the embedded corpus: tokens seen only in the test split get no id. Uses a
 * throw-away whitespace tokenizer so this test does not depend on the text pipeline.
 */
class DefaultCorpusVocabularyTest {

    private static List<String> tokens(Document d) {
        return Arrays.stream(d.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(t -> !t.isEmpty()).toList();
    }

    @Test
    void vocabularyComesFromTheTrainingSplitOnly() {
        Split split = Splitter.stratified(DefaultCorpus.documents(), 42);
        assertEquals(252 + 54 + 54, split.size());
        VocabularyBuilder builder = Vocabulary.builder();
        split.train().forEach(d -> builder.add(tokens(d)));
        Vocabulary vocab = builder.build();

        Set<String> trainTokens = new HashSet<>();
        split.train().forEach(d -> trainTokens.addAll(tokens(d)));
        assertEquals(trainTokens.size() + 2, vocab.size());
        Set<String> testOnly = new HashSet<>();
        split.test().forEach(d -> testOnly.addAll(tokens(d)));
        testOnly.removeAll(trainTokens);
        assertFalse(testOnly.isEmpty(), "the test split should have some unseen words");
        testOnly.forEach(t -> assertFalse(vocab.contains(t), t));

        CoverageStats coverage = vocab.coverage(split.test().stream().map(DefaultCorpusVocabularyTest::tokens).toList());
        assertEquals(testOnly.size(), coverage.unknownTypes());
        assertTrue(coverage.tokenOovRate() > 0 && coverage.tokenOovRate() < 0.2, coverage.toString());

        Encoder encoder = new Encoder(vocab, EncoderConfig.builder().maxLength(64).build());
        List<int[]> ids = split.test().stream().map(d -> encoder.encode(tokens(d))).toList();
        int[] lengths = ids.stream().mapToInt(a -> a.length).toArray();
        int docs = 0;
        for (int[] batch : Batcher.batches(lengths, 8, true, 1)) {
            Batch b = encoder.batch(Arrays.stream(batch).mapToObj(ids::get).toList());
            docs += b.size();
            float[][] mask = b.mask();
            int[][] batchIds = b.ids();
            for (int r = 0; r < b.size(); r++) {
                for (int t = 0; t < b.width(); t++) {
                    assertEquals(batchIds[r][t] == Vocabulary.PAD_ID, mask[r][t] == 0f);
                }
            }
        }
        assertEquals(split.test().size(), docs);
    }
}
