package org.textclf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.textclf.eval.metrics.SingleLabelMetrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code textclf experiment run FILE}: an experiment file in, a run folder out (resolved config, model bundle,
 * metrics, predictions, HTML report, manifest). Same file and seed give bit-identical metrics, predictions and
 * weights at any {@code --threads}: it is the number of evaluation workers, each with one native thread, on chunks
 * cut by input position (see {@link ModelEvaluation}); the training thread count is a setting of the file,
 * {@code training.threads}.
 *
 * <p>One instance per invocation (picocli fills the fields); not thread-safe.
 */
@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        description = {"Reproducible experiments described by a file (schema: experiments/README.md).",
            "Example: ./textclf experiment run experiments/embedded-gru.yaml --output-dir runs/embedded", ""},
        subcommands = ExperimentCommand.Run.class)
final class ExperimentCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: run");
    }

    /** {@code experiment run}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Train, evaluate and write a run folder atomically: config.json, model.textclf,"
                    + " metrics.json, predictions.jsonl, report.html, manifest.json.", ""},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:run folder written", "1:bad data or I/O error (the run folder is not created)",
                "2:bad usage or bad experiment file (unknown key, bad value)"})
    static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Experiment file (.json, .yaml or .yml).")
        Path file;

        @Option(names = "--output-dir", paramLabel = "DIR",
                description = "Run folder to create; must not exist. Default: runs/<experiment name>.")
        Path outputDir;

        @Option(names = "--threads", paramLabel = "N",
                description = "Worker threads of the evaluation, each with one native thread (default: the number"
                        + " of cores); metrics and predictions are bit-identical at any count. Training uses the"
                        + " file's training.threads (default 1), which is part of the experiment.")
        Integer threads;

        @Option(names = "--seed", paramLabel = "N",
                description = "Run the experiment with this seed instead of the file's (split, weights, data order,"
                        + " dropout), e.g. to see how much a result moves between seeds. The run's config.json and"
                        + " manifest record it, so reproduce reruns it. Default run folder: runs/<name>-seed<N>.")
        Long seed;

        @Override
        public Integer call() throws IOException {
            if (threads != null && threads < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, was " + threads);
            }
            ExperimentConfig config;
            try {
                config = ExperimentConfig.load(file);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            if (seed != null) {
                config = config.withSeed(seed);
            }
            Path dir = outputDir != null ? outputDir
                    : Path.of("runs", config.name() + (seed != null ? "-seed" + seed : ""));
            PrintWriter out = spec.commandLine().getOut();
            ExperimentRunner.Run run = ExperimentRunner.run(config, file, dir, threads, spec.commandLine().getErr());
            String name = config.name();
            run.evaluation().singleLabel().ifPresent(m -> print(out, name, run.testSource(), m));
            out.println("run folder written to " + run.dir());
            out.flush();
            return CommandLine.ExitCode.OK;
        }

        private static void print(PrintWriter out, String name, String source, SingleLabelMetrics m) {
            out.printf(Locale.ROOT, "%s: %s: accuracy %.4f, macro-F1 %.4f%n", name, source, m.accuracy(),
                    m.macroF1());
        }
    }
}
