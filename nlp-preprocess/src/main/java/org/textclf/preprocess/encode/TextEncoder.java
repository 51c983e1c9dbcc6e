package org.textclf.preprocess.encode;

import java.util.Arrays;
import java.util.Objects;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.clean.TokenScanner;
import org.textclf.preprocess.tokenize.Tokenizers;
import org.textclf.preprocess.vocab.Vocabulary;

/**
 * Raw text to token ids, what training and classification need: always exactly
 * {@code encoder.encode(pipeline.tokens(raw))}, but for pipelines with the {@code default} tokenizer (any
 * combination of the cleaning steps) in one pass over the characters, with no token String, token list or cleaned
 * copy of the text: tokens are looked up in the vocabulary by their packed form, 64 at a time ({@link Vocabulary#ids}),
 * or straight from a character buffer ({@link Vocabulary#id(char[], int, int, long)}), and with
 * {@link Truncation#HEAD} the scan stops at
 * {@code maxLength} tokens. Texts with markup other than line breaks go through jsoup first, as in the pipeline.
 * Other tokenizers, and the rare text the one pass declines (a {@code İ} or {@code Σ} to lower-case), take the
 * staged path.
 *
 * <pre>{@code
 * TextEncoder te = new TextEncoder(TextPipeline.defaults(), vocab, EncoderConfig.defaults());
 * int[] ids = te.encode("<p>Don't miss it!</p>");   // same as encoder.encode(pipeline.tokens(...))
 * }</pre>
 *
 * Immutable and thread-safe: share one instance between threads.
 */
public final class TextEncoder {

    private final TextPipeline pipeline;
    private final Encoder encoder;
    /** {@code null} when the pipeline's tokenizer is not the default one: staged path only. */
    private final TokenScanner scanner;

    /**
     * A text encoder for this pipeline, vocabulary and encoding configuration.
     *
     * @param pipeline   the pipeline the vocabulary was built with
     * @param vocabulary the frozen vocabulary
     * @param config     maximum length and truncation
     */
    public TextEncoder(TextPipeline pipeline, Vocabulary vocabulary, EncoderConfig config) {
        this(pipeline, new Encoder(vocabulary, config));
    }

    /**
     * A text encoder for this pipeline and token encoder.
     *
     * @param pipeline the pipeline the vocabulary was built with
     * @param encoder  the token encoder
     */
    public TextEncoder(TextPipeline pipeline, Encoder encoder) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        PipelineConfig c = pipeline.config();
        this.scanner = Tokenizers.DEFAULT.equals(c.tokenizer())
                ? TokenScanner.of(c.stripMarkup(), c.lowercase(), c.removePunctuation())
                : null;
    }

    /** The pipeline. */
    public TextPipeline pipeline() {
        return pipeline;
    }

    /** The token encoder (vocabulary and configuration), e.g. for {@link Encoder#batch}. */
    public Encoder encoder() {
        return encoder;
    }

    /** Whether this pipeline is encoded in one pass (default tokenizer); otherwise every text takes the stages. */
    public boolean isOnePass() {
        return scanner != null;
    }

    /**
     * The ids of a raw text, truncated to {@code maxLength}.
     *
     * @param raw raw document text
     * @return exactly {@code encoder().encode(pipeline().tokens(raw))}
     */
    public int[] encode(String raw) {
        Objects.requireNonNull(raw, "raw");
        if (scanner != null) {
            Ids ids = new Ids(encoder.vocabulary(), encoder.config(), raw.length());
            if (scanner.scan(raw, ids)) {
                return ids.result();
            }
        }
        return encoder.encode(pipeline.tokens(raw));
    }

    /**
     * Collects ids with the encoder's truncation: the head in an array, the tail (HEAD_TAIL) in a ring. Short tokens
     * (up to 16 chars) of the head are looked up {@value #BATCH} at a time ({@link Vocabulary#ids}), so that the cache misses of
     * their table reads overlap instead of stalling the scan one after the other.
     */
    private static final class Ids implements TokenScanner.TokenSink {
        /** Tokens per batch: enough reads in flight to hide the misses, few enough cache lines to stay in L1. */
        static final int BATCH = 64;

        private final Vocabulary vocabulary;
        private final int head;
        private final int[] tail;
        private int[] first;
        private int count;
        /**
         * Packed forms of the head's tokens from {@code batchStart} on (first 8 chars, chars 9-16: see
         * {@link Vocabulary#ids}); 0 for a token already looked up.
         */
        private final long[] batch = new long[BATCH];
        private final long[] batchNext = new long[BATCH];
        private int batchStart;

        Ids(Vocabulary vocabulary, EncoderConfig config, int textLength) {
            this.vocabulary = vocabulary;
            int max = config.maxLength();
            this.head = config.truncation() == Truncation.HEAD ? max : max - max / 2;
            this.tail = new int[max - head];
            // English tokens with their separator average 5-6 characters: a guess that rarely needs to grow
            this.first = new int[Math.min(head, 16 + textLength / 4)];
        }

        @Override
        public boolean accept(char[] chars, int length, long packed) {
            if (count < head) {
                if (count == first.length) {
                    first = Arrays.copyOf(first, Math.min(head, count * 2));
                }
                long next = 0;
                if (packed == 0 && length > Vocabulary.PACKED && length <= Vocabulary.MID) {
                    // 9-16 chars: both halves packed, or 0 (then the chars are looked up right away)
                    packed = Vocabulary.pack(chars, 0, Vocabulary.PACKED);
                    next = Vocabulary.pack(chars, Vocabulary.PACKED, length - Vocabulary.PACKED);
                    if (packed == 0 || next == 0) {
                        packed = 0;
                        next = 0;
                    }
                }
                batch[count - batchStart] = packed;
                batchNext[count - batchStart] = next;
                if (packed == 0) {
                    first[count] = vocabulary.id(chars, 0, length, 0);
                }
                count++;
                if (count - batchStart == BATCH || count == head) {
                    flush();
                }
                return count < head || tail.length > 0;
            }
            int id = vocabulary.id(chars, 0, length, packed);
            tail[(count - head) % tail.length] = id == Vocabulary.PAD_ID ? Vocabulary.UNK_ID : id;
            count++;
            return true;
        }

        @Override
        public boolean acceptPacked(long packed, long next, int length) {
            if (count < head) {
                if (count == first.length) {
                    first = Arrays.copyOf(first, Math.min(head, count * 2));
                }
                batch[count - batchStart] = packed;
                batchNext[count - batchStart] = next;
                count++;
                if (count - batchStart == BATCH || count == head) {
                    flush();
                }
                return count < head || tail.length > 0;
            }
            int id = vocabulary.idOfPacked(packed, next);
            tail[(count - head) % tail.length] = id == Vocabulary.PAD_ID ? Vocabulary.UNK_ID : id;
            count++;
            return true;
        }

        /** Looks up the batch, and maps {@code <pad>} to {@code <unk>} as {@link Encoder} does (id 0 only pads). */
        private void flush() {
            int end = Math.min(count, head);
            vocabulary.ids(batch, batchNext, first, batchStart, end - batchStart);
            for (int k = batchStart; k < end; k++) {
                if (first[k] == Vocabulary.PAD_ID) {
                    first[k] = Vocabulary.UNK_ID;
                }
            }
            batchStart = end;
        }

        int[] result() {
            flush();
            if (count <= head) {
                return count == first.length ? first : Arrays.copyOf(first, count);
            }
            int kept = Math.min(count - head, tail.length);
            int[] out = Arrays.copyOf(first, head + kept);
            int oldest = count - head <= tail.length ? 0 : (count - head) % tail.length;
            int firstPart = tail.length - oldest;
            if (kept < tail.length) {
                System.arraycopy(tail, 0, out, head, kept);
            } else {
                System.arraycopy(tail, oldest, out, head, firstPart);
                System.arraycopy(tail, 0, out, head + firstPart, oldest);
            }
            return out;
        }
    }

    @Override
    public String toString() {
        return "TextEncoder[" + (scanner != null ? "one pass" : "staged") + ", " + pipeline + ", " + encoder + "]";
    }
}
