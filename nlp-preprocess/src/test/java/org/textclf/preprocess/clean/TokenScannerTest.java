package org.textclf.preprocess.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.SharedCorpora;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.vocab.Vocabulary;

/** The one-pass scanner hands over exactly the tokens of the stages, for every configuration it serves. */
class TokenScannerTest {

    /** Every pipeline with the default tokenizer: 16 combinations of the four cleaning steps. */
    private static final List<TextPipeline> PIPELINES = new ArrayList<>();

    static {
        for (int bits = 0; bits < 16; bits++) {
            PIPELINES.add(TextPipeline.fromConfig(new PipelineConfig((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0,
                    (bits & 8) != 0, "default")));
        }
    }

    private static TokenScanner scanner(TextPipeline p) {
        PipelineConfig c = p.config();
        return TokenScanner.of(c.stripMarkup(), c.lowercase(), c.removePunctuation());
    }

    /** The scanner's tokens, or {@code null} when it declines; checks each packed form against Vocabulary.pack. */
    static List<String> scan(TokenScanner scanner, String raw) {
        List<String> tokens = new ArrayList<>();
        boolean done = scanner.scan(raw, (chars, length, packed) -> {
            String token = new String(chars, 0, length);
            assertEquals(Vocabulary.pack(chars, 0, length), packed, token);
            tokens.add(token);
            return true;
        });
        return done ? tokens : null;
    }

    /** Same tokens as the stages, or a decline that only a İ or Σ to lower-case may cause. */
    private static boolean assertSameAsStages(TextPipeline pipeline, TokenScanner scanner, String raw) {
        List<String> fast = scan(scanner, raw);
        if (fast == null) {
            assertTrue(pipeline.config().lowercase() && (raw.indexOf('\u0130') >= 0 || raw.indexOf('\u03a3') >= 0),
                    () -> "declined without İ or Σ: " + MarkupStripperTest.escape(raw));
            return false;
        }
        assertEquals(pipeline.tokens(raw), fast, () -> pipeline + " on " + MarkupStripperTest.escape(raw));
        return true;
    }

    /**
     * {@code pieces} pieces: a random code point one time in {@code codePointOneIn} (any code point one time in
     * {@code anyOneIn}, else one below {@code below}), otherwise a random fragment.
     */
    private static String randomText(Random random, List<String> fragments, int pieces, int codePointOneIn,
                                     int anyOneIn, int below) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < pieces; k++) {
            if (random.nextInt(codePointOneIn) == 0) {
                sb.appendCodePoint(random.nextInt(anyOneIn) == 0 ? random.nextInt(0x110000) : random.nextInt(below));
            } else {
                sb.append(fragments.get(random.nextInt(fragments.size())));
            }
        }
        return sb.toString();
    }

    /** Checks {@code raw} through every pipeline; how many of them took the one-pass path. */
    private static int takenOverAllPipelines(String raw) {
        int taken = 0;
        for (TextPipeline p : PIPELINES) {
            if (assertSameAsStages(p, scanner(p), raw)) {
                taken++;
            }
        }
        return taken;
    }

    @Test
    void literalCases() {
        TokenScanner s = TokenScanner.of(true, true, true);
        assertEquals(List.of("dont", "stop", "me", "now"), scan(s, "DON'T <br />stop<BR>me &  now!"));
        assertEquals(List.of("a", "b"), scan(s, "a<br/>'b"));
        assertEquals(List.of(), scan(s, " <br /> "));
        assertEquals(List.of("great", "fun"), scan(s, "<title>Great</title><body>Fun</body>"));
        assertEquals(List.of("caf\u00e9", "m\u00fcller", "cant"), scan(s, "Caf\u00e9 M\u00dcLLER\u00a0\ud83d\ude00 can\u2019t"));
        assertEquals(List.of("cooperate", "e\u0301"), scan(s, "co\u00adoperate \u0301E\u0301"));
        assertEquals(List.of("a", "b"), scan(s, "a &lt;b"));
        assertEquals(null, scan(s, "\u0130stanbul"));
        assertEquals(null, scan(s, "\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3"));
        assertEquals(List.of("\u0130stanbul", "\u03a3"), scan(TokenScanner.of(true, false, true), "\u0130stanbul \u03a3"));
        assertEquals(List.of("don't", "<i>x</i>"), scan(TokenScanner.of(false, true, false), "Don't <i>x</i>"));
    }

    /** The packed form handed over with each token (what the vocabulary looks up) at the edges of the ASCII path. */
    @Test
    void packedFormsAtTheEdgesOfTheAsciiPath() {
        TokenScanner s = TokenScanner.of(true, true, true);
        List<Long> packed = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        s.scan("ABCDEFGH abcdefghi caf\u00e9s \u00e9t\u00e9 abcdefg\u0101 \u0101b x\ud801\udc00 Don't it\u2019s",
                (chars, length, p) -> {
                    tokens.add(new String(chars, 0, length));
                    packed.add(p);
                    return true;
                });
        assertEquals(List.of("abcdefgh", "abcdefghi", "caf\u00e9s", "\u00e9t\u00e9", "abcdefg\u0101", "\u0101b",
                "x\ud801\udc28", "dont", "its"), tokens);
        assertEquals(List.of(
                0x6867666564636261L,  // exactly 8 chars, upper case lower-cased on the way
                0L,                   // 9 chars: no packed form
                0x73E9666163L,        // non-ASCII right after ASCII, back to ASCII after it
                0xE974E9L,            // starts and ends with non-ASCII
                0L,                   // a char above U+00FF as the 8th
                0L,                   // ... or as the first
                0L,                   // a surrogate pair (a letter, lower-cased) after ASCII
                0x746E6F64L,          // apostrophe deleted between letters: packed without it
                0x737469L), packed);  // the same for U+2019
        // a kept NUL (punctuation and markup kept) has no packed form: "a\0" must never look up as "a"
        List<Long> withNul = new ArrayList<>();
        TokenScanner.of(false, true, false).scan("a\u0000 b", (chars, length, p) -> withNul.add(p));
        assertEquals(List.of(0L, 0x62L), withNul);
    }

    /** Per code point lower case equals String.toLowerCase(ROOT), except for the two code points the scanner declines. */
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
                throw new AssertionError("U+" + Integer.toHexString(cp) + " lower-cases to " + expected);
            }
            // the scanner writes each token over the input it has already read
            if (Character.charCount(lower) > Character.charCount(cp)) {
                throw new AssertionError("U+" + Integer.toHexString(cp) + " lower-cases to more chars");
            }
        }
        assertEquals("i\u0307", "\u0130".toLowerCase(Locale.ROOT));
        assertEquals("\u03c3\u03c2", "\u03a3\u03a3".toLowerCase(Locale.ROOT));
    }

    /** Every BMP code point (surrogate halves included) alone and between letters, apostrophes and line breaks. */
    @Test
    void everyBmpCodePointInContext() {
        for (TextPipeline p : List.of(PIPELINES.get(15), PIPELINES.get(13), PIPELINES.get(11), PIPELINES.get(6))) {
            TokenScanner s = scanner(p);
            for (int cp = 0; cp <= 0xFFFF; cp++) {
                String c = String.valueOf((char) cp);
                assertSameAsStages(p, s, "Ab" + c + "'x" + c + "\u0301 y'" + c + "<br />" + c + "\u2019Z " + c);
            }
        }
    }

    @Test
    void equalsTheStagesOnRandomStrings() {
        List<String> fragments = List.of("a", "Z", "x1", "I", "\u00c9", "e\u0301", "\u0301", "'", "\u2019", " ", "\t",
                "\n", "\u00a0", "\u3000", "\u0085", "\u00ad", "\u200b", "\ufe0f", "\u20e3", "!", ".", "-", "\"", "&", "& ",
                "&amp;", "&x", "&#39;", "&lt;", "&eacute;", "<br>", "<br />", "<BR/>", "<br", "<i>", "</i>", "<p>", "<b>",
                "<script>x</script>", "<!-- c -->", "<title>", "<", "<3", ">", "\u0000", "\u0003", "\u0130", "\u03a3",
                "\u212a", "\u1e9e", "\u2126", "\ud801\udc00", "\ud83d\ude00", "\ud800", "\udc00", "\ue000", "\u0663",
                "\u00bd", "\u0928\u094d", "\u01c5", "\u1f88", "DON'T", "can\u2019t", "<pad>", "<unk>");
        Random random = new Random(7);
        int taken = 0;
        int runs = 0;
        for (int i = 0; i < 6_000; i++) {
            String raw = randomText(random, fragments, random.nextInt(14), 6, 5, 0x3000);
            taken += takenOverAllPipelines(raw);
            runs += PIPELINES.size();
        }
        assertTrue(taken > runs * 8 / 10, "one pass taken " + taken + " of " + runs + " times");
    }

    @Test
    void equalsTheStagesOnImdbReviews() {
        List<String> docs = SharedCorpora.tsvTexts(SharedCorpora.corpus("imdb").resolve("test.tsv.gz"), 2_000);
        for (TextPipeline p : List.of(PIPELINES.get(15), PIPELINES.get(7), PIPELINES.get(13))) {
            TokenScanner s = scanner(p);
            int taken = 0;
            for (String doc : docs) {
                if (assertSameAsStages(p, s, doc)) {
                    taken++;
                }
            }
            assertTrue(taken == docs.size(), "one pass taken for " + taken + " of " + docs.size());
        }
    }

    /** Records each token and whether it came word-at-a-time (packed only) or char by char. */
    private static final class PathSink implements TokenScanner.TokenSink {
        final List<String> tokens = new ArrayList<>();
        final List<String> packedOnly = new ArrayList<>();

        @Override
        public boolean accept(char[] chars, int length, long packed) {
            String token = new String(chars, 0, length);
            assertEquals(Vocabulary.pack(chars, 0, length), packed, token);
            tokens.add(token);
            return true;
        }

        @Override
        public boolean acceptPacked(long first, long next, int length) {
            assertTrue(length >= 1 && length <= 16, "length " + length);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < length; k++) {
                long b = (k < 8 ? first >>> (8 * k) : next >>> (8 * (k - 8))) & 0xFF;
                assertTrue(b != 0, "zero byte in a packed token");
                sb.append((char) b);
            }
            // nothing beyond the token's chars: the vocabulary compares whole longs
            assertEquals(0, length >= 8 ? 0 : first >>> (8 * length), "bits beyond the token in first");
            assertEquals(0, length >= 16 ? 0 : length <= 8 ? next : next >>> (8 * (length - 8)), "bits beyond in next");
            tokens.add(sb.toString());
            packedOnly.add(sb.toString());
            return true;
        }
    }

    private static PathSink scanWithPaths(TokenScanner scanner, String raw) {
        PathSink sink = new PathSink();
        assertTrue(scanner.scan(raw, sink), raw);
        return sink;
    }

    /**
     * The word-at-a-time path (Latin-1 text, punctuation removed) at its edges: token lengths around 8 and 16, tokens
     * within 16 chars of the end, 8-byte boundaries next to an apostrophe, {@code <br>}, {@code &}, non-ASCII and
     * chars above U+00FF (which the Latin-1 copy turns into {@code ?}).
     */
    @Test
    void wordAtATimePathAtItsEdges() {
        TokenScanner s = TokenScanner.of(true, true, true);
        String tail = " padding padding padding";  // keeps the tokens before it away from the end of the text
        PathSink a = scanWithPaths(s, "ABCDEFG abcdefgh AbCdEfGhI abcdefghijklmno ABCDEFGHIJKLMNOP abcdefghijklmnopq"
                + " x 0123456789 a1B2c3D4e5 z@[`{/:" + tail);
        assertEquals(List.of("abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop",
                "abcdefghijklmnopq", "x", "0123456789", "a1b2c3d4e5", "z", "padding", "padding", "padding"), a.tokens);
        // all but the 17-char token and the end (within 16 chars of it) word-at-a-time
        assertEquals(List.of("abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop", "x",
                "0123456789", "a1b2c3d4e5", "z", "padding"), a.packedOnly);

        // apostrophe, line break, '&' and '<' right at the 8th and 9th byte of a token
        // (line breaks only, so no jsoup: '&' before a space is no entity)
        PathSink b = scanWithPaths(s, "abcdefgh'ijk abcdefg'h abcdefgh<br />ijk abcdefg<br/>h abcdefgh& ijk abcdefg&"
                + tail);
        assertEquals(List.of("abcdefghijk", "abcdefgh", "abcdefgh", "ijk", "abcdefg", "h", "abcdefgh", "ijk",
                "abcdefg", "padding", "padding", "padding"), b.tokens);
        // markup kept: '<' and '&' are punctuation
        PathSink b2 = scanWithPaths(TokenScanner.of(false, true, true), "abcdefgh&ijk abcdefgh<ijk abcdefg<" + tail);
        assertEquals(List.of("abcdefgh", "ijk", "abcdefgh", "ijk", "abcdefg", "padding", "padding", "padding"),
                b2.tokens);
        assertEquals(b2.tokens.subList(0, 6), b2.packedOnly);

        // non-ASCII right after ASCII, U+00FF and U+0100 (whose low byte 0x00 must not end a token), U+0161 (low
        // byte 'a'), U+2019 apostrophe, a real '?', the soft hyphen, NBSP, a Latin-1 symbol
        PathSink c = scanWithPaths(s, "CAF\u00c9 abc\u00ff abc\u0100d pa\u0161a don\u2019t what?now co\u00adop"
                + " x\u00a0y a\u00d7b \u00ffabcdefghijk ABCDEFGH\u00c9" + tail);
        assertEquals(List.of("caf\u00e9", "abc\u00ff", "abc\u0101d", "pa\u0161a", "dont", "what", "now", "coop", "x",
                "y", "a", "b", "\u00ffabcdefghijk", "abcdefgh\u00e9", "padding", "padding", "padding"), c.tokens);
        // word-at-a-time resumes after each of them ('?' before "now" is checked char by char: it may stand for a
        // char above U+00FF)
        assertEquals(List.of("now", "x", "y", "a", "b", "padding"), c.packedOnly);
        TextPipeline defaults = TextPipeline.defaults();
        for (PathSink sink : List.of(a, b, c)) {
            assertSameAsStages(defaults, s, String.join(" ", sink.tokens) + tail);
        }

        // a surrogate pair anywhere takes the char path for the whole text: same tokens
        PathSink d = scanWithPaths(s, "Hello \ud83d\ude00 world, this is long enough" + tail);
        assertEquals(List.of("hello", "world", "this", "is", "long", "enough", "padding", "padding", "padding"),
                d.tokens);
        assertEquals(List.of(), d.packedOnly);

        // without lower-casing the case stays; with punctuation kept there is no word-at-a-time path
        assertEquals(List.of("ABCDEFGHIJ", "Kl", "padding", "padding", "padding"),
                scanWithPaths(TokenScanner.of(true, false, true), "ABCDEFGHIJ Kl" + tail).tokens);
        assertEquals(List.of(), scanWithPaths(TokenScanner.of(true, true, false), "abcdefghij kl" + tail).packedOnly);
    }

    /** Seeded random texts long enough for the word-at-a-time path, every configuration, against the stages. */
    @Test
    void equalsTheStagesOnLongRandomTexts() {
        List<String> fragments = List.of("a", "Ab", "the", "MOVIE", "abcdefgh", "Abcdefghi", "abcdefghijklmnop",
                "abcdefghijklmnopq", "1984", "x2", " ", " ", "  ", ". ", ", ", "!", "?", "'", "\u2019", "<br />", "<br/>",
                "<br", "<", "&", "&amp;", "<i>", "\u00e9", "\u00c9", "\u00ff", "\u0100", "\u0161", "\u00ad", "\u00a0",
                "\u00d7", "\u00b5", "\u0000", "\t", "\n", "e\u0301", "\u0130", "\u03a3", "\ud83d\ude00", "\ud800",
                "DON'T", "it's", "\u4e2d");
        Random random = new Random(11);
        int taken = 0;
        int runs = 0;
        for (int i = 0; i < 3_000; i++) {
            String raw = randomText(random, fragments, 5 + random.nextInt(60), 20, 4, 0x300);
            taken += takenOverAllPipelines(raw);
            runs += PIPELINES.size();
        }
        assertTrue(taken > runs / 2, "one pass taken " + taken + " of " + runs + " times");
    }

    @Test
    void stopsWhenTheSinkSaysSo() {
        List<String> seen = new ArrayList<>();
        assertTrue(TokenScanner.of(true, true, true).scan("a b c d \u0130", (chars, length, packed) -> {
            seen.add(new String(chars, 0, length));
            return seen.size() < 2;
        }));
        assertEquals(List.of("a", "b"), seen);
        assertFalse(TokenScanner.of(true, true, true).scan("a \u0130", (chars, length, packed) -> true));
    }
}
