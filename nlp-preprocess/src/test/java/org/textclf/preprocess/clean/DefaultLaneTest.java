package org.textclf.preprocess.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.textclf.preprocess.SharedCorpora;
import org.textclf.preprocess.tokenize.WhitespaceTokenizer;

/** The one-pass lane gives exactly what the stages give one after the other. */
class DefaultLaneTest {

    private static String staged(String raw) {
        String text = MarkupStripper.INSTANCE.apply(raw);
        text = LowerCaser.INSTANCE.apply(text);
        text = PunctuationFilter.INSTANCE.apply(text);
        return WhitespaceNormalizer.INSTANCE.apply(text);
    }

    private static void assertSameAsStages(String raw) {
        String fast = DefaultLane.clean(raw);
        if (fast != null) {
            String expected = staged(raw);
            assertEquals(expected, fast, () -> MarkupStripperTest.escape(raw));
            assertEquals(WhitespaceTokenizer.INSTANCE.tokenize(expected), DefaultLane.tokens(raw));
        } else {
            assertNull(DefaultLane.tokens(raw));
        }
    }

    /** The lane lower-cases per code point; that equals String.toLowerCase(ROOT) except for the two it declines. */
    @Test
    void perCodePointLowerCaseEqualsRootLowerCaseForEveryCodePoint() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp == 0x130 || cp == 0x3A3) {
                continue;
            }
            String s = new String(Character.toChars(cp));
            String expected = s.toLowerCase(Locale.ROOT);
            int lower = Character.toLowerCase(cp);
            if (!expected.equals(new String(Character.toChars(lower)))) {
                throw new AssertionError("U+" + Integer.toHexString(cp));
            }
            assertTrue(Character.charCount(lower) <= Character.charCount(cp));
        }
    }

    @Test
    void literalCases() {
        assertEquals("dont stop me now", DefaultLane.clean("DON'T <br />stop<BR>me &  now!"));
        assertEquals(List.of("a", "b"), DefaultLane.tokens("a<br/>'b"));
        assertEquals("", DefaultLane.clean(" <br /> "));
        assertNull(DefaultLane.clean("<i>x</i>"));
        assertNull(DefaultLane.clean("&amp;"));
        assertNull(DefaultLane.clean("\u0130"));
        assertNull(DefaultLane.clean("a\u0000b"));
    }

    @Test
    void equalsTheStagesOnRandomStrings() {
        List<String> fragments = List.of("a", "Z", "x1", "I", "\u00c9", "e\u0301", "\u0301", "'", "\u2019", " ", "\t", "\n",
                "\u00a0", "\u3000", "\u00ad", "\u200b", "\ufe0f", "\u20e3", "!", ".", "-", "\"", "&", "& ", "&amp;", "&x",
                "&#39;", "<br>", "<br />", "<BR/>", "<br", "<i>", "<", "<3", "\u0000", "\u0003", "\u0130", "\u03a3",
                "\u1e9e", "\u2126", "\ud801\udc00", "\ud83d\ude00", "\ud800", "\udc00", "\ue000", "\u0663", "\u00bd",
                "\u0928\u094d", "\u01c5", "\u1f88");
        Random random = new Random(11);
        int taken = 0;
        for (int i = 0; i < 150_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(12);
            for (int k = 0; k < n; k++) {
                if (random.nextInt(10) == 0) {
                    sb.appendCodePoint(random.nextInt(0x110000));
                } else {
                    sb.append(fragments.get(random.nextInt(fragments.size())));
                }
            }
            String raw = sb.toString();
            if (DefaultLane.clean(raw) != null) {
                taken++;
            }
            assertSameAsStages(raw);
        }
        assertTrue(taken > 20_000, "lane taken " + taken + " times");
    }

    @Test
    void equalsTheStagesOnImdbReviews() {
        List<String> docs = SharedCorpora.tsvTexts(SharedCorpora.corpus("imdb").resolve("test.tsv.gz"), 3_000);
        int taken = 0;
        for (String doc : docs) {
            if (DefaultLane.clean(doc) != null) {
                taken++;
            }
            assertSameAsStages(doc);
        }
        assertTrue(taken > docs.size() * 9 / 10, "lane taken for " + taken + " of " + docs.size());
    }
}
