package org.textclf.preprocess.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.SharedCorpora;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.vocab.Vocabulary;
import org.textclf.preprocess.vocab.VocabularyBuilder;

/** {@link TextEncoder#encode} gives exactly {@code encoder.encode(pipeline.tokens(raw))}. */
class TextEncoderTest {

    // ids: <pad>=0 <unk>=1 dont=2 miss=3 it=4 great=5 fun=6 a=7 b=8 c=9 d=10 e=11
    private static final Vocabulary VOCAB = Vocabulary.of(
            List.of("<pad>", "<unk>", "dont", "miss", "it", "great", "fun", "a", "b", "c", "d", "e"));

    private static TextEncoder encoder(TextPipeline pipeline, Vocabulary vocab, int maxLength, Truncation truncation) {
        return new TextEncoder(pipeline, vocab, new EncoderConfig(maxLength, truncation));
    }

    private static void assertSameAsStaged(TextEncoder te, String raw) {
        int[] expected = te.encoder().encode(te.pipeline().tokens(raw));
        assertArrayEquals(expected, te.encode(raw), () -> te + " on " + raw);
    }

    @Test
    void literalCases() {
        TextEncoder te = encoder(TextPipeline.defaults(), VOCAB, 10, Truncation.HEAD);
        assertTrue(te.isOnePass());
        assertArrayEquals(new int[] {2, 3, 4, 5, 6}, te.encode("<p>Don't miss it!</p><br/>Great &amp; fun"));
        assertArrayEquals(new int[] {2, 3, 4, 5, 1, 6}, te.encode("DON'T miss it<br />great & more fun"));
        assertArrayEquals(new int[0], te.encode(" <br/> !!! "));
        assertArrayEquals(new int[] {7, 1}, te.encode("a \u0130"));      // declined: İ lower-cases to two chars
        assertArrayEquals(new int[0], te.encode("<pad> <unk>"));          // unknown elements: markup, no text
        TextPipeline raw = TextPipeline.builder().stripMarkup(false).removePunctuation(false).build();
        assertArrayEquals(new int[] {1, 1, 7}, encoder(raw, VOCAB, 10, Truncation.HEAD).encode("<pad> <unk> A"));
    }

    @Test
    void literalTruncation() {
        String text = "a b c d e a b c d e";
        assertArrayEquals(new int[] {7, 8, 9}, encoder(TextPipeline.defaults(), VOCAB, 3, Truncation.HEAD).encode(text));
        assertArrayEquals(new int[] {7, 8, 11}, encoder(TextPipeline.defaults(), VOCAB, 3, Truncation.HEAD_TAIL)
                .encode(text));
        assertArrayEquals(new int[] {7, 8, 9, 10, 11}, encoder(TextPipeline.defaults(), VOCAB, 5, Truncation.HEAD_TAIL)
                .encode("a b c d e"));
        assertArrayEquals(new int[] {7, 8, 10, 11}, encoder(TextPipeline.defaults(), VOCAB, 4, Truncation.HEAD_TAIL)
                .encode("a b c d e"));
        assertArrayEquals(new int[] {7}, encoder(TextPipeline.defaults(), VOCAB, 1, Truncation.HEAD_TAIL).encode(text));
        // HEAD stops at maxLength tokens: a later İ no longer sends the text to the stages, and the result is the same
        assertArrayEquals(new int[] {7, 8}, encoder(TextPipeline.defaults(), VOCAB, 2, Truncation.HEAD)
                .encode("a b \u0130 c"));
    }

    /**
     * Short tokens are looked up in batches of 64 and the others one by one: ids stay in order across batch ends,
     * truncation ends and tokens of both kinds.
     */
    @Test
    void batchBoundaries() {
        List<String> tokens = new ArrayList<>(List.of("<pad>", "<unk>"));
        for (int i = 0; i < 150; i++) {
            tokens.add(i % 7 == 3 ? "longtoken" + i : "t" + i);  // every 7th token has more than 8 chars
        }
        Vocabulary vocab = Vocabulary.of(tokens);
        for (int words : new int[] {63, 64, 65, 128, 129, 150}) {
            StringBuilder text = new StringBuilder();
            int[] expected = new int[words + 1];
            for (int i = 0; i < words; i++) {
                text.append(tokens.get(i + 2).toUpperCase(java.util.Locale.ROOT)).append(i % 2 == 0 ? " " : "<br />");
                expected[i] = i + 2;
            }
            text.append("absent");
            expected[words] = Vocabulary.UNK_ID;
            TextPipeline p = TextPipeline.defaults();
            assertArrayEquals(expected, encoder(p, vocab, 1_000, Truncation.HEAD).encode(text.toString()));
            for (int max : new int[] {1, 63, 64, 65, 127, 128, 129, 200}) {
                int kept = Math.min(max, words + 1);
                assertArrayEquals(java.util.Arrays.copyOf(expected, kept),
                        encoder(p, vocab, max, Truncation.HEAD).encode(text.toString()), "HEAD " + max);
                int head = max - max / 2;
                int[] headTail = new int[kept];
                for (int k = 0; k < kept; k++) {
                    headTail[k] = k < head || kept < max ? expected[k] : expected[words + 1 - (kept - k)];
                }
                assertArrayEquals(headTail, encoder(p, vocab, max, Truncation.HEAD_TAIL).encode(text.toString()),
                        "HEAD_TAIL " + max);
            }
        }
        // <pad> spelled out in the text is <unk> (looked up in a batch); a wide token is looked up one by one
        TextPipeline raw = TextPipeline.builder().stripMarkup(false).removePunctuation(false).build();
        Vocabulary withPad = Vocabulary.of(List.of("<pad>", "<unk>", "\u0101<pad>", "x", "abcdefghij", "abcdefgh\u0101",
                "abcdefghijklmnop", "abcdefghijklmnopq"));
        assertArrayEquals(new int[] {1, 3, 1, 2, 4, 5, 6, 7, 1, 1}, encoder(raw, withPad, 10, Truncation.HEAD)
                .encode("<pad> x <unk> \u0101<pad> ABCDEFGHIJ abcdefgh\u0101 abcdefghijklmnop abcdefghijklmnopq"
                        + " abcdefghijklmno\u0101 abcdefghi"));
    }

    @Test
    void otherTokenizersTakeTheStages() {
        TextPipeline lucene = TextPipeline.builder().tokenizer("lucene-standard").build();
        TextEncoder te = encoder(lucene, VOCAB, 10, Truncation.HEAD);
        assertFalse(te.isOnePass());
        assertArrayEquals(new int[] {2, 1, 5}, te.encode("Dont -- x.y Great"));
    }

    /** Vocabulary from the first half of the texts, so that the rest has known and unknown tokens. */
    private static Vocabulary vocabulary(TextPipeline pipeline, List<String> texts, int maxSize) {
        VocabularyBuilder b = Vocabulary.builder().maxSize(maxSize);
        for (String t : texts.subList(0, texts.size() / 2)) {
            List<String> tokens = new ArrayList<>(pipeline.tokens(t));
            tokens.removeIf(tok -> tok.indexOf('\n') >= 0 || tok.indexOf('\r') >= 0 || hasLoneSurrogate(tok)
                    || tok.equals(Vocabulary.PAD) || tok.equals(Vocabulary.UNK));
            b.add(tokens);
        }
        return b.build();
    }

    private static boolean hasLoneSurrogate(String s) {
        return s.codePoints().anyMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
    }

    @Test
    void equalsTheStagedPathOnRandomStrings() {
        List<String> fragments = List.of("a", "b", "c", "Ab", "I", "\u00c9t\u00e9", "e\u0301", "'", "\u2019", " ", "  ",
                "\n", "\u00a0", "\u00ad", "!", "&amp;", "&", "<br />", "<i>", "</p>", "<", "\u0000", "\u0130", "\u03a3",
                "\ud83d\ude00", "\ud800", "DON'T", "<pad>");
        Random random = new Random(3);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(30);
            for (int k = 0; k < n; k++) {
                if (random.nextInt(8) == 0) {
                    sb.appendCodePoint(random.nextInt(0x110000));
                } else {
                    sb.append(fragments.get(random.nextInt(fragments.size())));
                }
            }
            texts.add(sb.toString());
        }
        for (int bits = 0; bits < 16; bits++) {
            TextPipeline p = TextPipeline.fromConfig(new PipelineConfig((bits & 1) != 0, (bits & 2) != 0,
                    (bits & 4) != 0, (bits & 8) != 0, "default"));
            Vocabulary vocab = vocabulary(p, texts, 40);
            List<TextEncoder> encoders = new ArrayList<>();
            for (int max : new int[] {1, 2, 3, 7, 256}) {
                encoders.add(encoder(p, vocab, max, Truncation.HEAD));
                encoders.add(encoder(p, vocab, max, Truncation.HEAD_TAIL));
            }
            for (String text : texts) {
                List<String> tokens = p.tokens(text);
                for (TextEncoder te : encoders) {
                    assertArrayEquals(te.encoder().encode(tokens), te.encode(text), () -> te + " on " + text);
                }
            }
        }
    }

    @Test
    void equalsTheStagedPathOnImdbReviews() {
        List<String> docs = SharedCorpora.tsvTexts(SharedCorpora.corpus("imdb").resolve("test.tsv.gz"), 2_000);
        TextPipeline p = TextPipeline.defaults();
        Vocabulary vocab = vocabulary(p, docs, 5_000);
        for (TextEncoder te : List.of(encoder(p, vocab, 256, Truncation.HEAD), encoder(p, vocab, 100, Truncation.HEAD_TAIL),
                encoder(p, vocab, 5_000, Truncation.HEAD))) {
            for (String doc : docs) {
                assertSameAsStaged(te, doc);
            }
        }
    }
}
