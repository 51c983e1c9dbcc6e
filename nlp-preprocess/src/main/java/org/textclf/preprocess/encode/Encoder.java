package org.textclf.preprocess.encode;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.textclf.preprocess.vocab.Vocabulary;

/**
 * Turns token lists into id arrays with the frozen training {@link Vocabulary}, truncated to
 * {@link EncoderConfig#maxLength()}, and pads them into {@link Batch}es.
 *
 * <p>Unknown tokens become {@link Vocabulary#UNK_ID}; so does a token that literally reads {@code <pad>}, because
 * {@link Vocabulary#PAD_ID} is reserved for padding and would be masked out. An empty token list gives an empty
 * array (see {@link Batch} for how it is padded). For raw text, {@link TextEncoder} gives the same ids as
 * {@code encode(pipeline.tokens(raw))} in one pass, without the token Strings.
 *
 * <pre>{@code
 * Encoder encoder = new Encoder(vocab, EncoderConfig.builder().maxLength(400).truncation(Truncation.HEAD_TAIL).build());
 * int[] ids = encoder.encode(pipeline.tokens(text));
 * Batch batch = encoder.batch(List.of(ids, encoder.encode(List.of("another", "doc"))));
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class Encoder {

    private final Vocabulary vocabulary;
    private final EncoderConfig config;

    /** An encoder for this vocabulary and config. */
    public Encoder(Vocabulary vocabulary, EncoderConfig config) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The vocabulary. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The config. */
    public EncoderConfig config() {
        return config;
    }

    /** The ids of {@code tokens}, truncated to at most {@code maxLength}. */
    public int[] encode(List<String> tokens) {
        int n = tokens.size();
        int max = config.maxLength();
        if (n <= max) {
            return ids(tokens, 0, n, new int[n], 0);
        }
        int[] out = new int[max];
        if (config.truncation() == Truncation.HEAD) {
            return ids(tokens, 0, max, out, 0);
        }
        int head = max - max / 2;
        ids(tokens, 0, head, out, 0);
        return ids(tokens, n - (max - head), n, out, head);
    }

    private int[] ids(List<String> tokens, int from, int to, int[] out, int at) {
        for (int i = from; i < to; i++) {
            int id = vocabulary.id(tokens.get(i));
            out[at++] = id == Vocabulary.PAD_ID ? Vocabulary.UNK_ID : id;
        }
        return out;
    }

    /**
     * Pads encoded documents to the longest in the list ({@link Batch#of}), checking that they fit this encoder.
     *
     * @throws IllegalArgumentException for a document longer than {@code maxLength} or an id outside the vocabulary
     */
    public Batch batch(List<int[]> encodedDocs) {
        for (int b = 0; b < encodedDocs.size(); b++) {
            int[] doc = encodedDocs.get(b);
            if (doc.length > config.maxLength()) {
                throw new IllegalArgumentException("document " + b + " of the batch has " + doc.length
                        + " ids but maxLength is " + config.maxLength());
            }
            for (int id : doc) {
                if (id >= vocabulary.size()) {
                    throw new IllegalArgumentException("document " + b + " of the batch has id " + id
                            + " but the vocabulary has " + vocabulary.size() + " entries");
                }
            }
        }
        return Batch.of(encodedDocs);
    }

    /** What truncation to {@code maxLength} does to these tokenised documents. */
    public TruncationStats truncationStats(Iterable<List<String>> tokenisedDocs) {
        int[] lengths = new int[64];
        int n = 0;
        for (List<String> doc : tokenisedDocs) {
            if (n == lengths.length) {
                lengths = Arrays.copyOf(lengths, n * 2);
            }
            lengths[n++] = doc.size();
        }
        return TruncationStats.of(config.maxLength(), Arrays.copyOf(lengths, n));
    }

    @Override
    public String toString() {
        return "Encoder[maxLength=" + config.maxLength() + ", truncation=" + config.truncation() + ", " + vocabulary
                + "]";
    }
}
