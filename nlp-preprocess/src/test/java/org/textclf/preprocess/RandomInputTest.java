package org.textclf.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.textclf.preprocess.tokenize.Tokenizers;

/**
 * Seeded random strings (random code points including supplementary ones and lone surrogates, markup fragments,
 * entities, whitespace) through every pipeline and tokenizer: nothing throws and the invariants of each stage hold.
 */
class RandomInputTest {

    private static final List<String> MARKUP = List.of("<br />", "<br>", "<BR/>", "<p>", "</p>", "<div class=\"a>b\">",
            "</div>", "<b>", "</b>", "<i>", "<foo>", "</foo>", "<x:y z='1'>", "<!-- c -->", "<!--", "-->", "<script>",
            "</script>", "<style>", "</style>", "<![CDATA[", "]]>", "<?xml?>", "<!DOCTYPE html>", "<", ">", "</", "/>",
            "<3", "a < b", "&amp;", "&lt;", "&gt;", "&#39;", "&#3;", "&#x1F600;", "&eacute;", "&nbsp;", "&bogus;", "&",
            "&#", "&#0;", "&#xD800;", "<REUTERS>", "<TITLE>", "</TITLE>", "<BODY>", "</BODY>", "<textarea>", "<td>");
    private static final List<String> WORDS = List.of("Don't", "can\u2019t", "I", "ISTANBUL", "caf\u00e9", "cafe\u0301",
            "\u00ad", "\u200b", "\ud83d\ude00", "\u2764\ufe0f", "1\ufe0f\u20e3", "\u00a0", "\t", "\n", "\r\n", " ", "  ",
            "\u3000", "\u0085", "...", "--", "'", "\"", "$5.99", "e-mail", "\u00ab\u00bb", "\u041c\u0418\u0420",
            "\u65e5\u672c", "\u0928\u092e\u0938\u094d\u0924\u0947", "\u03a3", "\u0130");

    static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int parts = random.nextInt(40);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(6)) {
                case 0 -> sb.append((char) random.nextInt(0x10000)); // any UTF-16 unit: lone surrogates too
                case 1 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 2 -> sb.appendCodePoint(random.nextInt(0x80));
                case 3 -> sb.append(MARKUP.get(random.nextInt(MARKUP.size())));
                default -> sb.append(WORDS.get(random.nextInt(WORDS.size())));
            }
        }
        return sb.toString();
    }

    static List<TextPipeline> everyPipeline() {
        List<TextPipeline> pipelines = new ArrayList<>();
        for (int mask = 0; mask < 16; mask++) {
            pipelines.add(TextPipeline.builder().stripMarkup((mask & 1) != 0).lowercase((mask & 2) != 0)
                    .removePunctuation((mask & 4) != 0).normalizeWhitespace((mask & 8) != 0).build());
        }
        for (String name : Tokenizers.NAMES) {
            pipelines.add(TextPipeline.builder().tokenizer(name).build());
            pipelines.add(TextPipeline.builder().tokenizer(name).stripMarkup(false).removePunctuation(true).build());
        }
        return pipelines;
    }

    @Test
    void nothingThrowsAndTokensAreNeverEmptyOrSplitBySpaces() {
        Random random = new Random(42);
        List<TextPipeline> pipelines = everyPipeline();
        for (int i = 0; i < 1_500; i++) {
            String raw = randomText(random);
            for (TextPipeline pipeline : pipelines) {
                List<String> tokens;
                try {
                    tokens = pipeline.tokens(raw);
                } catch (RuntimeException e) {
                    throw new AssertionError(pipeline.config() + " failed on " + escape(raw), e);
                }
                for (String token : tokens) {
                    // corenlp keeps "1 1/2" as one token with U+00A0 for the space (PTB normalizeSpace); no
                    // tokenizer leaves an empty token or a space, tab or line break inside one.
                    if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
                        fail(pipeline.config() + " made token " + escape(token) + " from " + escape(raw));
                    }
                }
            }
        }
    }

    @Test
    void defaultPipelineInvariants() {
        Random random = new Random(7);
        TextPipeline pipeline = TextPipeline.defaults();
        for (int i = 0; i < 20_000; i++) {
            String raw = randomText(random);
            String clean = pipeline.clean(raw);
            String context = escape(raw) + " -> " + escape(clean);
            assertFalse(clean.contains("  "), context);
            assertFalse(clean.startsWith(" ") || clean.endsWith(" "), context);
            assertEquals(clean.toLowerCase(Locale.ROOT), clean, context);
            clean.codePoints().forEach(cp -> {
                int type = Character.getType(cp);
                boolean allowed = Character.isLetterOrDigit(cp) || cp == ' '
                        || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER
                        || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
                assertTrue(allowed, () -> "U+" + Integer.toHexString(cp) + " type " + type + " in " + context);
            });
            assertEquals(clean, pipeline.clean(clean), "idempotent: " + context);
            assertEquals(clean.isEmpty() ? List.of() : List.of(clean.split(" ")), pipeline.tokens(raw), context);
        }
    }

    /**
     * With only markup stripping on, text built from tags and words leaves no '<' or '>' behind. (Not with
     * {@code <title>} or {@code <textarea>} around tags: their content is text in HTML5, shown literally.)
     */
    @Test
    void noAngleBracketSurvivesFromTags() {
        List<String> tags = List.of("<br />", "<br>", "<BR/>", "<p>", "</p>", "<div class=\"a>b\" id='x>y'>", "</div>",
                "<b>", "</b>", "<foo>", "</foo>", "<x:y z='1'>", "</x:y>", "<!-- <p> c -->", "<script>if (a<b) {}</script>",
                "<style>a > b {}</style>", "<?xml version=\"1.0\"?>", "<!DOCTYPE html>", "<REUTERS NEWID=\"5\">",
                "<DATELINE>", "</DATELINE>", "<BODY>", "</BODY>", "<img src=x alt=\">\">", "<a href=\"<>\">", "</a>");
        List<String> words = List.of("word", " ", "\n", "caf\u00e9", "42", "x", "\ud83d\ude00", "&amp;", "&eacute;");
        TextPipeline markupOnly = TextPipeline.builder().lowercase(false).removePunctuation(false)
                .normalizeWhitespace(false).build();
        Random random = new Random(99);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = random.nextInt(20);
            for (int k = 0; k < parts; k++) {
                List<String> from = random.nextBoolean() ? tags : words;
                sb.append(from.get(random.nextInt(from.size())));
            }
            String raw = sb.toString();
            String clean = markupOnly.clean(raw);
            assertFalse(clean.indexOf('<') >= 0 || clean.indexOf('>') >= 0, () -> escape(raw) + " -> " + escape(clean));
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.append('"').toString();
    }
}
