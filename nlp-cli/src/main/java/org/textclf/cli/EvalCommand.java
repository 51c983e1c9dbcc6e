package org.textclf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.DocumentReader;
import org.textclf.corpora.Splitter;
import org.textclf.eval.EvaluationOptions;
import org.textclf.eval.predictions.PredictionWriter;
import org.textclf.eval.report.HtmlReport;
import org.textclf.eval.report.JsonReport;
import org.textclf.eval.report.TextReport;
import org.textclf.models.bundle.ModelBundle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code textclf eval}: a trained model over a labelled test corpus. Streams the corpus in chunks (memory does
 * not grow with it), prints the same classification report as {@code metrics}, and writes JSON, the HTML report
 * (with the model's provenance, configuration and training curves) and the predictions file when asked.
 * {@code --threads} workers classify whole chunks with one native thread each ({@link ModelEvaluation}), so the
 * output is bit-identical at any {@code --threads}. Several {@code --model}s are evaluated as one {@link
 * org.textclf.models.text.Ensemble} (the weighted mean of their probabilities).
 *
 * <p>One instance per invocation (picocli fills the fields); not thread-safe.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Evaluate a trained model on a labelled test corpus: classification report and confusion matrix on"
                    + " standard output; optional JSON metrics, HTML report and predictions (JSON Lines).",
            "Several --model options evaluate their ensemble: each text's probabilities are the (--weights)"
                    + " weighted mean of the models' probabilities; the models must have the same labels.",
            "A test document whose gold label the model was never trained on is an error naming it, unless"
                    + " --unknown-labels skip (then it is left out and counted).",
            "Example: ./textclf eval --model imdb.textclf --test test.tsv.gz --report report.html --predictions p.jsonl",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "1:bad data or model file (the message names it) or I/O error",
            "2:bad usage"})
final class EvalCommand implements Callable<Integer> {

    /** Provenance key a model trained on the embedded corpus carries: the seed of its 70/15/15 split. */
    static final String SPLIT_SEED_KEY = "data.split.embedded.seed";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--test", paramLabel = "PATH",
            description = "Labelled test corpus. Default, for a model trained on the embedded corpus: its test part"
                    + " (same seeded split as in training).")
    Path test;

    @Mixin
    CorpusFormatOptions format;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the metrics as JSON (as 'metrics --json').")
    Path json;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write a self-contained HTML report.")
    Path report;

    @Option(names = "--predictions", paramLabel = "FILE.jsonl",
            description = "Also write one prediction per document: {\"id\", \"gold\", \"label\", \"scores\"}.")
    Path predictions;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title of the HTML report.")
    String title;

    @Option(names = "--unknown-labels", paramLabel = "POLICY", defaultValue = "error",
            description = "error (stop, naming the document) or skip (leave out and count). Default: ${DEFAULT-VALUE}.")
    String unknownLabels;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "0",
            description = "Bootstrap replicates for confidence intervals of accuracy and macro-F1 (0 = none).")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256",
            description = "Documents a worker classifies at a time, cut by input position (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads, each with one native thread (default: the number of cores,"
                    + " ${DEFAULT-VALUE}). Predictions and metrics are bit-identical at any count.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelEvaluation.UnknownLabels policy;
        EvaluationOptions options;
        try {
            policy = ModelEvaluation.UnknownLabels.valueOf(unknownLabels.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--unknown-labels must be error or skip, was '" + unknownLabels + "'");
        }
        try {
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be >= 1, was " + batchSize);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
            }
            if (model.problem() != null) {
                throw new IllegalArgumentException(model.problem());
            }
            options = EvaluationOptions.builder().bootstrap(bootstrap).seed(seed).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<Path> models = model.models;
        double[] w = model.weights();
        List<ModelBundle> bundles = new ArrayList<>(models.size());
        for (Path m : models) {
            bundles.add(ModelBundle.read(m));
        }
        ModelBundle bundle = bundles.get(0);
        ModelEvaluation evaluation;
        try {
            evaluation = new ModelEvaluation(bundles, w, policy, batchSize, threads);
        } catch (IllegalArgumentException e) {
            throw model.refused(e);
        }
        String source;
        DocumentReader reader = null;
        Iterator<Document> docs;
        if (test != null) {
            reader = format.open(test);
            docs = reader;
            source = test.toString();
        } else {
            String splitSeed = bundle.provenance().get(SPLIT_SEED_KEY);
            for (int m = 0; m < bundles.size(); m++) {
                String s = bundles.get(m).provenance().get(SPLIT_SEED_KEY);
                if (s == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--test is required: "
                            + models.get(m) + " was not trained on the embedded default corpus");
                }
                if (!s.equals(splitSeed)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--test is required: "
                            + models.get(m) + " was trained on the embedded corpus split with seed " + s + ", "
                            + models.get(0) + " with seed " + splitSeed + ", so their test parts differ");
                }
            }
            long s = Long.parseLong(splitSeed);
            docs = Splitter.stratified(DefaultCorpus.documents(), s).test().iterator();
            source = "embedded default corpus, stratified 70/15/15, seed " + s + ": test part";
        }
        ModelEvaluation.Outcome outcome;
        try (DocumentReader closing = reader;
             PredictionWriter writer = predictions == null ? null : PredictionWriter.create(predictions)) {
            outcome = evaluation.run(docs, source, writer, options);
            if (writer != null) {
                writer.commit();
            }
        }
        if (outcome.skipped() > 0) {
            err.printf(Locale.ROOT, "eval: skipped %,d test document(s) whose gold label the model does not know%n",
                    outcome.skipped());
        }
        if (outcome.evaluated() == 0) {
            err.println("eval: warning: " + source + " holds no documents to evaluate");
        }
        err.flush();
        out.print(TextReport.toText(outcome.evaluation()));
        out.flush();
        if (json != null) {
            JsonReport.write(outcome.evaluation(), json);
        }
        if (report != null) {
            HtmlReport.write(outcome.evaluation(),
                    ModelEvaluation.context(bundles, models.stream().map(Path::toString).toList(), w, source, outcome,
                            title), report);
        }
        return CommandLine.ExitCode.OK;
    }
}
