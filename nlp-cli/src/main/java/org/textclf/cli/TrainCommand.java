package org.textclf.cli;

import org.textclf.models.Threads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.Split;
import org.textclf.corpora.Splitter;
import org.textclf.eval.EvaluationOptions;
import org.textclf.eval.metrics.SingleLabelMetrics;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.embed.PretrainedVectors;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.Pooling;
import org.textclf.models.text.TextModelTrainer;
import org.textclf.models.train.TrainerConfig;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.EncoderConfig;
import org.textclf.preprocess.encode.Truncation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code textclf train}: labelled documents in, one model bundle out. The vocabulary and label index come from
 * the training documents only; validation data (given, or a seeded stratified hold-out) drives early stopping and
 * the best checkpoint. Options can also come from a JSON/YAML file ({@code --config}); the command line wins.
 *
 * <p>One instance per invocation (picocli fills the fields); not thread-safe.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        defaultValueProvider = ConfigFileDefaults.class,
        description = {
            "Train a text classifier and write it as one model bundle (vocabulary, labels, pipeline, weights,"
                    + " curves, provenance).",
            "Without --train it trains on the embedded default corpus, split 70/15/15 (stratified, --seed), and"
                    + " reports the held-out test part.",
            "Example: ./textclf train --train train.tsv.gz --model gru-attention --epochs 5 --output imdb.textclf",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:model written", "1:bad data (the message names the file, line or document) or I/O error",
            "2:bad usage (unknown or invalid option, unknown key in --config)"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--train", paramLabel = "PATH",
            description = "Training corpus (file or directory). Default: the embedded default corpus.")
    Path train;

    @Option(names = "--valid", paramLabel = "PATH",
            description = "Validation corpus. Default: a stratified --valid-fraction of --train (seeded).")
    Path valid;

    @Mixin
    CorpusFormatOptions format;

    @Option(names = {"-m", "--model"}, paramLabel = "ARCH", defaultValue = "gru-attention",
            description = "gru-attention, transformer or baseline (fastText-style). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Model bundle to write (atomically: a failed or interrupted run leaves none). Required.")
    Path output;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON or YAML (.yaml/.yml) object of option values, keys = long option names without"
                    + " dashes ({\"model\": \"transformer\", \"epochs\": 3}); the command line overrides it.")
    Path config;

    @Mixin
    PipelineOptions pipeline;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "32", description = "Documents per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-length", paramLabel = "T", defaultValue = "256",
            description = "Tokens kept per document (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--truncation", paramLabel = "T", defaultValue = "head",
            description = "What a longer document keeps: head (its first T tokens) or head-tail (the first ceil(T/2)"
                    + " and the last floor(T/2): reviews often end with the verdict) (default: ${DEFAULT-VALUE}).")
    String truncation;

    @Option(names = "--embedding-dim", paramLabel = "D", defaultValue = "128",
            description = "Word vector size; the model width of the Transformer (default: ${DEFAULT-VALUE}).")
    int embeddingDim;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "128", description = "GRU state size per direction (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--heads", paramLabel = "N", defaultValue = "4", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--layers", paramLabel = "N",
            description = "GRU layers or Transformer blocks (default: 1 for gru-attention, 2 for transformer).")
    Integer layers;

    @Option(names = "--bidirectional", description = "GRU reads both ways (doubles the attention width).")
    boolean bidirectional;

    @Option(names = "--pooling", paramLabel = "P",
            description = "How token vectors become one document vector: attention (a learned query over the real"
                    + " tokens, its weights shown by classify --attention), mean, or cls (transformer only: the output at a"
                    + " learned [CLS] position read before the first token, as in BERT) (default: attention for"
                    + " gru-attention, mean for transformer; the baseline is always a mean).")
    String pooling;

    @Option(names = "--ffn-dim", paramLabel = "F", defaultValue = "256", description = "Transformer feed-forward width (default: ${DEFAULT-VALUE}).")
    int ffnDim;

    @Option(names = "--bigram-buckets", paramLabel = "N", defaultValue = "100000",
            description = "Baseline: hashed bigram embedding rows, 0 = words only (default: ${DEFAULT-VALUE}).")
    int bigramBuckets;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0.1", description = "Dropout probability (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1e-3", description = "Peak learning rate of AdamW (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0.01", description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "plateau",
            description = "constant, plateau (halve after an epoch without improvement), warmup-linear or"
                    + " warmup-cosine (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--clip-norm", paramLabel = "C", defaultValue = "1.0", description = "Global gradient-norm clipping, 0 = off (default: ${DEFAULT-VALUE}).")
    double clipNorm;

    @Option(names = "--token-dropout", paramLabel = "P", defaultValue = "0",
            description = "Word dropout: the probability that a training token is read as <unk> in a step, in [0, 1);"
                    + " validation and prediction read every word (default: ${DEFAULT-VALUE}, off).")
    double tokenDropout;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "2",
            description = "Stop after N epochs without validation improvement, 0 = never; the best epoch's weights"
                    + " are kept (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--monitor", paramLabel = "M", defaultValue = "macro-f1",
            description = "Validation quantity for early stopping and the best checkpoint: macro-f1, accuracy or"
                    + " loss (default: ${DEFAULT-VALUE}).")
    String monitor;

    @Option(names = "--valid-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "Share of --train held out for validation when --valid is not given (default: ${DEFAULT-VALUE}).")
    double validFraction;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of weights, data order, dropout and splits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--vocab-size", paramLabel = "N", defaultValue = "30000",
            description = "Largest vocabulary including <pad> and <unk> (default: ${DEFAULT-VALUE}).")
    int vocabSize;

    @Option(names = "--min-count", paramLabel = "K", defaultValue = "2",
            description = "Training-token count needed to enter the vocabulary (default: ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--multi-label", description = "Sigmoid per label (documents may have several labels).")
    boolean multiLabel;

    @Option(names = "--pretrained-vectors", paramLabel = "FILE",
            description = "Initial word vectors: word2vec text (.vec), word2vec binary (.bin) or GloVe text (other"
                    + " names), .gz allowed; their size must equal --embedding-dim. Coverage is reported.")
    Path pretrainedVectors;

    @Option(names = "--freeze-embeddings",
            description = "Keep the word embeddings as the --pretrained-vectors made them: only the layers above"
                    + " learn (less memorising of rare words on small data; also a faster step).")
    boolean freezeEmbeddings;

    @Option(names = "--threads", paramLabel = "N",
            description = "Native (OpenMP, libnd4j, OpenBLAS) threads (default: 1). On the project's 2-vCPU machine a"
                    + " second thread made an IMDB-sized training step slower, for PyTorch too (docs/benchmarks.md);"
                    + " measure before raising it. The count changes the last bits of the weights.")
    Integer threads;

    /** What {@link #trainAndWrite} produced: the trainer's result (with the bundle as written) and the data. */
    record Trained(TextModelTrainer.Result result, Data data) {
    }

    /** Data resolved from the options. */
    record Data(List<Document> train, List<Document> valid, List<Document> test, String trainSource,
                String validSource, Long splitSeed) {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--output is required (on the command line or as \"output\" in --config)");
        }
        if (train == null && valid != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--valid needs --train (without --train the embedded corpus is split into train/valid/test)");
        }
        Trained trained = trainAndWrite(null, output, Map.of());
        TextModelTrainer.Result result = trained.result();
        Data data = trained.data();
        var training = result.training();
        var best = training.curves().stream().filter(c -> c.epoch() == training.bestEpoch()).findFirst().orElseThrow();
        err.printf(Locale.ROOT, "train: best epoch %d of %d%s: valid macro-F1 %.4f, accuracy %.4f; %.1f s%n",
                training.bestEpoch(), training.curves().size(), training.stoppedEarly() ? " (stopped early)" : "",
                best.validMacroF1(), best.validAccuracy(), training.seconds());
        err.println("train: vocabulary " + result.bundle().vocabulary().size() + " entries; training text "
                + result.trainCoverage() + "; validation text " + result.validCoverage());
        if (result.bundle().provenance().containsKey("pretrained.coverage")) {
            err.println("train: pretrained vectors cover " + result.bundle().provenance().get("pretrained.coverage"));
        }
        if (!data.test().isEmpty()) {
            // The embedded test part is 53 documents: one worker; any count gives the same numbers as eval.
            ModelEvaluation.Outcome o = new ModelEvaluation(result.bundle(), ModelEvaluation.UnknownLabels.ERROR,
                    256, 1).run(data.test().iterator(), "embedded corpus test part", null, EvaluationOptions.DEFAULTS);
            SingleLabelMetrics m = o.evaluation().singleLabel().orElseThrow();
            out.printf(Locale.ROOT, "embedded corpus test part (%d documents): accuracy %.4f, macro-F1 %.4f%n",
                    o.evaluated(), m.accuracy(), m.macroF1());
            out.println("full report: ./textclf eval --model " + output + " --report report.html");
        }
        out.println("model written to " + output);
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /**
     * Trains with this command's option values on {@code data} (null = what the options name) and writes the bundle
     * to {@code target} atomically. Shared by {@code train}, {@code experiment run} and {@code reproduce}, so all
     * three train the same way; {@code extraProvenance} is added to the bundle's provenance.
     */
    Trained trainAndWrite(Data given, Path target, Map<String, String> extraProvenance) {
        PrintWriter err = spec.commandLine().getErr();
        Architecture arch = parse(() -> Architecture.parse(model));
        TextModelTrainer trainer = parse(() -> trainer(arch));
        int threadCount = threads != null ? threads : 1;
        parse(() -> {
            Threads.set(threadCount);
            return null;
        });

        Data data = given != null ? given : data();
        checkTrainingData(data);
        err.printf(Locale.ROOT, "train: %s on %,d documents from %s, validation %s; %s threads%n", arch.id(),
                data.train().size(), data.trainSource(), data.validSource(), Threads.describe());
        err.println("train: " + trainer);
        err.flush();

        Thread interrupted = new Thread(() -> {
            err.println("textclf train: interrupted; no model written to " + target);
            err.flush();
        });
        Runtime.getRuntime().addShutdownHook(interrupted);
        TextModelTrainer.Result result;
        try {
            result = StdoutFilter.dropping(StdoutFilter.ND4J_GRADIENT_NOISE,
                    () -> trainer.train(data.train(), data.valid(), TrainingProgress.of(err, epochs)));
            ModelBundle bundle = withProvenance(result.bundle(), data, threadCount, extraProvenance);
            BundleFiles.write(bundle, target);
            result = new TextModelTrainer.Result(bundle, result.training(), result.trainCoverage(),
                    result.validCoverage(), result.vectorCoverage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: the message is on its way
            }
        }
        return new Trained(result, data);
    }

    TextModelTrainer trainer(Architecture arch) {
        TrainerConfig trainerConfig = TrainerConfig.builder().epochs(epochs).batchSize(batchSize).learningRate(lr)
                .weightDecay(weightDecay).schedule(enumValue(TrainerConfig.Schedule.class, schedule, "--schedule"))
                .clipNorm(clipNorm).patience(patience)
                .monitor(enumValue(TrainerConfig.Monitor.class, monitor, "--monitor"))
                .validFraction(validFraction).seed(seed).freezeEmbeddings(freezeEmbeddings).tokenDropout(tokenDropout)
                .build();
        EncoderConfig encoder = EncoderConfig.builder().maxLength(maxLength)
                .truncation(enumValue(Truncation.class, truncation, "--truncation")).build();
        if (freezeEmbeddings && pretrainedVectors == null) {
            throw new IllegalArgumentException("--freeze-embeddings needs --pretrained-vectors: frozen random"
                    + " vectors would never learn what words mean");
        }
        if (freezeEmbeddings && arch == Architecture.BASELINE && bigramBuckets > 0) {
            throw new IllegalArgumentException("--freeze-embeddings with the baseline needs --bigram-buckets 0: its"
                    + " table also holds the hashed bigrams, which would stay random");
        }
        networkConfig(arch, 3, 2);                          // fail fast on bad sizes, before any data is read
        TextPipeline.fromConfig(pipeline.config());         // and on an unknown tokenizer
        TextModelTrainer t = new TextModelTrainer(pipeline.config(), encoder, vocabSize, minCount,
                (v, l) -> networkConfig(arch, v, l), trainerConfig);
        if (pretrainedVectors != null) {
            t = t.withPretrainedVectors(pretrainedVectors, PretrainedVectors.Format.infer(pretrainedVectors));
        }
        return t;
    }

    private NetworkConfig networkConfig(Architecture arch, int vocab, int labels) {
        NetworkConfig.Builder b = NetworkConfig.builder(arch, vocab, labels).multiLabel(multiLabel)
                .embeddingDim(embeddingDim).hiddenSize(hidden).heads(heads).bidirectional(bidirectional)
                .ffnDim(ffnDim).dropout(dropout).bigramBuckets(bigramBuckets).maxPositions(Math.max(512, maxLength))
                .seed(seed);
        if (layers != null) {
            b.layers(layers);
        }
        if (pooling != null) {
            b.pooling(enumValue(Pooling.class, pooling, "--pooling"));
        }
        return b.build();
    }

    private Data data() {
        if (train == null) {
            Split split = Splitter.stratified(DefaultCorpus.documents(), seed);
            String how = "embedded default corpus, stratified 70/15/15, seed " + seed;
            return new Data(split.train(), split.valid(), split.test(), how + ": train part",
                    how + ": valid part", seed);
        }
        List<Document> trainDocs = format.readAll(List.of(train));
        List<Document> validDocs = valid == null ? null : format.readAll(List.of(valid));
        String validSource = valid == null
                ? String.format(Locale.ROOT, "stratified %.2f hold-out of %s, seed %d", validFraction, train, seed)
                : valid.toString();
        return new Data(trainDocs, validDocs, List.of(), train.toString(), validSource, null);
    }

    private void checkTrainingData(Data data) {
        if (data.train().isEmpty()) {
            throw new IllegalArgumentException("training corpus " + data.trainSource() + " holds no documents");
        }
        TreeSet<String> labels = new TreeSet<>();
        for (Document d : data.train()) {
            if (!d.isLabelled()) {
                throw new IllegalArgumentException("training document " + d.id() + " has no label");
            }
            labels.addAll(d.labels());
        }
        if (labels.size() < 2 && !multiLabel) {
            throw new IllegalArgumentException("training corpus " + data.trainSource() + " has only one label ("
                    + labels.first() + "); a classifier needs at least two");
        }
        if (data.valid() != null && data.valid().isEmpty()) {
            throw new IllegalArgumentException("validation corpus " + data.validSource() + " holds no documents");
        }
        if (data.valid() == null && data.train().size() < 2) {
            throw new IllegalArgumentException("training corpus " + data.trainSource() + " has "
                    + data.train().size() + " document; holding out validation data needs at least two"
                    + " (or give --valid)");
        }
    }

    private ModelBundle withProvenance(ModelBundle b, Data data, int threadCount, Map<String, String> extra) {
        Map<String, String> prov = new LinkedHashMap<>(b.provenance());
        prov.put("train.source", data.trainSource());
        prov.put("valid.source", data.validSource());
        if (data.splitSeed() != null) {
            prov.put(EvalCommand.SPLIT_SEED_KEY, Long.toString(data.splitSeed()));
        }
        prov.put("threads", Integer.toString(threadCount));
        prov.put("cli.options", resolvedOptions());
        prov.putAll(extra);
        return new ModelBundle(b.network(), b.pipeline(), b.encoder(), b.vocabulary(), b.labels(), b.trainer(),
                b.curves(), prov, b.updaterState());
    }

    /** Every option's final value (command line, config file or default): what this run actually used. */
    private String resolvedOptions() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = json.createObjectNode();
        Map<String, Object> values = new TreeMap<>();
        for (OptionSpec o : spec.options()) {
            if (!o.usageHelp() && !o.versionHelp() && o.getValue() != null) {
                values.put(o.longestName().substring(2), o.getValue().toString());
            }
        }
        values.forEach((k, v) -> node.put(k, v.toString()));
        return node.toString();
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String value, String option) {
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        throw new IllegalArgumentException(option + " must be one of " + names + ", was '" + value + "'");
    }

    /** Bad option values are usage errors (exit 2), not data errors. */
    private <T> T parse(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
