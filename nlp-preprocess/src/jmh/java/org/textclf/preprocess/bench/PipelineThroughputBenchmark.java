package org.textclf.preprocess.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Throughput of the default pipeline on IMDB reviews, one thread. One operation is one review (cycling through
 * the first {@code rows} reviews of {@code ../shared/corpora/imdb/train.tsv.gz}); the secondary result {@code mb}
 * is megabytes (10^6 bytes of UTF-8 review text) per second.
 *
 * <ul>
 *   <li>{@code clean}: steps 1-4 (markup, case, punctuation, whitespace);</li>
 *   <li>{@code cleanTokenize}: steps 1-5, a {@code List<String>} of tokens;</li>
 *   <li>{@code cleanTokenizeLookup}: steps 1-5 and every token looked up to an {@code int[]} of ids in a
 *       {@code HashMap<String,Integer>} built from the same reviews (unknown -> 1): a stand-in for the
 *       vocabulary encoder, which is written in parallel and not on this branch.</li>
 * </ul>
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
    private Map<String, Integer> ids;

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
        pipeline = TextPipeline.defaults();
        ids = new HashMap<>();
        for (String doc : docs) {
            for (String token : pipeline.tokens(doc)) {
                ids.putIfAbsent(token, ids.size() + 2); // 0 = padding, 1 = unknown, as in Vocabulary
            }
        }
        System.err.printf("IMDB sample: %d reviews, %d bytes, %d distinct tokens%n", docs.length, total, ids.size());
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
    public int[] cleanTokenizeLookup(Bytes bytes) {
        List<String> tokens = pipeline.tokens(docs[nextDoc(bytes)]);
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getOrDefault(tokens.get(i), 1);
        }
        return out;
    }
}
