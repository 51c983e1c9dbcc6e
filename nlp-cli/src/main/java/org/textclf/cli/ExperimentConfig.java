package org.textclf.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One experiment file (JSON, or YAML for {@code .yaml}/{@code .yml}): corpus and split, preprocessing, model,
 * training settings and seed. The schema is documented in {@code experiments/README.md}. Section values use the
 * long option names of {@code train} so an experiment trains exactly as {@code train} would; an unknown key is an
 * error naming it. Relative paths are resolved against the file's directory (as {@link ConfigFileDefaults} does).
 *
 * <p>Immutable; thread-safe.
 *
 * @param name          run name (default: the file name without extension)
 * @param seed          seed of the split, weights, data order and dropout
 * @param corpus        where the documents come from
 * @param preprocessing pipeline options of {@code train} (tokenizer, keep-*), sorted by key
 * @param model         architecture ({@code type}) and its hyper-parameters, sorted by key
 * @param training      optimisation settings (epochs, lr, ...), sorted by key
 */
record ExperimentConfig(String name, long seed, Corpus corpus, Map<String, String> preprocessing,
                        Map<String, String> model, Map<String, String> training) {

    /** Keys of the {@code model} section; {@code type} is {@code train --model}. */
    static final Set<String> MODEL_KEYS = Set.of("type", "embedding-dim", "hidden", "heads", "layers",
            "bidirectional", "pooling", "ffn-dim", "bigram-buckets", "dropout", "max-length", "truncation", "vocab-size",
            "min-count", "multi-label", "pretrained-vectors", "freeze-embeddings");
    /**
     * Keys of the {@code training} section. {@code threads} is here, not on the command line, because the native
     * thread count of training changes the summation order of multi-threaded reductions and so the last bits of
     * the weights: it is part of what an experiment is (default 1).
     */
    static final Set<String> TRAINING_KEYS = Set.of("epochs", "batch-size", "lr", "weight-decay", "schedule",
            "clip-norm", "patience", "monitor", "valid-fraction", "token-dropout", "threads");

    /** Native threads of training when the file does not say. */
    static final String DEFAULT_TRAINING_THREADS = "1";
    /** Keys of the {@code preprocessing} section (train's pipeline options). */
    static final Set<String> PREPROCESSING_KEYS = Set.of("tokenizer", "keep-markup", "keep-case", "keep-punctuation");
    /** Corpus-format keys allowed in the {@code corpus} section (train's format options). */
    static final Set<String> FORMAT_KEYS = Set.of("format", "text-column", "label-column", "id-column",
            "label-separator");
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "seed", "corpus", "preprocessing",
            "model", "training");
    private static final Set<String> CORPUS_KEYS;
    private static final Set<String> PATH_KEYS = Set.of("pretrained-vectors");

    static {
        TreeSet<String> k = new TreeSet<>(FORMAT_KEYS);
        k.addAll(List.of("embedded", "train", "valid", "test", "split"));
        CORPUS_KEYS = Set.copyOf(k);
    }

    /**
     * Where the documents come from: the embedded corpus or files. Without a test file the documents (embedded, or
     * the train file) are split stratified by the ratios with the experiment's seed.
     */
    record Corpus(boolean embedded, Path train, Path valid, Path test, Map<String, String> format,
                  double trainRatio, double validRatio, double testRatio) {
        Corpus {
            if (embedded == (train != null)) {
                throw new IllegalArgumentException("corpus: give either 'embedded: true' or a 'train' path");
            }
            if ((valid != null || test != null) && embedded) {
                throw new IllegalArgumentException("corpus: 'valid'/'test' need a 'train' path, not 'embedded'");
            }
            if (valid != null && test == null) {
                throw new IllegalArgumentException("corpus: 'valid' needs 'test' (without 'test' the train file is"
                        + " split into train/valid/test by 'split')");
            }
            if (trainRatio <= 0 || validRatio <= 0 || testRatio <= 0
                    || Math.abs(trainRatio + validRatio + testRatio - 1.0) > 1e-9) {
                throw new IllegalArgumentException("corpus.split: train, valid and test must be > 0 and sum to 1,"
                        + " were " + trainRatio + ", " + validRatio + ", " + testRatio);
            }
            format = Map.copyOf(new TreeMap<>(format));
        }

        /** Whether the test part comes from a seeded split rather than a file. */
        boolean splits() {
            return test == null;
        }
    }

    ExperimentConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        preprocessing = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(preprocessing));
        model = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(model));
        training = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(training));
    }

    /**
     * Reads an experiment file.
     *
     * @throws IllegalArgumentException naming the file and key when the file is missing, malformed, has an
     *                                  unknown key or a bad value
     */
    static ExperimentConfig load(Path file) {
        JsonNode root;
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml")
                    ? new ObjectMapper(new YAMLFactory()) : JsonMapper.builder().build();
            root = mapper.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": experiment file not found");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not a valid experiment file: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read experiment file: " + e.getMessage());
        }
        String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        try {
            return fromJson(root, file.toAbsolutePath().getParent(), base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the tree of an experiment file (or of {@link #toJson()}); relative paths resolve against {@code base}. */
    static ExperimentConfig fromJson(JsonNode root, Path base, String defaultName) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("an experiment file holds one object (name, seed, corpus,"
                    + " preprocessing, model, training)");
        }
        checkKeys(root, "", TOP_KEYS);
        String name = root.has("name") ? scalar(root.get("name"), "name") : defaultName;
        long seed = 42;
        if (root.has("seed")) {
            JsonNode s = root.get("seed");
            if (!s.canConvertToLong() || !s.isIntegralNumber()) {
                throw new IllegalArgumentException("key 'seed' must be an integer, was " + s);
            }
            seed = s.asLong();
        }
        JsonNode c = root.path("corpus");
        if (!c.isObject()) {
            throw new IllegalArgumentException("key 'corpus' is required and must be an object");
        }
        checkKeys(c, "corpus.", CORPUS_KEYS);
        boolean embedded = c.has("embedded") && bool(c.get("embedded"), "corpus.embedded");
        Map<String, String> format = new TreeMap<>();
        for (String k : FORMAT_KEYS) {
            if (c.has(k)) {
                format.put(k, scalar(c.get(k), "corpus." + k));
            }
        }
        double tr = 0.70;
        double va = 0.15;
        double te = 0.15;
        if (c.has("split")) {
            JsonNode sp = c.get("split");
            if (!sp.isObject()) {
                throw new IllegalArgumentException("key 'corpus.split' must be an object {train, valid, test}");
            }
            checkKeys(sp, "corpus.split.", Set.of("train", "valid", "test"));
            tr = ratio(sp, "train", tr);
            va = ratio(sp, "valid", va);
            te = ratio(sp, "test", te);
        }
        Corpus corpus = new Corpus(embedded, path(c, "train", base), path(c, "valid", base), path(c, "test", base),
                format, tr, va, te);
        Map<String, String> pre = section(root, "preprocessing", PREPROCESSING_KEYS, base);
        Map<String, String> model = section(root, "model", MODEL_KEYS, base);
        Map<String, String> training = section(root, "training", TRAINING_KEYS, base);
        training.putIfAbsent("threads", DEFAULT_TRAINING_THREADS);
        return new ExperimentConfig(name, seed, corpus, pre, model, training);
    }

    /**
     * The {@code train} command line this experiment means (without {@code --output}; the
     * data is passed to the trainer directly, so no {@code --train}/{@code --valid} either).
     */
    List<String> trainArgs() {
        List<String> args = new ArrayList<>();
        corpus.format().forEach((k, v) -> add(args, k, v));
        preprocessing.forEach((k, v) -> add(args, k, v));
        model.forEach((k, v) -> add(args, k.equals("type") ? "model" : k, v));
        training.forEach((k, v) -> add(args, k, v));
        args.add("--seed");
        args.add(Long.toString(seed));
        return args;
    }

    private static void add(List<String> args, String key, String value) {
        // Flags take no value on the command line: true = present, false = absent (the default).
        if (value.equals("true") || value.equals("false")) {
            if (value.equals("true")) {
                args.add("--" + key);
            }
            return;
        }
        args.add("--" + key);
        args.add(value);
    }

    /** The resolved experiment (absolute paths, defaults filled in) as JSON; {@link #fromJson} reads it back. */
    /** The same experiment with another seed. */
    ExperimentConfig withSeed(long otherSeed) {
        return new ExperimentConfig(name, otherSeed, corpus, preprocessing, model, training);
    }

    ObjectNode toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("name", name);
        root.put("seed", seed);
        ObjectNode c = root.putObject("corpus");
        if (corpus.embedded()) {
            c.put("embedded", true);
        }
        if (corpus.train() != null) {
            c.put("train", corpus.train().toString());
        }
        if (corpus.valid() != null) {
            c.put("valid", corpus.valid().toString());
        }
        if (corpus.test() != null) {
            c.put("test", corpus.test().toString());
        }
        corpus.format().forEach(c::put);
        ObjectNode split = c.putObject("split");
        split.put("train", corpus.trainRatio());
        split.put("valid", corpus.validRatio());
        split.put("test", corpus.testRatio());
        put(root.putObject("preprocessing"), preprocessing);
        put(root.putObject("model"), model);
        put(root.putObject("training"), training);
        return root;
    }

    private static void put(ObjectNode node, Map<String, String> values) {
        values.forEach(node::put);
    }

    private static void checkKeys(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + prefix + k + "'; allowed here: "
                        + new TreeSet<>(allowed));
            }
        }
    }

    private static Map<String, String> section(JsonNode root, String name, Set<String> allowed, Path base) {
        Map<String, String> out = new TreeMap<>();
        if (!root.has(name)) {
            return out;
        }
        JsonNode node = root.get(name);
        if (!node.isObject()) {
            throw new IllegalArgumentException("key '" + name + "' must be an object");
        }
        checkKeys(node, name + ".", allowed);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String v = scalar(e.getValue(), name + "." + e.getKey());
            out.put(e.getKey(), PATH_KEYS.contains(e.getKey()) ? base.resolve(v).normalize().toString() : v);
        }
        return out;
    }

    private static String scalar(JsonNode n, String key) {
        if (n == null || !n.isValueNode() || n.isNull()) {
            throw new IllegalArgumentException("key '" + key + "' must be a string, number or boolean");
        }
        return n.asText();
    }

    private static boolean bool(JsonNode n, String key) {
        if (!n.isBoolean()) {
            throw new IllegalArgumentException("key '" + key + "' must be true or false, was " + n);
        }
        return n.asBoolean();
    }

    private static double ratio(JsonNode split, String key, double dflt) {
        if (!split.has(key)) {
            return dflt;
        }
        JsonNode n = split.get(key);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("key 'corpus.split." + key + "' must be a number, was " + n);
        }
        return n.asDouble();
    }

    private static Path path(JsonNode corpus, String key, Path base) {
        return corpus.has(key) ? base.resolve(scalar(corpus.get(key), "corpus." + key)).normalize() : null;
    }
}
