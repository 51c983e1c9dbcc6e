package org.textclf.preprocess.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.textclf.preprocess.SharedCorpora;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.Encoder;
import org.textclf.preprocess.encode.EncoderConfig;
import org.textclf.preprocess.encode.TextEncoder;
import org.textclf.preprocess.encode.Truncation;
import org.textclf.preprocess.vocab.Vocabulary;
import org.textclf.preprocess.vocab.VocabularyBuilder;

/**
 * Throughput of the default pipeline on IMDB reviews, one thread. One operation is one review (cycling through
 * the first {@code rows} reviews of {@code ../shared/corpora/imdb/train.tsv.gz}); the secondary result {@code mb}
 * is megabytes (10^6 bytes of UTF-8 review text) per second.
 *
 * <ul>
 *   <li>{@code clean}: steps 1-4 (markup, case, punctuation, whitespace);</li>
 *   <li>{@code cleanTokenize}: steps 1-5, a {@code List<String>} of tokens;</li>
 *   <li>{@code cleanTokenizeEncode}: the staged path to ids, {@code encoder.encode(pipeline.tokens(raw))} with the real
 *       {@link Encoder};</li>
 *   <li>{@code encodeText}: the same ids from {@link TextEncoder#encode(String)}, the one-pass path;</li>
 *   <li>{@code encodeTextVocab20k}: {@code encodeText} with the 20,000 most frequent entries only (a typical
 *       {@code --max-size}; the rarer tokens become {@code <unk>}, a miss instead of a hit);</li>
 *   <li>{@code encodeTextMax256}: {@code encodeText} with the default {@code maxLength} 256 (HEAD), which stops
 *       reading a review after its 256th token: what training and serving do, but not the whole text, so its MB/s
 *       (counted over whole reviews) is not comparable with a cleaner that reads everything.</li>
 * </ul>
 * The vocabulary has every token of the sample (no size limit: the largest table, every lookup a hit that compares
 * characters), and the first two encoders never truncate ({@code maxLength} {@value #NO_LIMIT}), so every workload
 * reads every character, as the Python reference does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms64m", "-Xmx64m"})
@Threads(1)
@State(Scope.Thread)
public class PipelineThroughputBenchmark {

    @Param("5000")
    public int rows;

    private String[] docs;
    private int[] docBytes;
    private int next;
    private TextPipeline pipeline;
    private Encoder encoder;
    private TextEncoder textEncoder;
    private TextEncoder textEncoder256;
    private TextEncoder textEncoderVocab20k;

    /** A maxLength longer than any review: no truncation. */
    static final int NO_LIMIT = 1 << 20;

    /** The default pipeline, a vocabulary of every token of the sample, and the three encoders over them. */
    record Encoders(TextPipeline pipeline, Encoder encoder, TextEncoder textEncoder, TextEncoder textEncoder256,
                    TextEncoder textEncoderVocab20k) {
    }

    static Encoders encoders(List<String> docs) {
        TextPipeline pipeline = TextPipeline.defaults();
        VocabularyBuilder builder = Vocabulary.builder();
        for (String doc : docs) {
            builder.add(pipeline.tokens(doc));
        }
        Vocabulary vocabulary = builder.build();
        Encoder encoder = new Encoder(vocabulary, new EncoderConfig(NO_LIMIT, Truncation.HEAD));
        Vocabulary vocab20k = Vocabulary.of(vocabulary.tokens().subList(0, Math.min(20_000, vocabulary.size())));
        return new Encoders(pipeline, encoder, new TextEncoder(pipeline, encoder),
                new TextEncoder(pipeline, vocabulary, EncoderConfig.defaults()),
                new TextEncoder(pipeline, vocab20k, new EncoderConfig(NO_LIMIT, Truncation.HEAD)));
    }

    /** Megabytes processed; JMH divides by the measured time, so it reports MB/s. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Bytes {
        public double mb;

        @Setup(Level.Iteration)
        public void reset() {
            mb = 0;
        }
    }

    @Setup
    public void load() {
        Path imdb = Path.of(System.getProperty("textclf.shared.dir", "../shared"), "corpora", "imdb", "train.tsv.gz");
        if (!Files.isRegularFile(imdb)) {
            throw new IllegalStateException("IMDB not found at " + imdb.toAbsolutePath() + " (set -Dtextclf.shared.dir)");
        }
        List<String> texts = SharedCorpora.tsvTexts(imdb, rows);
        docs = texts.toArray(String[]::new);
        docBytes = new int[docs.length];
        long total = 0;
        for (int i = 0; i < docs.length; i++) {
            docBytes[i] = docs[i].getBytes(StandardCharsets.UTF_8).length;
            total += docBytes[i];
        }
        Encoders made = encoders(texts);
        pipeline = made.pipeline();
        encoder = made.encoder();
        textEncoder = made.textEncoder();
        textEncoder256 = made.textEncoder256();
        textEncoderVocab20k = made.textEncoderVocab20k();
        System.err.printf("IMDB sample: %d reviews, %d bytes, vocabulary of %d tokens%n", docs.length, total,
                encoder.vocabulary().size());
    }

    private int nextDoc(Bytes bytes) {
        int i = next;
        next = i + 1 == docs.length ? 0 : i + 1;
        bytes.mb += docBytes[i] / 1e6;
        return i;
    }

    @Benchmark
    public String clean(Bytes bytes) {
        return pipeline.clean(docs[nextDoc(bytes)]);
    }

    @Benchmark
    public List<String> cleanTokenize(Bytes bytes) {
        return pipeline.tokens(docs[nextDoc(bytes)]);
    }

    @Benchmark
    public int[] cleanTokenizeEncode(Bytes bytes) {
        return encoder.encode(pipeline.tokens(docs[nextDoc(bytes)]));
    }

    @Benchmark
    public int[] encodeText(Bytes bytes) {
        return textEncoder.encode(docs[nextDoc(bytes)]);
    }

    @Benchmark
    public int[] encodeTextVocab20k(Bytes bytes) {
        return textEncoderVocab20k.encode(docs[nextDoc(bytes)]);
    }

    @Benchmark
    public int[] encodeTextMax256(Bytes bytes) {
        return textEncoder256.encode(docs[nextDoc(bytes)]);
    }
}
