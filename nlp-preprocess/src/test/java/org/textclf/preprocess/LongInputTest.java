package org.textclf.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.textclf.preprocess.tokenize.Tokenizers;

/** A 10 MB document through the default pipeline, with and without markup, and through every tokenizer. */
class LongInputTest {

    private static final int MB10 = 10 * 1024 * 1024;

    /** Seven tokens per repetition, separated from the next repetition by markup or a space. */
    private static final String REVIEW = "<p>Don't miss it:<br />GREAT &amp; fun, 10/10!</p>";
    private static final List<String> REVIEW_TOKENS = List.of("dont", "miss", "it", "great", "fun", "10", "10");

    @Test
    void tenMegabytesOfMarkup() {
        int times = MB10 / REVIEW.length() + 1;
        String raw = REVIEW.repeat(times);
        List<String> tokens = TextPipeline.defaults().tokens(raw);
        assertEquals(times * REVIEW_TOKENS.size(), tokens.size());
        assertEquals(REVIEW_TOKENS, tokens.subList(tokens.size() - REVIEW_TOKENS.size(), tokens.size()));
    }

    @Test
    void tenMegabytesWithoutMarkupInOneWord() {
        // one 10 MB token: no buffer boundary may split it
        String raw = "Ab\u00e9".repeat(MB10 / 3);
        List<String> tokens = TextPipeline.defaults().tokens(raw);
        assertEquals(1, tokens.size());
        assertEquals("ab\u00e9".repeat(MB10 / 3), tokens.get(0));
    }

    @Test
    void everyTokenizerOnAMegabyteDocument() {
        String raw = "The cats' owners don't run; U.S. prices rose 3.5%. ".repeat(1024 * 1024 / 52);
        for (String name : Tokenizers.NAMES) {
            List<String> tokens = TextPipeline.builder().tokenizer(name).build().tokens(raw);
            List<String> oneSentence = TextPipeline.builder().tokenizer(name).build()
                    .tokens("The cats' owners don't run; U.S. prices rose 3.5%.");
            assertEquals(oneSentence.size() * (1024 * 1024 / 52), tokens.size(), name);
        }
    }
}
