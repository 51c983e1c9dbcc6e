package org.textclf.preprocess.tokenize;

import java.util.List;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Makes tokenizers by their configuration names. Thread-safe (stateless).
 *
 * <pre>{@code
 * Tokenizer t = Tokenizers.create("lucene-english");
 * t.tokenize("the cats are running"); // [cat, run]
 * }</pre>
 */
public final class Tokenizers {

    /** Split on spaces ({@link WhitespaceTokenizer}). */
    public static final String DEFAULT = "default";
    /** Stanford CoreNLP PTB tokenizer ({@link CoreNlpTokenizer}). */
    public static final String CORENLP = "corenlp";
    /** Lucene {@link StandardAnalyzer}. */
    public static final String LUCENE_STANDARD = "lucene-standard";
    /** Lucene {@link EnglishAnalyzer}. */
    public static final String LUCENE_ENGLISH = "lucene-english";
    /** Lucene {@link DutchAnalyzer}. */
    public static final String LUCENE_DUTCH = "lucene-dutch";

    /** Every valid name, in the order the documentation lists them. */
    public static final List<String> NAMES = List.of(DEFAULT, CORENLP, LUCENE_STANDARD, LUCENE_ENGLISH, LUCENE_DUTCH);

    private Tokenizers() {
    }

    /**
     * Makes the tokenizer with the given name.
     *
     * @param name one of {@link #NAMES}
     * @return a new or shared immutable tokenizer
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Tokenizer create(String name) {
        return switch (checkName(name)) {
            case DEFAULT -> WhitespaceTokenizer.INSTANCE;
            case CORENLP -> CoreNlpTokenizer.INSTANCE;
            case LUCENE_STANDARD -> new LuceneTokenizer(LUCENE_STANDARD, new StandardAnalyzer());
            case LUCENE_ENGLISH -> new LuceneTokenizer(LUCENE_ENGLISH, new EnglishAnalyzer());
            case LUCENE_DUTCH -> new LuceneTokenizer(LUCENE_DUTCH, new DutchAnalyzer());
            default -> throw new AssertionError(name);
        };
    }

    /**
     * Validates a tokenizer name.
     *
     * @param name the name to check
     * @return the name
     * @throws IllegalArgumentException when it is not one of {@link #NAMES}
     */
    public static String checkName(String name) {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("tokenizer must be one of " + String.join(", ", NAMES)
                    + ", was " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /**
     * Whether a tokenizer splits punctuation off by itself, so that the punctuation stage is off by default with it.
     *
     * @param name a valid tokenizer name
     * @return {@code true} for {@code corenlp} and the Lucene analyzers
     */
    public static boolean handlesPunctuation(String name) {
        return !DEFAULT.equals(checkName(name));
    }
}
