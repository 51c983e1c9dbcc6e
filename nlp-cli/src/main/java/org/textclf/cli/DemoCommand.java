package org.textclf.cli;

import org.textclf.models.Threads;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.Split;
import org.textclf.corpora.Splitter;
import org.textclf.eval.EvaluationOptions;
import org.textclf.eval.metrics.SingleLabelMetrics;
import org.textclf.eval.predictions.PredictionWriter;
import org.textclf.eval.report.HtmlReport;
import org.textclf.eval.report.JsonReport;
import org.textclf.eval.report.TextReport;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.text.NeuralTextClassifier;
import org.textclf.models.text.TextModelTrainer;
import org.textclf.models.train.TrainerConfig;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.EncoderConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code textclf demo}: the whole job on the embedded default corpus in one command. Splits it 70/15/15
 * (stratified, seeded), trains a small GRU + attention model, evaluates it on the test part, writes the model
 * bundle, metrics JSON, HTML report and predictions, and shows a few test documents with their predicted label,
 * probability and the tokens the attention pooling weighted most.
 *
 * <p>The network is deliberately small (the corpus has 360 short documents), so the demo runs in well under two
 * minutes on two cores including JVM start-up. One instance per invocation; not thread-safe.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train, evaluate and explain a GRU + attention classifier on the embedded default corpus"
                    + " (4 topics, 360 posts); writes model.textclf, metrics.json, report.html and predictions.jsonl.",
            "Example: ./textclf demo --output-dir textclf-demo",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:I/O error", "2:bad usage"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "textclf-demo",
            description = "Where the files go (created if missing; existing demo files are replaced). Default: ${DEFAULT-VALUE}.")
    Path outputDir;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "12",
            description = "Maximum epochs (early stopping after 4 without improvement). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the split, weights, data order and dropout. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "4",
            description = "Test documents to show with their attention. Default: ${DEFAULT-VALUE}.")
    int examples;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Native threads of training (faster than 2 at this model size; measured), and workers of"
                    + " the evaluation, one native thread each (never changes its numbers). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (epochs < 1 || examples < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    epochs < 1 ? "--epochs must be >= 1, was " + epochs : "--examples must be >= 0, was " + examples);
        }
        Threads.set(threads);
        long start = System.nanoTime();
        Split split = Splitter.stratified(DefaultCorpus.documents(), seed);
        out.println("textclf demo: " + DefaultCorpus.description());
        out.printf(Locale.ROOT, "split 70/15/15 (stratified, seed %d): %d train, %d validation, %d test documents%n",
                seed, split.train().size(), split.valid().size(), split.test().size());
        out.flush();

        TextModelTrainer trainer = new TextModelTrainer(PipelineConfig.defaults(),
                EncoderConfig.builder().maxLength(128).build(), 5000, 1,
                (v, l) -> NetworkConfig.builder(Architecture.GRU_ATTENTION, v, l).embeddingDim(32).hiddenSize(32)
                        .heads(2).dropout(0.2).seed(seed).build(),
                TrainerConfig.builder().epochs(epochs).batchSize(16).learningRate(3e-3).patience(4).seed(seed).build());
        out.println("1. training GRU + attention (" + trainer + ")");
        out.flush();
        TextModelTrainer.Result result = StdoutFilter.dropping(StdoutFilter.ND4J_GRADIENT_NOISE,
                () -> trainer.train(split.train(), split.valid(), TrainingProgress.of(err, epochs)));
        Map<String, String> prov = new LinkedHashMap<>(result.bundle().provenance());
        prov.put("train.source", "embedded default corpus, stratified 70/15/15, seed " + seed + ": train part");
        prov.put("valid.source", "embedded default corpus, stratified 70/15/15, seed " + seed + ": valid part");
        prov.put(EvalCommand.SPLIT_SEED_KEY, Long.toString(seed));
        prov.put("threads", Integer.toString(threads));
        prov.put("cli.options", "demo --epochs " + epochs + " --seed " + seed);
        ModelBundle b = result.bundle();
        Path modelFile = outputDir.resolve("model.textclf");
        BundleFiles.write(new ModelBundle(b.network(), b.pipeline(), b.encoder(), b.vocabulary(), b.labels(),
                b.trainer(), b.curves(), prov, b.updaterState()), modelFile);
        // Everything below uses the model as written, so the demo also proves the file loads, and the report shows
        // the provenance added on write (time, JVM and ND4J versions).
        ModelBundle bundle = ModelBundle.read(modelFile);
        out.printf(Locale.ROOT, "   best epoch %d of %d, %.1f s%n", result.training().bestEpoch(),
                result.training().curves().size(), result.training().seconds());

        out.println("2. evaluating on the " + split.test().size() + " test documents");
        Path predictionsFile = outputDir.resolve("predictions.jsonl");
        String source = "embedded default corpus, stratified 70/15/15, seed " + seed + ": test part";
        ModelEvaluation.Outcome outcome;
        try (PredictionWriter writer = PredictionWriter.create(predictionsFile)) {
            outcome = new ModelEvaluation(bundle, ModelEvaluation.UnknownLabels.ERROR, 256, threads)
                    .run(split.test().iterator(), source, writer, EvaluationOptions.DEFAULTS);
            writer.commit();
        }
        out.print(TextReport.toText(outcome.evaluation()));
        Path metricsFile = outputDir.resolve("metrics.json");
        Path reportFile = outputDir.resolve("report.html");
        JsonReport.write(outcome.evaluation(), metricsFile);
        HtmlReport.write(outcome.evaluation(), ModelEvaluation.context(bundle, modelFile.toString(), source, outcome,
                "textclf demo: GRU + attention on the embedded default corpus"), reportFile);

        out.println();
        out.println("3. a few test documents, with the tokens the attention pooling weighted most");
        NeuralTextClassifier classifier = NeuralTextClassifier.of(bundle);
        TextPipeline pipeline = TextPipeline.fromConfig(bundle.pipeline());
        for (Document d : examples(split.test(), examples)) {
            float[] p = classifier.probabilities(d.text());
            int best = argmax(p);
            out.printf(Locale.ROOT, "%n   %s  gold %s  predicted %s (p=%.3f)%s%n", d.id(), d.label(),
                    classifier.labels().get(best), p[best], classifier.labels().get(best).equals(d.label()) ? "" : "  WRONG");
            out.println("   text: " + shorten(pipeline.clean(d.text()), 110));
            out.println("   attention: " + topTokens(classifier.attention(d.text()), 5));
        }

        SingleLabelMetrics m = outcome.evaluation().singleLabel().orElseThrow();
        out.println();
        out.printf(Locale.ROOT, "test accuracy %.4f, macro-F1 %.4f (chance: %.4f, the largest class); %.1f s in all%n",
                m.accuracy(), m.macroF1(), largestClassShare(split.test()), (System.nanoTime() - start) / 1e9);
        out.println("files:");
        out.println("   " + modelFile + "        the model bundle (./textclf eval --model " + modelFile + ")");
        out.println("   " + metricsFile + "         metrics as JSON");
        out.println("   " + reportFile + "          HTML report: open it in a browser");
        out.println("   " + predictionsFile + "     one prediction per test document");
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /** The first test document of each label in turn, so the examples show every topic. */
    static List<Document> examples(List<Document> test, int n) {
        Map<String, List<Document>> byLabel = new java.util.TreeMap<>();
        for (Document d : test) {
            byLabel.computeIfAbsent(d.label(), k -> new ArrayList<>()).add(d);
        }
        List<Document> out = new ArrayList<>();
        for (int round = 0; out.size() < n && out.size() < test.size(); round++) {
            for (List<Document> docs : byLabel.values()) {
                if (round < docs.size() && out.size() < n) {
                    out.add(docs.get(round));
                }
            }
        }
        return out;
    }

    /** "rain (0.31), forecast (0.12), ..." for the {@code k} most attended positions. */
    static String topTokens(List<NeuralTextClassifier.TokenWeight> weights, int k) {
        return weights.stream().sorted(Comparator.comparingDouble((NeuralTextClassifier.TokenWeight w) -> -w.weight()))
                .limit(k).map(w -> String.format(Locale.ROOT, "%s (%.2f)", w.token(), w.weight()))
                .reduce((a, c) -> a + ", " + c).orElse("(empty document)");
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static double largestClassShare(List<Document> docs) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        docs.forEach(d -> counts.merge(d.label(), 1, Integer::sum));
        return docs.isEmpty() ? 0 : counts.values().stream().mapToInt(Integer::intValue).max().orElse(0)
                / (double) docs.size();
    }
}
