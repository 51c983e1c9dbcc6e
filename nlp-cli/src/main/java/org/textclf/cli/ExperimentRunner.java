package org.textclf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.Split;
import org.textclf.corpora.Splitter;
import org.textclf.eval.Evaluation;
import org.textclf.eval.EvaluationOptions;
import org.textclf.eval.predictions.PredictionWriter;
import org.textclf.eval.report.HtmlReport;
import org.textclf.eval.report.JsonReport;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.text.TextModelTrainer;
import picocli.CommandLine;

/**
 * Runs one {@link ExperimentConfig}: split, train (through {@link TrainCommand#trainAndWrite}, so exactly as
 * {@code train} does), evaluate (through {@link ModelEvaluation}, as {@code eval} does) and write the run folder.
 * The folder is built beside its final place and renamed when complete, so it appears whole or not at all.
 *
 * <p>Run folder: {@code config.json} (resolved experiment), {@code model.textclf}, {@code metrics.json},
 * {@code predictions.jsonl}, {@code report.html}, {@code manifest.json}. Only the manifest (wall time, start
 * time, threads, git commit and whether the work tree was dirty) and the bundle's {@code provenance.json}/{@code curves.json}/{@code manifest.json}
 * entries and the HTML report (which shows the provenance) hold run-dependent values.
 *
 * <p>Stateless; one run at a time per JVM (ND4J's thread settings are process-wide).
 */
final class ExperimentRunner {

    /** Provenance key holding the resolved experiment, so {@code reproduce} can rerun it. */
    static final String CONFIG_KEY = "experiment.config";

    static final String MODEL = "model.textclf";
    static final String METRICS = "metrics.json";
    static final String PREDICTIONS = "predictions.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a run produced. */
    record Run(Path dir, ModelBundle bundle, Evaluation evaluation, String testSource) {
    }

    private ExperimentRunner() {
    }

    /**
     * Runs {@code config} into {@code runDir}, which must not exist yet.
     *
     * @param file    the experiment file, whose repository's commit goes into the manifest; null when there is
     *                none (reproduce): then the working directory's
     * @param threads workers of the evaluation, one native thread each (null = cores); never changes the numbers,
     *                only the speed. Training uses the file's {@code training.threads}, which is part of the
     *                experiment.
     */
    static Run run(ExperimentConfig config, Path file, Path runDir, Integer threads, PrintWriter err)
            throws IOException {
        long start = System.nanoTime();
        Instant started = Instant.now();
        Path target = runDir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target + ": run folder exists already; choose another --output-dir");
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
        boolean done = false;
        try {
            int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (threadCount < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, was " + threadCount);
            }
            List<String> args = new ArrayList<>(config.trainArgs());
            args.addAll(List.of("--output", target.resolve(MODEL).toString()));
            CommandLine cl = new CommandLine(new TrainCommand());
            cl.setErr(err);
            cl.parseArgs(args.toArray(String[]::new));
            TrainCommand train = cl.getCommand();
            ExperimentData data = data(config, train);
            String configJson = JSON.writeValueAsString(config.toJson());
            TextModelTrainer.Result result = train.trainAndWrite(data.train(), tmp.resolve(MODEL),
                    Map.of(CONFIG_KEY, configJson, "experiment.name", config.name())).result();
            ModelBundle bundle = result.bundle();
            // Evaluation: --threads workers with ONE native thread each, on chunks cut by position. A native team
            // of another size splits sums differently and a GRU's scores then differ in the last float digits
            // (measured: 11 of 53 lines of a 32-wide GRU on the embedded corpus, native 1 vs 2), so the native
            // count stays fixed and predictions and metrics are bit-identical at any --threads.
            ModelEvaluation.Outcome outcome;
            try (PredictionWriter writer = PredictionWriter.create(tmp.resolve(PREDICTIONS))) {
                outcome = new ModelEvaluation(bundle, ModelEvaluation.UnknownLabels.ERROR, 256, threadCount)
                        .run(data.test().iterator(), data.testSource(), writer, EvaluationOptions.DEFAULTS);
                writer.commit();
            }
            JsonReport.write(outcome.evaluation(), tmp.resolve(METRICS));
            HtmlReport.write(outcome.evaluation(), ModelEvaluation.context(bundle, MODEL, data.testSource(), outcome,
                    "experiment " + config.name()), tmp.resolve("report.html"));
            Files.writeString(tmp.resolve("config.json"), configJson + "\n");

            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("experiment", config.name());
            manifest.put("seed", config.seed());
            manifest.put("threads.training", Integer.parseInt(config.training().get("threads")));
            manifest.put("threads.evaluation", threadCount);
            manifest.put("started", started.toString());
            ObjectNode files = manifest.putObject("data");
            for (Path p : data.files()) {
                files.put(p.toString(), sha256(p));
            }
            // Pretrained vectors are an input like the corpus: a rerun with another file is another experiment.
            String vectors = config.model().get("pretrained-vectors");
            if (vectors != null) {
                files.put(vectors, sha256(Path.of(vectors)));
            }
            manifest.put("train.sha256", bundle.provenance().get("train.sha256"));
            manifest.put("valid.sha256", bundle.provenance().get("valid.sha256"));
            manifest.put("test.sha256", outcome.sha256());
            manifest.put("test.documents", outcome.evaluated());
            // The code and the experiment file are what the commit pins down; data often lives outside any
            // repository (../shared corpora), so its folder is not asked.
            Path cwd = Path.of("").toAbsolutePath();
            Path fileDir = file == null ? null : file.toAbsolutePath().getParent();
            Path repo = fileDir != null && gitCommit(fileDir) != null ? fileDir : cwd;
            String commit = gitCommit(repo);
            if (commit != null) {
                manifest.put("git.commit", commit);
                Boolean dirty = gitDirty(repo);
                if (dirty != null) {
                    manifest.put("git.dirty", dirty);
                }
            }
            manifest.put("textclf.version", new TextclfCli.Version().getVersion()[0]);
            manifest.put("java.version", System.getProperty("java.version"));
            manifest.put("java.vendor", System.getProperty("java.vendor"));
            manifest.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
            manifest.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            // The in-memory bundle's provenance lacks what write() adds (ND4J version, backend): ask ND4J itself.
            manifest.put("nd4j.version", ModelBundle.nd4jVersion());
            manifest.put("nd4j.backend", ModelBundle.nd4jBackend());
            manifest.put("wall.seconds", (System.nanoTime() - start) / 1e9);
            Files.writeString(tmp.resolve("manifest.json"), JSON.writeValueAsString(manifest) + "\n");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            done = true;
            return new Run(target, bundle, outcome.evaluation(), data.testSource());
        } finally {
            if (!done) {
                deleteTree(tmp);
            }
        }
    }

    /** The training data for the trainer, the test documents, and the data files read. */
    record ExperimentData(TrainCommand.Data train, List<Document> test, String testSource, List<Path> files) {
    }

    static ExperimentData data(ExperimentConfig config, TrainCommand command) {
        ExperimentConfig.Corpus c = config.corpus();
        long seed = config.seed();
        String ratios = String.format(Locale.ROOT, "%.0f/%.0f/%.0f", c.trainRatio() * 100, c.validRatio() * 100,
                c.testRatio() * 100);
        if (c.splits()) {
            List<Document> all = c.embedded() ? DefaultCorpus.documents() : command.format.readAll(List.of(c.train()));
            String what = c.embedded() ? "embedded default corpus" : c.train().getFileName().toString();
            Split split = Splitter.stratified(all, c.trainRatio(), c.validRatio(), c.testRatio(), seed);
            String how = what + ", stratified " + ratios + ", seed " + seed;
            boolean defaultSplit = c.embedded() && c.trainRatio() == Splitter.DEFAULT_TRAIN
                    && c.validRatio() == Splitter.DEFAULT_VALID && c.testRatio() == Splitter.DEFAULT_TEST;
            return new ExperimentData(new TrainCommand.Data(split.train(), split.valid(), List.of(),
                    how + ": train part", how + ": valid part", defaultSplit ? seed : null), split.test(),
                    how + ": test part", c.embedded() ? List.of() : List.of(c.train()));
        }
        List<Path> files = new ArrayList<>(List.of(c.train()));
        List<Document> train = command.format.readAll(List.of(c.train()));
        List<Document> valid = null;
        String validSource = String.format(Locale.ROOT, "stratified %s hold-out of %s, seed %d",
                command.validFraction, c.train().getFileName(), seed);
        if (c.valid() != null) {
            valid = command.format.readAll(List.of(c.valid()));
            validSource = c.valid().getFileName().toString();
            files.add(c.valid());
        }
        List<Document> test = command.format.readAll(List.of(c.test()));
        files.add(c.test());
        return new ExperimentData(new TrainCommand.Data(train, valid, List.of(), c.train().getFileName().toString(),
                validSource, null), test, c.test().getFileName().toString(), files);
    }

    static String sha256(Path file) {
        return TextModelTrainer.sha256(file);
    }

    /** The commit checked out around {@code dir}, or null when there is no git or no repository. */
    static String gitCommit(Path dir) {
        String out = git(dir, "rev-parse", "HEAD");
        return out != null && out.trim().matches("[0-9a-f]{40}") ? out.trim() : null;
    }

    /**
     * Whether the work tree around {@code dir} has changes the commit does not hold (modified, staged or untracked
     * files: {@code git status --porcelain} prints anything), or null when git cannot tell.
     */
    static Boolean gitDirty(Path dir) {
        String out = git(dir, "status", "--porcelain");
        return out == null ? null : !out.isBlank();
    }

    /** Standard output of a git command run in {@code dir}, or null when git is missing or the command fails. */
    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;                                   // no git installed: a manifest without a commit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot delete " + dir + ": " + e.getMessage(), e));
        }
    }
}
