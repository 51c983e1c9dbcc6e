package org.textclf.preprocess;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.textclf.preprocess.tokenize.Tokenizers;

/**
 * Everything that determines a {@link TextPipeline}: which cleaning stages run and which tokenizer splits the text.
 * Stored in model bundles, so that training and serving tokenize identically:
 * {@code TextPipeline.fromConfig(p.config())} behaves exactly like {@code p}.
 *
 * <p>Serialises with a plain Jackson {@code ObjectMapper} as
 * {@code {"stripMarkup":true,"lowercase":true,"removePunctuation":true,"normalizeWhitespace":true,"tokenizer":"default"}};
 * every property is required when reading (a missing one is an error, never a silent {@code false}) and unknown
 * properties are rejected by Jackson's defaults.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stripMarkup         step 1, {@link org.textclf.preprocess.clean.MarkupStripper}
 * @param lowercase           step 2, {@link org.textclf.preprocess.clean.LowerCaser}
 * @param removePunctuation   step 3, {@link org.textclf.preprocess.clean.PunctuationFilter}
 * @param normalizeWhitespace step 4, {@link org.textclf.preprocess.clean.WhitespaceNormalizer}
 * @param tokenizer           step 5, one of {@link Tokenizers#NAMES}
 */
public record PipelineConfig(
        @JsonProperty(value = "stripMarkup", required = true) boolean stripMarkup,
        @JsonProperty(value = "lowercase", required = true) boolean lowercase,
        @JsonProperty(value = "removePunctuation", required = true) boolean removePunctuation,
        @JsonProperty(value = "normalizeWhitespace", required = true) boolean normalizeWhitespace,
        @JsonProperty(value = "tokenizer", required = true) String tokenizer) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Validates the tokenizer name.
     *
     * @throws IllegalArgumentException when the tokenizer is not one of {@link Tokenizers#NAMES}
     */
    public PipelineConfig {
        Tokenizers.checkName(tokenizer);
    }

    /**
     * The default pipeline of issue 2: every cleaning step on, tokens split on spaces.
     *
     * @return the default configuration
     */
    public static PipelineConfig defaults() {
        return new PipelineConfig(true, true, true, true, Tokenizers.DEFAULT);
    }

    /**
     * This configuration as one line of JSON.
     *
     * @return JSON text
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a configuration written by {@link #toJson()} (or by any Jackson mapper).
     *
     * @param json JSON text
     * @return the configuration
     * @throws IllegalArgumentException when the JSON is malformed, misses a property or names an unknown tokenizer
     */
    public static PipelineConfig fromJson(String json) {
        try {
            return JSON.readValue(json, PipelineConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid pipeline configuration: " + e.getOriginalMessage(), e);
        }
    }
}
