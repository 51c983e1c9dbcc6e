package org.textclf.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of steps 2-5 of the default pipeline (issue 2) on literal inputs with literal expected output. */
class DefaultPipelineRulesTest {

    private static final TextPipeline DEFAULT = TextPipeline.defaults();

    static Stream<Arguments> rules() {
        return Stream.of(
                // step 2: case, always Locale.ROOT
                Arguments.of("HELLO World", "hello world"),
                Arguments.of("ISTANBUL", "istanbul"),
                Arguments.of("\u0130stanbul", "i\u0307stanbul"), // İ -> i + combining dot above under ROOT
                Arguments.of("ΟΔΥΣΣΕΥΣ", "οδυσσευς"), // final sigma
                Arguments.of("STRASSE Straße", "strasse straße"),
                // step 3: apostrophes between two letters are deleted, others are punctuation
                Arguments.of("don't", "dont"),
                Arguments.of("can\u2019t", "cant"),
                Arguments.of("Rock'n'Roll", "rocknroll"),
                Arguments.of("l'\u00e9t\u00e9", "l\u00e9t\u00e9"),
                Arguments.of("'quoted'", "quoted"),
                Arguments.of("80's", "80 s"),
                Arguments.of("don''t", "don t"),
                Arguments.of("james' car", "james car"),
                Arguments.of("\u2018single\u2019 \u201cdouble\u201d", "single double"),
                // step 3: punctuation and symbols to spaces
                Arguments.of("Hello,world!How's it?", "hello world hows it"),
                Arguments.of("well-known e-mail", "well known e mail"),
                Arguments.of("$5.99 or 100% (approx.)", "5 99 or 100 approx"),
                Arguments.of("a+b=c <= d | e ~ f ^ g `h`", "a b c d e f g h"),
                Arguments.of("\u00a92020 \u20ac5 x\u2264y", "2020 5 x y"),
                Arguments.of("under_score #hash @at", "under score hash at"),
                Arguments.of("\u00bfQu\u00e9? \u00a1S\u00ed!", "qu\u00e9 s\u00ed"),
                Arguments.of("\u00abguillemets\u00bb \u2026 \u2014 dash", "guillemets dash"),
                // step 3: emoji and other symbols
                Arguments.of("great\ud83d\ude00movie", "great movie"),
                Arguments.of("\u2764\ufe0flove", "love"), // the variation selector goes with its emoji
                Arguments.of("\ud83d\udc4d\ud83c\udffdok", "ok"), // skin tone modifier
                Arguments.of("x\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67y", "x y"), // ZWJ family
                Arguments.of("1\ufe0f\u20e3x", "1 x"), // keycap: enclosing mark is a symbol
                Arguments.of("\ud83d\ude00\u0301x", "x"), // a combining mark whose base became a space
                // step 3: control characters to spaces, format characters deleted
                Arguments.of("a\u0003b\u0000c\u007fd", "a b c d"),
                Arguments.of("co\u00adoperate", "cooperate"), // soft hyphen
                Arguments.of("zero\u200bwidth", "zerowidth"),
                Arguments.of("\ufeffbom", "bom"),
                Arguments.of("left\u200eright\u200fmark", "leftrightmark"),
                Arguments.of("a \u00ad b", "a b"),
                // step 3: letters of any script, digits, numbers and combining marks are kept
                Arguments.of("Caf\u00e9 M\u00fcller na\u00efve \u00c5se", "caf\u00e9 m\u00fcller na\u00efve \u00e5se"),
                Arguments.of("cafe\u0301", "cafe\u0301"), // decomposed accent stays
                Arguments.of("\u041f\u0440\u0438\u0432\u0435\u0442, \u041c\u0418\u0420!", "\u043f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440"),
                Arguments.of("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3002", "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8"),
                Arguments.of("\u0645\u0631\u062d\u0628\u0627\u060c \u0627\u0644\u0639\u0627\u0644\u0645", "\u0645\u0631\u062d\u0628\u0627 \u0627\u0644\u0639\u0627\u0644\u0645"),
                Arguments.of("\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e", "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e"),
                Arguments.of("\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35", "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35"),
                Arguments.of("\u00bd \u00b2 \u2167 \u0663\u0664", "\u00bd \u00b2 \u2177 \u0663\u0664"),
                Arguments.of("\ud835\udc00bc", "\ud835\udc00bc"), // MATHEMATICAL BOLD CAPITAL A has no lower case
                Arguments.of("\ue000icon \ud800 lone", "icon lone"), // private use and a lone surrogate
                // step 4: whitespace
                Arguments.of("a\u00a0b", "a b"),
                Arguments.of("a\t\tb\r\nc\u000bd\fe", "a b c d e"),
                Arguments.of("  lead and trail  ", "lead and trail"),
                Arguments.of("a\u3000b\u2028c\u2029d\u0085e\u202ff\u2007g", "a b c d e f g"),
                Arguments.of("", ""),
                Arguments.of(" \t\n ", ""),
                Arguments.of("!!! ... ???", ""),
                // all steps on a review-like text
                Arguments.of("This movie was <br /><br />GREAT!!! 10/10 &amp; I'd watch it again :-)",
                        "this movie was great 10 10 id watch it again"));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void cleansExactly(String raw, String expected) {
        assertEquals(expected, DEFAULT.clean(raw));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void tokensAreTheCleanTextSplitOnSpaces(String raw, String expected) {
        List<String> expectedTokens = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
        assertEquals(expectedTokens, DEFAULT.tokens(raw));
    }

    @Test
    void tokensOfAReview() {
        assertEquals(List.of("dont", "miss", "it", "great", "fun"),
                DEFAULT.tokens("<p>Don't miss it!</p><br/>Great &amp; fun"));
    }

    @Test
    void lowercasesWithRootLocaleEvenWhenTheDefaultLocaleIsTurkish() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(new Locale("tr", "TR"));
            // Built under the Turkish locale, so nothing may capture the locale at construction either.
            TextPipeline pipeline = TextPipeline.builder().build();
            assertEquals("title in istanbul", pipeline.clean("TITLE IN ISTANBUL"));
            assertEquals(List.of("i", "i"), pipeline.tokens("I i"));
            assertEquals("i", TextPipeline.defaults().clean("I"));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
