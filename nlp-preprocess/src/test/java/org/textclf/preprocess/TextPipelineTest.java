package org.textclf.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration, builder, switches and {@code toString()} of {@link TextPipeline}. */
class TextPipelineTest {

    @Test
    void defaultConfigAsJson() {
        assertEquals("{\"stripMarkup\":true,\"lowercase\":true,\"removePunctuation\":true,\"normalizeWhitespace\":true,"
                + "\"tokenizer\":\"default\"}", PipelineConfig.defaults().toJson());
    }

    @Test
    void configRoundTripsThroughAPlainObjectMapper() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        PipelineConfig config = TextPipeline.builder().tokenizer("lucene-dutch").lowercase(false).buildConfig();
        String json = mapper.writeValueAsString(config);
        assertEquals(config, mapper.readValue(json, PipelineConfig.class));
        assertEquals(config, PipelineConfig.fromJson(json));
    }

    @Test
    void configWithAMissingPropertyIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineConfig.fromJson(
                "{\"stripMarkup\":true,\"lowercase\":true,\"removePunctuation\":true,\"tokenizer\":\"default\"}"));
        assertTrue(e.getMessage().contains("normalizeWhitespace"), e.getMessage());
    }

    @Test
    void configWithAnUnknownTokenizerIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineConfig.fromJson(
                "{\"stripMarkup\":true,\"lowercase\":true,\"removePunctuation\":true,\"normalizeWhitespace\":true,"
                        + "\"tokenizer\":\"spacy\"}"));
        assertTrue(e.getMessage().contains(
                "tokenizer must be one of default, corenlp, lucene-standard, lucene-english, lucene-dutch, was 'spacy'"),
                e.getMessage());
    }

    @Test
    void builderFailsFastOnAnUnknownTokenizer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextPipeline.builder().tokenizer("Default"));
        assertEquals("tokenizer must be one of default, corenlp, lucene-standard, lucene-english, lucene-dutch,"
                + " was 'Default'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PipelineConfig(true, true, true, true, null));
    }

    @Test
    void punctuationStageDefaultsToOffForTokenizersThatSplitPunctuation() {
        assertTrue(TextPipeline.builder().buildConfig().removePunctuation());
        assertFalse(TextPipeline.builder().tokenizer("corenlp").buildConfig().removePunctuation());
        assertFalse(TextPipeline.builder().tokenizer("lucene-standard").buildConfig().removePunctuation());
        assertFalse(TextPipeline.builder().tokenizer("lucene-english").buildConfig().removePunctuation());
        assertFalse(TextPipeline.builder().tokenizer("lucene-dutch").buildConfig().removePunctuation());
        // an explicit choice wins, in either order
        assertTrue(TextPipeline.builder().tokenizer("corenlp").removePunctuation(true).buildConfig().removePunctuation());
        assertTrue(TextPipeline.builder().removePunctuation(true).tokenizer("corenlp").buildConfig().removePunctuation());
        assertFalse(TextPipeline.builder().removePunctuation(false).buildConfig().removePunctuation());
    }

    @Test
    void defaultsEqualsTheDefaultBuilder() {
        assertEquals(PipelineConfig.defaults(), TextPipeline.builder().buildConfig());
        assertEquals(PipelineConfig.defaults(), TextPipeline.defaults().config());
    }

    @Test
    void toStringDescribesEveryStage() {
        assertEquals("TextPipeline[markup(jsoup html5: text nodes, entities decoded, script/style/comments dropped,"
                + " non-inline element boundaries -> space) -> lowercase(Locale.ROOT)"
                + " -> punctuation(P*/S*/Cc -> space, Cf deleted, in-word apostrophe deleted)"
                + " -> whitespace(runs -> one space, trim) -> tokenizer=default(split on whitespace)]",
                TextPipeline.defaults().toString());
        assertEquals("TextPipeline[markup(off: kept as text) -> lowercase(off: case kept) -> punctuation(off: kept)"
                + " -> whitespace(off: kept) -> tokenizer=lucene-english(EnglishAnalyzer)]",
                TextPipeline.builder().stripMarkup(false).lowercase(false).removePunctuation(false)
                        .normalizeWhitespace(false).tokenizer("lucene-english").build().toString());
    }

    @Test
    void eachStageCanBeSwitchedOff() {
        String raw = "<b>Don't</b>  STOP!";
        assertEquals("dont stop", TextPipeline.defaults().clean(raw));
        assertEquals("b dont b stop", TextPipeline.builder().stripMarkup(false).build().clean(raw));
        assertEquals("Dont STOP", TextPipeline.builder().lowercase(false).build().clean(raw));
        assertEquals("don't stop!", TextPipeline.builder().removePunctuation(false).build().clean(raw));
        assertEquals("dont  stop ", TextPipeline.builder().normalizeWhitespace(false).build().clean(raw));
        assertEquals(List.of("dont", "stop"), TextPipeline.builder().normalizeWhitespace(false).build().tokens(raw));
        TextPipeline nothing = TextPipeline.builder().stripMarkup(false).lowercase(false).removePunctuation(false)
                .normalizeWhitespace(false).build();
        assertEquals(raw, nothing.clean(raw));
        assertEquals(List.of("<b>Don't</b>", "STOP!"), nothing.tokens(raw));
    }

    @Test
    void fromConfigBehavesIdentically() {
        String raw = "<p>Caf\u00e9 &amp; \u201cBar\u201d</p> don't 3.5/5 \ud83d\ude00";
        for (String name : List.of("default", "corenlp", "lucene-standard", "lucene-english", "lucene-dutch")) {
            TextPipeline original = TextPipeline.builder().tokenizer(name).build();
            TextPipeline copy = TextPipeline.fromConfig(PipelineConfig.fromJson(original.config().toJson()));
            assertEquals(original.config(), copy.config());
            assertEquals(original.toString(), copy.toString());
            assertEquals(original.tokens(raw), copy.tokens(raw), name);
        }
    }

    @Test
    void nullTextIsRejected() {
        assertThrows(NullPointerException.class, () -> TextPipeline.defaults().clean(null));
    }
}
