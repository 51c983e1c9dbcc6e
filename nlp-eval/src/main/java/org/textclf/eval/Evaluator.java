package org.textclf.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.textclf.eval.metrics.BootstrapAccumulator;
import org.textclf.eval.metrics.MultiLabelMetrics;
import org.textclf.eval.metrics.PairedAccumulator;
import org.textclf.eval.metrics.SingleLabelMetrics;
import org.textclf.eval.predictions.Prediction;
import org.textclf.eval.predictions.PredictionFormatException;
import org.textclf.eval.predictions.PredictionReader;

/**
 * The front door: streams predictions once and returns an {@link Evaluation}. Memory does not grow with the
 * number of documents (count matrices, bounded score histograms, bootstrap counters and a bounded heap of
 * mistakes).
 *
 * <pre>{@code
 * Evaluation e = Evaluator.evaluate(Path.of("predictions.jsonl"),
 *         EvaluationOptions.builder().bootstrap(1000).seed(7).build());
 * System.out.println(TextReport.toText(e));
 * }</pre>
 *
 * <p>Every problem with the input (unknown label, missing gold, mixed single/multi-label, inconsistent scores)
 * is a {@link PredictionFormatException} naming the source and line. Stateless; thread-safe.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /** Evaluates a predictions file. */
    public static Evaluation evaluate(Path predictions, EvaluationOptions options) throws IOException {
        try (PredictionReader reader = PredictionReader.open(predictions)) {
            return evaluate(reader, reader.source(), options);
        }
    }

    /**
     * Evaluates a stream of predictions. When {@code predictions} is a {@link PredictionReader} errors name its
     * lines, otherwise the 1-based record number.
     */
    public static Evaluation evaluate(Iterator<Prediction> predictions, String source, EvaluationOptions options) {
        return run(predictions, source, null, null, options);
    }

    /**
     * Evaluates model A's predictions and compares them with model B's on the same documents (same order; ids and
     * gold labels, when present in both, must agree line by line). Single-label only.
     */
    public static Evaluation compare(Path predictionsA, Path predictionsB, EvaluationOptions options)
            throws IOException {
        try (PredictionReader a = PredictionReader.open(predictionsA);
             PredictionReader b = PredictionReader.open(predictionsB)) {
            return run(a, a.source(), b, b.source(), options);
        }
    }

    /** Like {@link #compare(Path, Path, EvaluationOptions)} for in-memory or streamed predictions. */
    public static Evaluation compare(Iterator<Prediction> a, String sourceA, Iterator<Prediction> b, String sourceB,
                                     EvaluationOptions options) {
        return run(a, sourceA, Objects.requireNonNull(b, "b"), sourceB, options);
    }

    private static Evaluation run(Iterator<Prediction> a, String sourceA, Iterator<Prediction> b, String sourceB,
                                  EvaluationOptions options) {
        Objects.requireNonNull(options, "options");
        Run run = new Run(sourceA, sourceB, options);
        long record = 0;
        while (a.hasNext()) {
            Prediction p = a.next();
            record++;
            long line = a instanceof PredictionReader r ? r.lineNumber() : record;
            Prediction q = null;
            if (b != null) {
                if (!b.hasNext()) {
                    throw new PredictionFormatException(sourceB, 0, "has fewer predictions than " + sourceA
                            + " (" + (record - 1) + "); compared files must hold the same documents in the same order");
                }
                q = b.next();
            }
            try {
                run.add(p, q, line);
            } catch (IllegalArgumentException e) {
                throw new PredictionFormatException(sourceA, line, e.getMessage());
            }
        }
        if (b != null && b.hasNext()) {
            throw new PredictionFormatException(sourceB, 0, "has more predictions than " + sourceA + " (" + record
                    + "); compared files must hold the same documents in the same order");
        }
        return run.result();
    }

    /** Mutable state of one evaluation pass. */
    private static final class Run {
        private final String sourceA;
        private final String sourceB;
        private final EvaluationOptions options;
        private Boolean multi;
        private SingleLabelMetrics.Accumulator single;
        private MultiLabelMetrics.Accumulator multiAcc;
        private BootstrapAccumulator bootstrap;
        private PairedAccumulator paired;
        private final PriorityQueue<Ranked> mistakes;
        private long sequence;

        private record Ranked(Mistake mistake, long sequence) {
        }

        Run(String sourceA, String sourceB, EvaluationOptions options) {
            this.sourceA = sourceA;
            this.sourceB = sourceB;
            this.options = options;
            // min-heap: least confident on top; among equals the later document goes first
            this.mistakes = new PriorityQueue<>(Comparator.comparingDouble((Ranked r) -> r.mistake().confidence())
                    .thenComparing(Comparator.comparingLong(Ranked::sequence).reversed()));
        }

        void add(Prediction p, Prediction q, long line) {
            if (multi == null) {
                multi = p.multiLabel();
                if (multi) {
                    if (options.bootstrapReplicates() > 0 || sourceB != null) {
                        throw new IllegalArgumentException(
                                "bootstrap and paired comparison are implemented for single-label predictions only");
                    }
                    multiAcc = MultiLabelMetrics.accumulator(options.labels(), options.maxDistinctScores());
                } else {
                    single = SingleLabelMetrics.accumulator(options.metricsOptions());
                    if (options.bootstrapReplicates() > 0) {
                        bootstrap = new BootstrapAccumulator(options.bootstrapReplicates(), options.seed(),
                                options.labels());
                    }
                    if (sourceB != null) {
                        paired = new PairedAccumulator(Math.max(options.bootstrapReplicates(), 1000), options.seed(),
                                options.labels());
                    }
                }
            } else if (multi != p.multiLabel()) {
                throw new IllegalArgumentException("mixes single-label and multi-label predictions");
            }
            if (!p.hasGold()) {
                throw new IllegalArgumentException("prediction has no gold label; metrics need \"gold\"");
            }
            if (multi) {
                multiAcc.add(p.gold(), p.labels(), p.scores());
                return;
            }
            if (q != null) {
                checkPair(p, q, line);
            }
            // validate everything before any accumulator counts this document
            single.add(p.goldLabel(), p.label(), p.scores());
            if (bootstrap != null) {
                bootstrap.add(p.goldLabel(), p.label());
            }
            if (paired != null) {
                paired.add(p.goldLabel(), p.label(), q.label());
            }
            sequence++;
            if (options.mistakesToKeep() > 0 && p.scores() != null && !p.label().equals(p.goldLabel())) {
                Double confidence = p.scores().get(p.label());
                if (confidence != null) {
                    mistakes.add(new Ranked(new Mistake(p.id(), line, p.text(), p.goldLabel(), p.label(), confidence),
                            sequence));
                    if (mistakes.size() > options.mistakesToKeep()) {
                        mistakes.poll();
                    }
                }
            }
        }

        private void checkPair(Prediction p, Prediction q, long line) {
            if (q.multiLabel()) {
                throw new PredictionFormatException(sourceB, line, "is multi-label; comparison needs single-label");
            }
            if (p.id() != null && q.id() != null && !p.id().equals(q.id())) {
                throw new PredictionFormatException(sourceB, line, "document id '" + q.id() + "' but " + sourceA
                        + " has '" + p.id() + "' at the same position; compared files must be in the same order");
            }
            if (q.hasGold() && !q.goldLabel().equals(p.goldLabel())) {
                throw new PredictionFormatException(sourceB, line, "gold label '" + q.goldLabel() + "' but "
                        + sourceA + " has '" + p.goldLabel() + "' for the same document");
            }
        }

        Evaluation result() {
            if (multi != null && multi) {
                return Evaluation.of(sourceA, multiAcc.result());
            }
            if (single == null) {
                single = SingleLabelMetrics.accumulator(options.metricsOptions());
            }
            SingleLabelMetrics metrics;
            try {
                metrics = single.result();
            } catch (IllegalArgumentException e) {
                throw new PredictionFormatException(sourceA, 0, e.getMessage());
            }
            List<Ranked> ranked = new ArrayList<>(mistakes);
            ranked.sort(Comparator.comparingDouble((Ranked r) -> r.mistake().confidence()).reversed()
                    .thenComparingLong(Ranked::sequence));
            return Evaluation.of(sourceA, metrics,
                    bootstrap == null ? null : bootstrap.result(options.confidence()),
                    paired == null ? null : paired.result(options.confidence()), sourceB,
                    ranked.stream().map(Ranked::mistake).toList());
        }
    }
}
