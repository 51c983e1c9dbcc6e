package org.textclf.preprocess.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.textclf.preprocess.TextPipeline;

/** Each tokenizer on literal inputs, alone and inside its default pipeline. */
class TokenizersTest {

    private static List<String> tokens(String tokenizer, String raw) {
        return TextPipeline.builder().tokenizer(tokenizer).build().tokens(raw);
    }

    @Test
    void defaultSplitsOnWhitespaceRunsWithoutEmptyTokens() {
        assertEquals(List.of("a", "b", "c"), WhitespaceTokenizer.INSTANCE.tokenize("  a \t b\u00a0\u00a0c\n"));
        assertEquals(List.of(), WhitespaceTokenizer.INSTANCE.tokenize(""));
        assertEquals(List.of(), WhitespaceTokenizer.INSTANCE.tokenize(" \u3000 "));
        assertEquals(List.of("\ud83d\ude00x", "y"), WhitespaceTokenizer.INSTANCE.tokenize("\ud83d\ude00x y"));
        assertEquals(List.of("a", "b"), WhitespaceTokenizer.splitNormalized("a b"));
        assertEquals(List.of("a"), WhitespaceTokenizer.splitNormalized("a"));
        assertEquals(List.of(), WhitespaceTokenizer.splitNormalized(""));
    }

    @Test
    void coreNlpSplitsCliticsAndPunctuation() {
        assertEquals(List.of("Do", "n't", "stop", "the", "Cats", "'", "RUNNING", "!"),
                CoreNlpTokenizer.INSTANCE.tokenize("Don't stop the Cats' RUNNING!"));
        assertEquals(List.of("the", "u.s.", "economy", "grew", "3.5", "%", "in", "1987", "(", "$", "4.2", "billion",
                ")", "."), tokens("corenlp", "The U.S. economy grew 3.5% in 1987 ($4.2 billion)."));
        assertEquals(List.of("she", "said", "\"", "hello", "\"", "--", "and", "left", "...", "(", "quickly", ")"),
                tokens("corenlp", "She said \"hello\" -- and left... (quickly)"));
        assertEquals(List.of("caf\u00e9", "&", "th\u00e9"), tokens("corenlp", "<p>Caf\u00e9 &amp; th\u00e9</p>"));
        assertEquals(List.of(), CoreNlpTokenizer.INSTANCE.tokenize(""));
    }

    @Test
    void luceneStandardIsUax29WordsLowercased() {
        assertEquals(List.of("don't", "stop", "the", "cats", "running", "john's", "dogs"),
                tokens("lucene-standard", "Don't stop the cats' running, John's dogs!"));
        assertEquals(List.of("the", "u.s", "economy", "grew", "3.5", "in", "1987", "4.2", "billion"),
                tokens("lucene-standard", "The U.S. economy grew 3.5% in 1987 ($4.2 billion)."));
    }

    @Test
    void luceneEnglishStemsAndDropsStopWords() {
        assertEquals(List.of("don't", "stop", "cat", "run", "john", "dog"),
                tokens("lucene-english", "Don't stop the cats' running, John's dogs!"));
        assertEquals(List.of("she", "said", "hello", "left", "quickli"),
                tokens("lucene-english", "She said \"hello\" -- and left... (quickly)"));
    }

    @Test
    void luceneDutchStemsAndDropsDutchStopWords() {
        assertEquals(List.of("kinder", "fietst", "bakkerij"),
                tokens("lucene-dutch", "De kinderen fietsten naar de bakkerij."));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokenizers.create("nltk"));
        assertEquals("tokenizer must be one of default, corenlp, lucene-standard, lucene-english, lucene-dutch,"
                + " was 'nltk'", e.getMessage());
        assertEquals("lucene-dutch", Tokenizers.create("lucene-dutch").name());
    }

    /** One pipeline shared by several threads gives the same tokens as one thread. */
    @Test
    void sharedPipelinesAreThreadSafe() throws Exception {
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            docs.add("<p>Doc " + i + ": the runners' " + "quick ".repeat(i % 7) + "cats don't jump; "
                    + "De kinderen fietsten " + i + " keer.</p>");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (String name : Tokenizers.NAMES) {
                TextPipeline pipeline = TextPipeline.builder().tokenizer(name).build();
                List<List<String>> expected = docs.stream().map(pipeline::tokens).toList();
                List<Future<List<List<String>>>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    results.add(pool.submit(() -> docs.stream().map(pipeline::tokens).toList()));
                }
                for (Future<List<List<String>>> result : results) {
                    assertEquals(expected, result.get(), name);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
