package org.textclf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.Splitter;
import org.textclf.eval.EvaluationOptions;
import org.textclf.eval.report.JsonReport;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.train.EpochStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code textclf reproduce BUNDLE}: retrains a model from its recorded provenance (the resolved experiment of
 * {@code experiment run}, else the {@code cli.options} of {@code train}) and compares the two: configuration, data
 * hashes, metrics (both models on the same test data; for a model without test data, the validation curves) and
 * the weights entry ({@code weights.fb}) byte for byte.
 *
 * <p>Not compared, because they legitimately differ between runs: the bundle's {@code created} time,
 * {@code threads}, the per-epoch {@code seconds} in {@code curves.json}, and therefore the {@code provenance.json},
 * {@code curves.json} and {@code manifest.json} entries as bytes.
 *
 * <p>One instance per invocation (picocli fills the fields); not thread-safe.
 */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description = {"Retrain a model from its recorded provenance and report differences in config, data"
                + " hashes, metrics and weights.",
            "Example: ./textclf reproduce runs/embedded/model.textclf", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:identical", "1:differences found (listed), bad data or I/O error", "2:bad usage"})
final class ReproduceCommand implements Callable<Integer> {

    /** Options that say where or how fast, not what: they never count as a difference. */
    private static final List<String> NOT_CONFIG = List.of("output", "threads", "config");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Model bundle (.textclf) to reproduce.")
    Path bundle;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Keep the retrained run here (must not exist). Default: a temporary folder, deleted.")
    Path outputDir;

    @Option(names = "--threads", paramLabel = "N",
            description = "An experiment's bundle: workers of the evaluation, one native thread each (training uses"
                    + " the recorded training.threads); never changes a result. A train bundle: native threads of"
                    + " training instead of the recorded count (a different count changes the last bits of the"
                    + " weights). Both: workers of the metrics comparison. Default: as recorded / the cores.")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, was " + threads);
        }
        ModelBundle original = ModelBundle.read(bundle);
        Map<String, String> prov = original.provenance();
        Path scratch = outputDir == null ? Files.createTempDirectory("textclf-reproduce") : null;
        Path runDir = outputDir != null ? outputDir : scratch.resolve("run");
        List<String> diffs = new ArrayList<>();
        try {
            ModelBundle again;
            Path againFile;
            List<Document> test;
            String testSource;
            if (prov.containsKey(ExperimentRunner.CONFIG_KEY)) {
                ExperimentConfig config = ExperimentConfig.fromJson(JSON.readTree(prov.get(ExperimentRunner.CONFIG_KEY)),
                        Path.of("").toAbsolutePath(), "experiment");
                ExperimentRunner.Run run = ExperimentRunner.run(config, null, runDir, threads, err);
                again = run.bundle();
                againFile = run.dir().resolve(ExperimentRunner.MODEL);
                TrainCommand parsed = parseTrain(config.trainArgs());
                ExperimentRunner.ExperimentData data = ExperimentRunner.data(config, parsed);
                test = data.test();
                testSource = data.testSource();
                compare("config", prov.get(ExperimentRunner.CONFIG_KEY),
                        again.provenance().get(ExperimentRunner.CONFIG_KEY), diffs);
            } else {
                String options = prov.get("cli.options");
                if (options == null) {
                    throw new IllegalArgumentException(bundle + ": its provenance records neither '"
                            + ExperimentRunner.CONFIG_KEY + "' nor 'cli.options'; it cannot be retrained");
                }
                TrainCommand train = parseTrain(args(options, runDir.resolve(ExperimentRunner.MODEL)));
                Files.createDirectories(runDir);
                againFile = runDir.resolve(ExperimentRunner.MODEL);
                again = train.trainAndWrite(null, againFile, Map.of()).result().bundle();
                compare("config", configOf(options), configOf(again.provenance().get("cli.options")), diffs);
                String splitSeed = prov.get(EvalCommand.SPLIT_SEED_KEY);
                test = splitSeed == null ? null
                        : Splitter.stratified(DefaultCorpus.documents(), Long.parseLong(splitSeed)).test();
                testSource = "embedded default corpus test part";
            }
            for (String key : List.of("train.documents", "train.sha256", "valid.documents", "valid.sha256")) {
                compare("data " + key, prov.get(key), again.provenance().get(key), diffs);
            }
            if (test != null) {
                int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
                compare("metrics on " + testSource, metrics(original, test, testSource, workers),
                        metrics(again, test, testSource, workers), diffs);
            } else {
                compare("validation curves", curves(original), curves(again), diffs);
            }
            compareEntries(bundle, againFile, diffs);
        } finally {
            if (scratch != null) {
                ExperimentRunner.deleteTree(scratch);
            }
        }
        if (diffs.isEmpty()) {
            out.println("reproduce: identical: config, data hashes, metrics and weights.fb of " + bundle);
            out.flush();
            return CommandLine.ExitCode.OK;
        }
        out.println("reproduce: " + diffs.size() + " difference(s) for " + bundle + ":");
        diffs.forEach(d -> out.println("  " + d));
        out.flush();
        return TextclfCli.EXIT_FAILURE;
    }

    private TrainCommand parseTrain(List<String> args) {
        CommandLine cl = new CommandLine(new TrainCommand());
        cl.setErr(spec.commandLine().getErr());
        cl.parseArgs(args.toArray(String[]::new));
        return cl.getCommand();
    }

    /** {@code cli.options} back into a {@code train} command line, writing to {@code output}. */
    private List<String> args(String options, Path output) throws IOException {
        CommandSpec train = new CommandLine(new TrainCommand()).getCommandSpec();
        List<String> args = new ArrayList<>();
        JsonNode node = JSON.readTree(options);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("output") || key.equals("config") || (key.equals("threads") && threads != null)) {
                continue;
            }
            OptionSpec o = train.findOption("--" + key);
            if (o == null) {
                throw new IllegalArgumentException(bundle + ": cli.options names '" + key
                        + "', which this textclf's train does not know");
            }
            if (o.arity().max() == 0) {
                if (Boolean.parseBoolean(e.getValue().asText())) {
                    args.add("--" + key);
                }
            } else {
                args.add("--" + key);
                args.add(e.getValue().asText());
            }
        }
        if (threads != null) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        args.addAll(List.of("--output", output.toString()));
        return args;
    }

    private static String configOf(String options) throws IOException {
        Map<String, String> m = new TreeMap<>(JSON.convertValue(JSON.readTree(options),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { }));
        NOT_CONFIG.forEach(m::remove);
        return m.toString();
    }

    private static String metrics(ModelBundle b, List<Document> test, String source, int workers) {
        return JsonReport.toJson(new ModelEvaluation(b, ModelEvaluation.UnknownLabels.ERROR, 256, workers)
                .run(test.iterator(), source, null, EvaluationOptions.DEFAULTS).evaluation());
    }

    /** The curves without their per-epoch wall time. */
    private static String curves(ModelBundle b) {
        StringBuilder s = new StringBuilder();
        for (EpochStats e : b.curves()) {
            s.append(e.epoch()).append(' ').append(e.trainLoss()).append(' ').append(e.validLoss()).append(' ')
                    .append(e.validMacroF1()).append(' ').append(e.validAccuracy()).append(' ')
                    .append(e.learningRate()).append('\n');
        }
        return s.toString();
    }

    private static void compare(String what, String a, String b, List<String> diffs) {
        if (a == null ? b != null : !a.equals(b)) {
            diffs.add(what + ": recorded " + shorten(a) + ", now " + shorten(b));
        }
    }

    private static String shorten(String s) {
        if (s == null) {
            return "(none)";
        }
        return s.length() > 300 ? s.substring(0, 300) + "... (" + s.length() + " chars)" : s;
    }

    /** weights.fb must be identical; the other entries but the run-dependent ones too. */
    private static void compareEntries(Path a, Path b, List<String> diffs) throws IOException {
        Map<String, byte[]> ea = entries(a);
        Map<String, byte[]> eb = entries(b);
        TreeSet<String> names = new TreeSet<>(ea.keySet());
        names.addAll(eb.keySet());
        for (String n : names) {
            if (n.equals("provenance.json") || n.equals("curves.json") || n.equals("manifest.json")) {
                continue;                                  // run-dependent (time, threads); compared above
            }
            if (!ea.containsKey(n) || !eb.containsKey(n)) {
                diffs.add("bundle entry " + n + ": only in " + (ea.containsKey(n) ? "the recorded" : "the new")
                        + " bundle");
            } else if (!Arrays.equals(ea.get(n), eb.get(n))) {
                diffs.add("bundle entry " + n + ": bytes differ (sha256 recorded "
                        + sha(ea.get(n)) + ", now " + sha(eb.get(n)) + ")");
            }
        }
    }

    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (var en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                try (InputStream in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    private static String sha(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
