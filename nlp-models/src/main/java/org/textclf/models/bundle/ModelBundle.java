package org.textclf.models.bundle;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.textclf.models.embed.EmbeddingLookup;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.TextNetwork;
import org.textclf.models.train.EpochStats;
import org.textclf.models.train.TrainerConfig;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.encode.EncoderConfig;
import org.textclf.preprocess.vocab.Vocabulary;

/**
 * Everything needed to classify raw text again, and to know where a model came from: one zip file
 * (conventionally {@code .textclf}).
 *
 * <p>Entries: {@code pipeline.json} (cleaning + tokenizer), {@code encoder.json} (max length,
 * truncation), {@code vocab.txt} (with its own checksum), {@code labels.json} (index order),
 * {@code network.json} ({@link NetworkConfig}), {@code weights.fb} (SameDiff FlatBuffers graph with
 * weights), optionally {@code updater/<param>.nd4j} (Adam moments, ND4J binary arrays),
 * {@code trainer.json}, {@code curves.json}, optionally {@code thresholds.json} (multi-label),
 * {@code provenance.json}, and last {@code manifest.json}
 * with the format name and version and a SHA-256 per entry. Loading checks all of them. No Java
 * serialization is involved.
 *
 * <pre>{@code
 * ModelBundle b = new ModelBundle(net, PipelineConfig.defaults(), EncoderConfig.defaults(), vocab,
 *         labels, trainerConfig, result.curves(), Map.of("train.sha256", hash), trainer.updaterState());
 * b.write(Path.of("imdb.textclf"));
 * ModelBundle back = ModelBundle.read(Path.of("imdb.textclf"));
 * }</pre>
 *
 * <p>Immutable by convention; the network inside is shared, see {@link TextNetwork} for its
 * thread-safety.
 *
 * @param network      the trained network
 * @param pipeline     text cleaning and tokenization
 * @param encoder      max length and truncation used to encode documents
 * @param vocabulary   frozen vocabulary the network's ids refer to
 * @param labels       label names in output index order
 * @param trainer      training settings (null when unknown)
 * @param curves       per-epoch training curves (may be empty)
 * @param provenance   free-form facts: data hashes, seed, command line, ... (library and JVM
 *                     versions and the time are added on write)
 * @param updaterState Adam moments per parameter, to continue training (empty = not stored)
 * @param thresholds   multi-label decision thresholds per label (empty = 0.5 each; single-label: empty)
 */
public record ModelBundle(TextNetwork network, PipelineConfig pipeline, EncoderConfig encoder, Vocabulary vocabulary,
                          List<String> labels, TrainerConfig trainer, List<EpochStats> curves,
                          Map<String, String> provenance, Map<String, INDArray> updaterState, List<Double> thresholds) {

    /** Value of {@code format} in the manifest. */
    public static final String FORMAT = "textclf-model";
    /** Version written by this code; files with a higher version are refused. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Fixed entry time so that the same model gives the same bytes. */
    private static final long ENTRY_TIME = 315532800000L;

    public ModelBundle {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(vocabulary, "vocabulary");
        labels = List.copyOf(labels);
        curves = curves == null ? List.of() : List.copyOf(curves);
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
        updaterState = updaterState == null ? Map.of() : Map.copyOf(updaterState);
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        if (!thresholds.isEmpty() && thresholds.size() != labels.size()) {
            throw new IllegalArgumentException(thresholds.size() + " thresholds for " + labels.size() + " labels");
        }
        if (vocabulary.size() != network.config().vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " entries but the network expects "
                    + network.config().vocabSize());
        }
        if (labels.size() != network.config().labelCount()) {
            throw new IllegalArgumentException(labels.size() + " label names for a network with "
                    + network.config().labelCount() + " outputs");
        }
    }

    /** A bundle without multi-label thresholds. */
    public ModelBundle(TextNetwork network, PipelineConfig pipeline, EncoderConfig encoder, Vocabulary vocabulary,
                       List<String> labels, TrainerConfig trainer, List<EpochStats> curves,
                       Map<String, String> provenance, Map<String, INDArray> updaterState) {
        this(network, pipeline, encoder, vocabulary, labels, trainer, curves, provenance, updaterState, List.of());
    }

    /** Writes the bundle atomically (temporary file in the same directory, then a move). */
    public void write(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(out);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BundleException(path + ": cannot write model: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The move succeeded or the original error is more useful.
                }
            }
        }
    }

    /** Writes the zip to {@code out} (not closed). */
    public void write(OutputStream out) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("pipeline.json", pipeline.toJson().getBytes(StandardCharsets.UTF_8));
        entries.put("encoder.json", JSON.writeValueAsBytes(encoder));
        ByteArrayOutputStream vocab = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(vocab, StandardCharsets.UTF_8)) {
            vocabulary.write(w);
        }
        entries.put("vocab.txt", vocab.toByteArray());
        entries.put("labels.json", JSON.writeValueAsBytes(labels));
        entries.put("network.json", JSON.writeValueAsBytes(network.config()));
        ByteBuffer fb;
        synchronized (network) {
            fb = network.sameDiff().asFlatBuffers(false);
        }
        byte[] weights = new byte[fb.remaining()];
        fb.get(weights);
        entries.put("weights.fb", weights);
        for (Map.Entry<String, INDArray> e : new TreeMap<>(updaterState).entrySet()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream d = new DataOutputStream(b)) {
                Nd4j.write(e.getValue(), d);
            }
            entries.put("updater/" + e.getKey() + ".nd4j", b.toByteArray());
        }
        if (trainer != null) {
            entries.put("trainer.json", JSON.writeValueAsBytes(trainer));
        }
        entries.put("curves.json", JSON.writeValueAsBytes(curves));
        if (!thresholds.isEmpty()) {
            entries.put("thresholds.json", JSON.writeValueAsBytes(thresholds));
        }
        Map<String, String> prov = new TreeMap<>(provenance);
        prov.putIfAbsent("created", Instant.now().toString());
        prov.putIfAbsent("java.version", System.getProperty("java.version"));
        prov.putIfAbsent("java.vendor", System.getProperty("java.vendor"));
        prov.putIfAbsent("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        prov.putIfAbsent("nd4j.version", nd4jVersion());
        prov.putIfAbsent("nd4j.backend", nd4jBackend());
        entries.put("provenance.json", JSON.writeValueAsBytes(prov));

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("formatVersion", FORMAT_VERSION);
        ObjectNode sums = manifest.putObject("sha256");
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            sums.put(e.getKey(), sha256(e.getValue()));
        }
        entries.put("manifest.json", JSON.writeValueAsBytes(manifest));

        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            ZipEntry ze = new ZipEntry(e.getKey());
            ze.setTime(ENTRY_TIME);
            zip.putNextEntry(ze);
            zip.write(e.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Reads and verifies a bundle.
     *
     * @throws BundleException naming the file when it is missing, not a zip, truncated, not a textclf
     *                         model, of a newer format version, or when any entry's checksum differs
     */
    public static ModelBundle read(Path path) {
        EmbeddingLookup.register();
        org.textclf.models.network.ResetGateGru.register();
        if (!Files.isRegularFile(path)) {
            throw new BundleException(path + ": model file not found");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            var en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry ze = en.nextElement();
                try (InputStream in = zip.getInputStream(ze)) {
                    entries.put(ze.getName(), in.readAllBytes());
                }
            }
        } catch (ZipException e) {
            throw new BundleException(path + ": not a textclf model, or the file is truncated (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BundleException(path + ": cannot read model: " + e.getMessage(), e);
        }
        return fromEntries(entries, path.toString());
    }

    private static ModelBundle fromEntries(Map<String, byte[]> entries, String source) {
        byte[] manifestBytes = entries.get("manifest.json");
        if (manifestBytes == null) {
            throw new BundleException(source + ": not a textclf model (no manifest.json)");
        }
        try {
            var manifest = JSON.readTree(manifestBytes);
            if (!FORMAT.equals(manifest.path("format").asText())) {
                throw new BundleException(source + ": not a textclf model (format '" + manifest.path("format").asText() + "')");
            }
            int version = manifest.path("formatVersion").asInt(-1);
            if (version < 1 || version > FORMAT_VERSION) {
                throw new BundleException(source + ": model format version " + version
                        + " is not supported by this textclf (reads 1.." + FORMAT_VERSION + ")");
            }
            Map<String, String> sums = JSON.convertValue(manifest.path("sha256"), new TypeReference<Map<String, String>>() { });
            for (String name : entries.keySet()) {
                if (!name.equals("manifest.json") && !sums.containsKey(name)) {
                    throw new BundleException(source + ": entry " + name + " is not listed in the manifest (file was modified)");
                }
            }
            for (Map.Entry<String, String> e : sums.entrySet()) {
                byte[] data = entries.get(e.getKey());
                if (data == null) {
                    throw new BundleException(source + ": entry " + e.getKey() + " listed in the manifest is missing");
                }
                if (!sha256(data).equals(e.getValue())) {
                    throw new BundleException(source + ": checksum mismatch in " + e.getKey() + " (file is corrupt or was modified)");
                }
            }
            PipelineConfig pipeline = PipelineConfig.fromJson(text(entries, "pipeline.json", source));
            EncoderConfig encoder = JSON.readValue(require(entries, "encoder.json", source), EncoderConfig.class);
            Vocabulary vocab = Vocabulary.read(new StringReader(text(entries, "vocab.txt", source)), source + "!vocab.txt");
            List<String> labels = JSON.readValue(require(entries, "labels.json", source), new TypeReference<List<String>>() { });
            NetworkConfig netConfig = JSON.readValue(require(entries, "network.json", source), NetworkConfig.class);
            SameDiff sd = SameDiff.fromFlatBuffers(ByteBuffer.wrap(require(entries, "weights.fb", source)), false);
            TextNetwork net = new TextNetwork(netConfig, sd);
            TrainerConfig trainer = entries.containsKey("trainer.json")
                    ? JSON.readValue(entries.get("trainer.json"), TrainerConfig.class) : null;
            List<EpochStats> curves = JSON.readValue(require(entries, "curves.json", source), new TypeReference<List<EpochStats>>() { });
            Map<String, String> prov = JSON.readValue(require(entries, "provenance.json", source), new TypeReference<Map<String, String>>() { });
            Map<String, INDArray> updater = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String n = e.getKey();
                if (n.startsWith("updater/") && n.endsWith(".nd4j")) {
                    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(e.getValue()))) {
                        updater.put(n.substring("updater/".length(), n.length() - ".nd4j".length()), Nd4j.read(in));
                    }
                }
            }
            List<Double> thresholds = entries.containsKey("thresholds.json")
                    ? JSON.readValue(entries.get("thresholds.json"), new TypeReference<List<Double>>() { }) : List.of();
            return new ModelBundle(net, pipeline, encoder, vocab, labels, trainer, curves, prov, updater, thresholds);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BundleException be) {
                throw be;
            }
            throw new BundleException(source + ": invalid model content: " + e.getMessage(), e);
        }
    }

    private static byte[] require(Map<String, byte[]> entries, String name, String source) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new BundleException(source + ": model has no " + name);
        }
        return b;
    }

    private static String text(Map<String, byte[]> entries, String name, String source) {
        return new String(require(entries, name, source), StandardCharsets.UTF_8);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /**
     * The version of the ND4J on the class path, for provenance records (e.g. {@code 1.0.0-M2.1}).
     *
     * <p>ND4J's jars carry no {@code Implementation-Version} in their manifest, so the version comes from the
     * {@code pom.properties} Maven puts in every jar it builds; {@code "unknown"} only when that file is missing
     * too (a repackaged jar). Stateless; thread-safe.
     */
    public static String nd4jVersion() {
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
        } catch (IOException e) {
            // fall through: provenance is best-effort and must not fail a training that is done
        }
        String v = Nd4j.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /**
     * The ND4J backend in use, by its class name: {@code CpuBackend} (nd4j-native) or {@code JCublasBackend}
     * (CUDA). Loads the backend if it is not loaded yet. Thread-safe.
     */
    public static String nd4jBackend() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }
}
