package org.textclf.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.textclf.eval.Evaluation;
import org.textclf.eval.EvaluationOptions;
import org.textclf.eval.Evaluator;
import org.textclf.eval.predictions.PredictionFormatException;
import org.textclf.eval.predictions.PredictionReader;
import org.textclf.eval.report.HtmlReport;
import org.textclf.eval.report.JsonReport;
import org.textclf.eval.report.ReportContext;
import org.textclf.eval.report.TextReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code textclf metrics}: metrics of a predictions file, no model needed. Prints a classification report and
 * the confusion matrix; optionally writes JSON and a self-contained HTML report, bootstrap intervals, and a paired
 * comparison with a second predictions file. Exit codes: 0 ok, 1 failure (bad or unreadable input, named by
 * file and line), 2 bad usage.
 *
 * <p>One instance per invocation (picocli fills the fields); not thread-safe.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Metrics of a predictions file (JSON Lines: {\"gold\": ..., \"label\": ..., \"scores\": {...}}"
                + " or the multi-label form with \"labels\").",
            "Prints per-label precision/recall/F1/support, accuracy, macro/micro/weighted averages, MCC, Cohen's"
                + " kappa, ROC AUC / average precision when scores are present, and the confusion matrix."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:metrics computed", "1:bad or unreadable input (the message names the file and line)",
            "2:bad usage"})
public final class MetricsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Predictions file (.jsonl, .jsonl.gz, or - for standard input).")
    private String input;

    @Option(names = "--labels", split = ",", paramLabel = "L1,L2,...",
            description = "Label order; any other label in the input is an error. Default: the labels found,"
                    + " sorted by code point.")
    private List<String> labels;

    @Option(names = "--positive", paramLabel = "LABEL",
            description = "Positive label of a binary task (default: the last label).")
    private String positive;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the metrics as JSON.")
    private Path json;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write a self-contained HTML report.")
    private Path report;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title of the HTML report.")
    private String title;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "0",
            description = "Bootstrap replicates for confidence intervals of accuracy and macro-F1 (0 = none).")
    private int bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Bootstrap seed (default: 42).")
    private long seed;

    @Option(names = "--compare", paramLabel = "OTHER.jsonl",
            description = "Predictions of a second model on the same documents, same order: McNemar's exact test and"
                    + " a paired bootstrap of the macro-F1 difference (max(--bootstrap, 1000) replicates).")
    private Path compare;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EvaluationOptions options;
        try {
            if (bootstrap < 0) {
                throw new IllegalArgumentException("--bootstrap must be >= 0, was " + bootstrap);
            }
            if (compare != null && "-".equals(input)) {
                throw new IllegalArgumentException("--compare needs --input to be a file, not standard input");
            }
            options = EvaluationOptions.builder().labels(labels).positiveLabel(positive).bootstrap(bootstrap)
                    .seed(seed).build();
        } catch (IllegalArgumentException e) {
            err.println("textclf metrics: " + e.getMessage());
            err.println("Try 'textclf metrics --help' for more information.");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        try {
            Evaluation evaluation = evaluate(options);
            if (evaluation.n() == 0) {
                err.println("textclf metrics: warning: " + evaluation.source() + " holds no predictions");
                err.flush();
            }
            out.print(TextReport.toText(evaluation));
            out.flush();
            if (json != null) {
                JsonReport.write(evaluation, json);
            }
            if (report != null) {
                ReportContext.Builder context = ReportContext.builder()
                        .title(title != null ? title : "Metrics of " + evaluation.source())
                        .provenance("predictions", evaluation.source());
                evaluation.comparedSource().ifPresent(b -> context.provenance("compared with", b));
                if (bootstrap > 0 || compare != null) {
                    context.provenance("bootstrap seed", Long.toString(seed));
                }
                HtmlReport.write(evaluation, context.build(), report);
            }
            return CommandLine.ExitCode.OK;
        } catch (PredictionFormatException e) {
            err.println("textclf metrics: " + e.getMessage());
        } catch (NoSuchFileException e) {
            err.println("textclf metrics: file not found: " + e.getFile());
        } catch (IOException e) {
            err.println("textclf metrics: " + e);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("textclf metrics: " + e.getMessage());
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    private Evaluation evaluate(EvaluationOptions options) throws IOException {
        if (compare != null) {
            return Evaluator.compare(Path.of(input), compare, options);
        }
        if ("-".equals(input)) {
            try (PredictionReader reader = PredictionReader.open(
                    new InputStreamReader(System.in, StandardCharsets.UTF_8), "<stdin>")) {
                return Evaluator.evaluate(reader, reader.source(), options);
            }
        }
        return Evaluator.evaluate(Path.of(input), options);
    }
}
