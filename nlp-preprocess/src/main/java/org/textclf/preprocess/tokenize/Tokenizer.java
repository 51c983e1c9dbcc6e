package org.textclf.preprocess.tokenize;

import java.util.List;

/**
 * Splits cleaned text into tokens. The last stage of a {@link org.textclf.preprocess.TextPipeline}.
 *
 * <p>Implementations are immutable and thread-safe; {@link Tokenizers#create(String)} makes them by the names used
 * in {@link org.textclf.preprocess.PipelineConfig#tokenizer()}.
 */
public interface Tokenizer {

    /**
     * Tokenizes one document.
     *
     * @param text cleaned text, never {@code null}
     * @return the tokens in order; empty for a text without tokens; never containing an empty string
     */
    List<String> tokenize(String text);

    /**
     * The name under which {@link Tokenizers#create(String)} makes this tokenizer, e.g. {@code "default"}.
     *
     * @return the configuration name
     */
    String name();
}
