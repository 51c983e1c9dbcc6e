package org.textclf.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.textclf.preprocess.clean.CleaningStage;
import org.textclf.preprocess.clean.LowerCaser;
import org.textclf.preprocess.clean.MarkupStripper;
import org.textclf.preprocess.clean.PunctuationFilter;
import org.textclf.preprocess.clean.WhitespaceNormalizer;
import org.textclf.preprocess.tokenize.Tokenizer;
import org.textclf.preprocess.tokenize.Tokenizers;
import org.textclf.preprocess.tokenize.WhitespaceTokenizer;

/**
 * Raw document text to cleaned text to tokens: the same code path for building a vocabulary, training and
 * serving.
 *
 * <p>Stages, in order, each switchable in the {@link Builder} and the {@link PipelineConfig}:
 * <ol>
 *   <li>markup stripping ({@link MarkupStripper}, jsoup),</li>
 *   <li>lower-casing with {@code Locale.ROOT} ({@link LowerCaser}),</li>
 *   <li>punctuation, symbol and control removal ({@link PunctuationFilter}),</li>
 *   <li>whitespace normalisation ({@link WhitespaceNormalizer}),</li>
 *   <li>tokenization (a {@link Tokenizer} chosen by name: {@code default}, {@code corenlp}, {@code lucene-standard},
 *       {@code lucene-english}, {@code lucene-dutch}).</li>
 * </ol>
 * With {@code corenlp} or a Lucene analyzer, step 3 is off unless asked for: those tokenizers split punctuation off
 * themselves and use it (PTB keeps {@code n't} and {@code $}; Lucene's English possessive filter needs {@code 's}).
 *
 * <pre>{@code
 * TextPipeline pipeline = TextPipeline.defaults();
 * pipeline.tokens("<p>Don't miss it!</p><br/>Great &amp; fun"); // [dont, miss, it, great, fun]
 * }</pre>
 *
 * <p>Immutable and thread-safe: share one instance between threads.
 */
public final class TextPipeline {

    private final PipelineConfig config;
    private final List<CleaningStage> stages;
    private final Tokenizer tokenizer;
    /** Default tokenizer on normalised whitespace: split on U+0020 with indexOf, same tokens, less work. */
    private final boolean splitNormalized;

    private TextPipeline(PipelineConfig config) {
        this.config = config;
        List<CleaningStage> list = new ArrayList<>(4);
        if (config.stripMarkup()) {
            list.add(MarkupStripper.INSTANCE);
        }
        if (config.lowercase()) {
            list.add(LowerCaser.INSTANCE);
        }
        if (config.removePunctuation() && config.normalizeWhitespace()) {
            list.add(PunctuationFilter.WITH_WHITESPACE); // same result, one pass instead of two
        } else if (config.removePunctuation()) {
            list.add(PunctuationFilter.INSTANCE);
        } else if (config.normalizeWhitespace()) {
            list.add(WhitespaceNormalizer.INSTANCE);
        }
        this.stages = List.copyOf(list);
        this.tokenizer = Tokenizers.create(config.tokenizer());
        this.splitNormalized = tokenizer == WhitespaceTokenizer.INSTANCE && config.normalizeWhitespace();
    }

    /**
     * The default pipeline: all cleaning steps, tokens split on spaces.
     *
     * @return the pipeline for {@link PipelineConfig#defaults()}
     */
    public static TextPipeline defaults() {
        return new TextPipeline(PipelineConfig.defaults());
    }

    /**
     * A builder starting from the default pipeline.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The pipeline a configuration describes, e.g. one read back from a model bundle.
     *
     * @param config the configuration
     * @return the pipeline
     */
    public static TextPipeline fromConfig(PipelineConfig config) {
        return new TextPipeline(Objects.requireNonNull(config, "config"));
    }

    /**
     * Runs the cleaning stages (1-4).
     *
     * @param raw raw document text
     * @return cleaned text
     */
    public String clean(String raw) {
        String text = Objects.requireNonNull(raw, "raw");
        for (CleaningStage stage : stages) {
            text = stage.apply(text);
        }
        return text;
    }

    /**
     * Cleans and tokenizes.
     *
     * @param raw raw document text
     * @return the tokens, possibly empty, never containing an empty string
     */
    public List<String> tokens(String raw) {
        String cleaned = clean(raw);
        if (splitNormalized) {
            return WhitespaceTokenizer.splitNormalized(cleaned);
        }
        return tokenizer.tokenize(cleaned);
    }

    /**
     * The configuration that rebuilds this pipeline with {@link #fromConfig(PipelineConfig)}.
     *
     * @return the configuration
     */
    public PipelineConfig config() {
        return config;
    }

    /** Every stage in order, switched-off ones as {@code off}, e.g. for a log line. */
    @Override
    public String toString() {
        StringJoiner chain = new StringJoiner(" -> ", "TextPipeline[", "]");
        chain.add(config.stripMarkup() ? MarkupStripper.INSTANCE.toString() : "markup(off: kept as text)");
        chain.add(config.lowercase() ? LowerCaser.INSTANCE.toString() : "lowercase(off: case kept)");
        chain.add(config.removePunctuation() ? PunctuationFilter.INSTANCE.toString() : "punctuation(off: kept)");
        chain.add(config.normalizeWhitespace() ? WhitespaceNormalizer.INSTANCE.toString() : "whitespace(off: kept)");
        chain.add(tokenizer.toString());
        return chain.toString();
    }

    /**
     * Builds a {@link TextPipeline} or its {@link PipelineConfig}. Starts from the defaults; not thread-safe.
     *
     * <pre>{@code
     * TextPipeline p = TextPipeline.builder().tokenizer("lucene-english").lowercase(false).build();
     * }</pre>
     */
    public static final class Builder {
        private boolean stripMarkup = true;
        private boolean lowercase = true;
        private Boolean removePunctuation; // null: decided by the tokenizer
        private boolean normalizeWhitespace = true;
        private String tokenizer = Tokenizers.DEFAULT;

        private Builder() {
        }

        /**
         * Step 1 on or off ({@code --keep-markup} turns it off).
         *
         * @param on whether markup is stripped
         * @return this builder
         */
        public Builder stripMarkup(boolean on) {
            this.stripMarkup = on;
            return this;
        }

        /**
         * Step 2 on or off ({@code --keep-case} turns it off).
         *
         * @param on whether text is lower-cased
         * @return this builder
         */
        public Builder lowercase(boolean on) {
            this.lowercase = on;
            return this;
        }

        /**
         * Step 3 on or off ({@code --keep-punctuation} turns it off). When never called, it is on for the
         * {@code default} tokenizer and off for the others.
         *
         * @param on whether punctuation, symbols and controls are removed
         * @return this builder
         */
        public Builder removePunctuation(boolean on) {
            this.removePunctuation = on;
            return this;
        }

        /**
         * Step 4 on or off.
         *
         * @param on whether whitespace runs become one space and the text is trimmed
         * @return this builder
         */
        public Builder normalizeWhitespace(boolean on) {
            this.normalizeWhitespace = on;
            return this;
        }

        /**
         * Step 5: the tokenizer by name.
         *
         * @param name one of {@link Tokenizers#NAMES}
         * @return this builder
         * @throws IllegalArgumentException for an unknown name, at once
         */
        public Builder tokenizer(String name) {
            this.tokenizer = Tokenizers.checkName(name);
            return this;
        }

        /**
         * The configuration built so far.
         *
         * @return a new configuration
         */
        public PipelineConfig buildConfig() {
            boolean punctuation = removePunctuation != null ? removePunctuation : !Tokenizers.handlesPunctuation(tokenizer);
            return new PipelineConfig(stripMarkup, lowercase, punctuation, normalizeWhitespace, tokenizer);
        }

        /**
         * The pipeline built so far.
         *
         * @return a new pipeline
         */
        public TextPipeline build() {
            return new TextPipeline(buildConfig());
        }
    }
}
