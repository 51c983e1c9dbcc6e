package org.textclf.preprocess.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.textclf.preprocess.SharedCorpora;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.Encoder;
import org.textclf.preprocess.encode.TextEncoder;

/**
 * The same workloads as {@link PipelineThroughputBenchmark}, timed per pass over the sample by wall clock AND
 * by the CPU time of the whole JVM process (GC and JIT threads included), like {@code bench/python/course_cleaning.py} does with {@code time.process_time()}.
 *
 * <p>Why besides JMH: on a shared, overloaded machine the wall-clock rate mostly measures how often the scheduler
 * lets the process run; CPU time counts only the time the code actually ran, so the Java/Python ratio is stable
 * across runs. JMH remains the reference for the absolute numbers on a quiet machine.
 *
 * <p>Run: {@code ./mvnw -B -Pjmh -pl nlp-preprocess -am test -DskipTests
 * -Djmh.main=org.textclf.preprocess.bench.CpuTimeThroughput -Djmh.args="5000 7"} (rows, passes), optionally followed
 * by a comma-separated list of workloads to run (default: all), e.g. {@code "25000 7 encodeText"} while tuning one.
 */
public final class CpuTimeThroughput {

    private CpuTimeThroughput() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<String> only = args.length > 2 ? List.of(args[2].split(",")) : null;
        Path imdb = Path.of(System.getProperty("textclf.shared.dir", "../shared"), "corpora", "imdb", "train.tsv.gz");
        List<String> docs = SharedCorpora.tsvTexts(imdb, rows);
        long bytes = docs.stream().mapToLong(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();
        PipelineThroughputBenchmark.Encoders made = PipelineThroughputBenchmark.encoders(docs);
        TextPipeline pipeline = made.pipeline();
        Encoder encoder = made.encoder();
        TextEncoder textEncoder = made.textEncoder();
        TextEncoder textEncoder256 = made.textEncoder256();
        long tokens = 0;
        for (String doc : docs) {
            int[] staged = encoder.encode(pipeline.tokens(doc));
            if (!java.util.Arrays.equals(staged, textEncoder.encode(doc))) {
                throw new IllegalStateException("one-pass ids differ from the staged ids for: " + doc);
            }
            tokens += staged.length;
        }
        System.out.printf("java %s; %d reviews, %d bytes from %s; %d tokens; vocabulary of %d; one-pass ids checked"
                + " equal to staged ids%n", System.getProperty("java.version"), docs.size(), bytes, imdb, tokens,
                encoder.vocabulary().size());

        Map<String, ToIntFunction<String>> workloads = new java.util.LinkedHashMap<>();
        workloads.put("clean", doc -> pipeline.clean(doc).length());
        workloads.put("cleanTokenize", doc -> pipeline.tokens(doc).size());
        workloads.put("cleanTokenizeEncode", doc -> encoder.encode(pipeline.tokens(doc)).length);
        workloads.put("encodeText", doc -> textEncoder.encode(doc).length);
        workloads.put("encodeTextVocab20k", doc -> made.textEncoderVocab20k().encode(doc).length);
        workloads.put("encodeTextMax256", doc -> textEncoder256.encode(doc).length);
        if (only != null) {
            if (!workloads.keySet().containsAll(only)) {
                throw new IllegalArgumentException("unknown workload in " + only + "; known: " + workloads.keySet());
            }
            workloads.keySet().retainAll(only);
        }
        // Process CPU time, not this thread's: it includes the GC and JIT threads, as Python's process_time includes
        // its in-thread garbage collection.
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long sink = 0;
        for (Map.Entry<String, ToIntFunction<String>> workload : workloads.entrySet()) {
            ToIntFunction<String> fn = workload.getValue();
            // JIT warm-up, not measured: at least 10 passes, then until a pass compiles nothing more (at most 40). Code
            // that only a few reviews reach (jsoup's, for the 1 % with markup other than line breaks) is otherwise still
            // being compiled in the timed passes, and a C2 thread's CPU time counts in the process's.
            int warmups = 0;
            long compiled = -1;
            while (warmups < 10 || (warmups < 40 && compiled != jit.getTotalCompilationTime())) {
                compiled = jit.getTotalCompilationTime();
                sink += pass(docs, fn);
                warmups++;
            }
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            long cpuAll = os.getProcessCpuTime();
            for (int pass = 0; pass < passes; pass++) {
                long wall0 = System.nanoTime();
                long cpu0 = os.getProcessCpuTime();
                sink += pass(docs, fn);
                cpu.add(bytes / 1e3 / ((os.getProcessCpuTime() - cpu0) / 1e6));
                wall.add(bytes / 1e3 / ((System.nanoTime() - wall0) / 1e6));
            }
            // the process CPU clock ticks in 10 ms steps (about 5 % of a pass): the rate over all passes has no such step
            double cpuOverall = bytes * (double) passes / 1e3 / ((os.getProcessCpuTime() - cpuAll) / 1e6);
            System.out.printf("%-20s wall MB/s: %s | median %.1f ; cpu MB/s: %s | median %.1f | all passes %.1f"
                    + " (after %d warm-up passes)%n", workload.getKey(), format(wall), median(wall), format(cpu),
                    median(cpu), cpuOverall, warmups);
        }
        System.out.println("(checksum " + sink + ")");
    }

    /**
     * One pass over the sample. A method of its own, called for the warm-up and the timed passes alike, so that the
     * timed passes run the code the warm-up compiled: with the loops inline in {@code main}, the JIT compiled the
     * timed loop on-stack during the first timed pass, and that compilation (a C2 thread's CPU time, counted in the
     * process's) made the first pass about a quarter slower.
     */
    private static long pass(List<String> docs, ToIntFunction<String> fn) {
        long sink = 0;
        for (String doc : docs) {
            sink += fn.applyAsInt(doc);
        }
        return sink;
    }

    private static String format(List<Double> rates) {
        StringBuilder sb = new StringBuilder();
        for (double r : rates) {
            sb.append(String.format(java.util.Locale.ROOT, "%.1f ", r));
        }
        return sb.toString().trim();
    }

    private static double median(List<Double> rates) {
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
