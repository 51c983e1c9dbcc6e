package org.textclf.preprocess.tokenize;

import edu.stanford.nlp.ling.Word;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.WordTokenFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code corenlp} tokenizer: Stanford CoreNLP's Penn-Treebank-style tokenizer ({@link PTBTokenizer}), the
 * tokenizer alone, no models.
 *
 * <p>It splits clitics and punctuation the way parsers expect ({@code don't -> do n't}, {@code "U.S." -> U.S.},
 * {@code (a) -> ( a )}). Options {@value #OPTIONS}: no PTB escaping (so brackets stay {@code (} rather than
 * {@code -LRB-} and quotes are not rewritten), newlines are ordinary whitespace, and characters the lexer has no
 * rule for are kept as their own tokens without logging a warning per character. Tokens never contain a breaking
 * space: where PTB keeps a multi-word token ({@code 1 1/2}, {@code (555) 555-1234}, an SGML-like {@code <a b>}),
 * its whitespace is U+00A0, as PTB itself writes it for numbers.
 *
 * <p>Thread-safe: the PTB lexer is stateful, so a new {@link PTBTokenizer} is made for each call; this object only
 * holds the option string.
 */
public final class CoreNlpTokenizer implements Tokenizer {

    /** The PTBTokenizer options used for every call. */
    public static final String OPTIONS = "invertible=false,tokenizeNLs=false,ptb3Escaping=false,untokenizable=noneKeep";

    /** The only instance: options are fixed so that a configuration name fully determines the tokens. */
    public static final CoreNlpTokenizer INSTANCE = new CoreNlpTokenizer();

    private static final WordTokenFactory FACTORY = new WordTokenFactory();

    private CoreNlpTokenizer() {
    }

    @Override
    public List<String> tokenize(String text) {
        PTBTokenizer<Word> lexer = new PTBTokenizer<>(new StringReader(text), FACTORY, OPTIONS);
        List<String> tokens = new ArrayList<>();
        while (lexer.hasNext()) {
            String word = lexer.next().word();
            if (!word.isEmpty()) {
                tokens.add(withoutBreakingSpaces(word));
            }
        }
        return tokens;
    }

    /**
     * PTB keeps some multi-word tokens ({@code 1 1/2}, phone numbers) and writes their spaces as U+00A0; its SGML
     * rule ({@code <!-- c -->}) keeps other whitespace as is. Every whitespace inside a token becomes U+00A0 so that
     * tokens joined by spaces, or written one per line, split back the same way.
     */
    private static String withoutBreakingSpaces(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isWhitespace(word.charAt(i))) {
                StringBuilder sb = new StringBuilder(word);
                for (int j = i; j < sb.length(); j++) {
                    if (Character.isWhitespace(sb.charAt(j))) {
                        sb.setCharAt(j, '\u00a0');
                    }
                }
                return sb.toString();
            }
        }
        return word;
    }

    @Override
    public String name() {
        return Tokenizers.CORENLP;
    }

    @Override
    public String toString() {
        return "tokenizer=corenlp(PTBTokenizer " + OPTIONS + ")";
    }
}
