package org.textclf.preprocess.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.textclf.preprocess.tokenize.WhitespaceTokenizer;

/** Stages 2-4 on their own, and the equivalence of the fused fast paths with the stages they replace. */
class CleaningStagesTest {

    @Test
    void punctuationFilterAloneLeavesWhitespaceAndCaseAlone() {
        // the tab is a control character (Cc): a space; the no-break space is a separator, left to step 4
        assertEquals("Dont  stop   now ", PunctuationFilter.INSTANCE.apply("Don't, stop!\t\"now\""));
        assertEquals("a\u00a0b", PunctuationFilter.INSTANCE.apply("a\u00a0b"));
        String clean = "nothing to remove";
        assertSame(clean, PunctuationFilter.INSTANCE.apply(clean));
    }

    @Test
    void whitespaceNormalizerAlone() {
        assertEquals("a b c", WhitespaceNormalizer.INSTANCE.apply(" a\u00a0\u00a0b\r\n\tc "));
        assertEquals("a,\u200b b", WhitespaceNormalizer.INSTANCE.apply("a,\u200b  b"));
        String normalised = "already normal";
        assertSame(normalised, WhitespaceNormalizer.INSTANCE.apply(normalised));
        assertTrue(WhitespaceNormalizer.isWhitespace(0x85));
        assertTrue(WhitespaceNormalizer.isWhitespace(0xa0));
        assertTrue(WhitespaceNormalizer.isWhitespace(0x1f));
        assertFalse(WhitespaceNormalizer.isWhitespace(0x200b));
        assertFalse(WhitespaceNormalizer.isWhitespace(0x08));
    }

    @Test
    void lowerCaserUsesRootLocale() {
        assertEquals("i\u0307 i \u03c3\u03c2", LowerCaser.INSTANCE.apply("\u0130 I \u03a3\u03a3"));
    }

    /** The fused punctuation+whitespace pass equals the two stages one after the other, on seeded random text. */
    @Test
    void fusedPassEqualsTheChain() {
        String pieces = "aZé\u0301'\u2019 \t\n\u00a0\u3000\u0085\u00ad\u200b\ufe0f\u20e3!?.,-_\"\u0003\u0000\ue000"
                + "\ud83d\ude00\ud800\udc00\u0928\u094d1٣½";
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(16);
            for (int k = 0; k < n; k++) {
                if (random.nextInt(8) == 0) {
                    sb.appendCodePoint(random.nextInt(0x110000));
                } else {
                    sb.append(pieces.charAt(random.nextInt(pieces.length())));
                }
            }
            String text = sb.toString();
            String chain = WhitespaceNormalizer.INSTANCE.apply(PunctuationFilter.INSTANCE.apply(text));
            assertEquals(chain, PunctuationFilter.WITH_WHITESPACE.apply(text), () -> MarkupStripperTest.escape(text));
            assertEquals(WhitespaceTokenizer.INSTANCE.tokenize(chain), WhitespaceTokenizer.splitNormalized(chain));
        }
    }
}
