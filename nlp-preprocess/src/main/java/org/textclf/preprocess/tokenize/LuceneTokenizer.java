package org.textclf.preprocess.tokenize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A tokenizer backed by a Lucene {@link Analyzer}: {@code lucene-standard} (UAX#29 words, lower-cased, no stop
 * words), {@code lucene-english} (plus possessive removal, English stop words, Porter stemming) and
 * {@code lucene-dutch} (plus Dutch stop words and Snowball Dutch stemming), exactly as Lucene configures them.
 *
 * <p>Thread-safe: a Lucene analyzer hands each thread its own reusable token stream (its global reuse strategy
 * keeps per-thread components), so one analyzer serves all threads.
 */
public final class LuceneTokenizer implements Tokenizer {

    private final String name;
    private final Analyzer analyzer;

    LuceneTokenizer(String name, Analyzer analyzer) {
        this.name = name;
        this.analyzer = analyzer;
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            // Reading from a String cannot fail; a failure here is a bug in an analyzer.
            throw new UncheckedIOException("Lucene analyzer " + name + " failed", e);
        }
        return tokens;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "tokenizer=" + name + "(" + analyzer.getClass().getSimpleName() + ")";
    }
}
