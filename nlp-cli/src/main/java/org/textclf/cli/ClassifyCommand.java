package org.textclf.cli;

import org.textclf.models.Threads;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import org.textclf.corpora.CorpusFormat;
import org.textclf.corpora.Document;
import org.textclf.corpora.ReadOptions;
import org.textclf.eval.predictions.Prediction;
import org.textclf.eval.predictions.PredictionWriter;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.text.Classifier;
import org.textclf.models.text.Ensemble;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code textclf classify}: a trained model over a whole corpus, streaming, in parallel, predictions in input
 * order as JSON Lines (the format {@code textclf metrics} reads).
 *
 * <p>Data flow: one reader thread pulls documents from the inputs and cuts them into chunks of
 * {@code --batch-size}; {@code --threads} workers each tokenize, encode and classify a chunk as one network
 * batch (on their own copy of the network, see {@link Classifier}) and render its JSON lines; one writer
 * thread writes chunks in input order. Queues between the stages are bounded ({@link OrderedParallel}), so
 * memory does not grow with the corpus. Chunks are cut by input position, never by timing, so every
 * document runs in the same batch whatever {@code --threads} is, and the output is byte-identical at any
 * thread count.
 *
 * <p>Nothing lost: a file output is written as {@code FILE.partial} with checkpoints in
 * {@code FILE.partial.json} ({@link PartialOutput}) and moved into place when complete; SIGINT/SIGTERM
 * stop the run at a chunk boundary and keep the partial output for {@code --resume}. A document that cannot
 * be read or classified is reported on standard error with its id and counted. Several {@code --model}s
 * classify as their {@link Ensemble}.
 *
 * <p>One instance per invocation; not thread-safe.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Classify every document of one or more corpora with a trained model. Predictions are written in input order"
          + " as JSON Lines: {\"id\", \"gold\" (labelled input), \"label\" (\"labels\" for multi-label), \"scores\":"
          + " {label: probability}}, the format `textclf metrics` reads.",
      "--top-k adds \"top\" (the k best labels); --attention adds \"attention\": [{\"token\", \"position\","
          + " \"weight\"}, ...] (\"oov\": true for tokens the model does not know), where token is the cleaned token and"
          + " position its index among the document's tokens. Character offsets in the original text are not given:"
          + " cleaning (markup stripping, entity decoding, punctuation removal) does not keep them.",
      "Several --model options classify with their ensemble: the (--weights) weighted mean of the models'"
          + " probabilities, each model reading the text through its own pipeline (no --attention).",
      "Example: ./textclf classify --model imdb.textclf --input reviews.tsv.gz --output predictions.jsonl"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every document classified",
      "1:a document failed (the output still holds every other one, in order) unless --skip-errors;"
          + " or bad data, a bad model or an I/O error (no output written)",
      "2:bad usage (also: --threshold with a single-label model, --attention with the baseline or several models)"
    })
public final class ClassifyCommand implements Callable<Integer> {

  private static final JsonFactory JSON = new JsonFactory();
  /** Checkpoints at most this often: each one syncs the partial file. */
  private static final long CHECKPOINT_NANOS = TimeUnit.SECONDS.toNanos(1);

  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @Mixin InputOptions input;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Predictions file (JSON Lines; appears only when complete), or - for standard output.")
  String output;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores, ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--batch-size", paramLabel = "B", defaultValue = "32", description = "Documents per network call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--top-k", paramLabel = "K", description = "Single-label: also list the K best labels (\"top\"). Multi-label: predict the K best labels.")
  Integer topK;

  @Option(names = "--threshold", paramLabel = "T", description = "Multi-label: predict every label with score >= T (default: 0.5).")
  Double threshold;

  @Option(names = "--attention", description = "Add per-token attention weights (GRU+attention and Transformer models).")
  boolean attention;

  @Option(names = {"-q", "--quiet"}, description = "No progress and no summary on standard error (failures are still reported).")
  boolean quiet;

  @Option(names = "--skip-errors", description = "Exit 0 even if some documents failed (they are still reported and counted).")
  boolean skipErrors;

  @Option(names = "--resume", description = "Continue the partial output of an interrupted run with the same model, inputs and options.")
  boolean resume;

  private final AtomicBoolean stopRequested = new AtomicBoolean();

  @Override
  public Integer call() throws IOException {
    PrintStream err = System.err;
    String usage = usageProblem();
    if (usage != null) {
      return usageError(usage);
    }
    checkInputs();
    List<Path> models = model.models;
    for (Path file : models) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + ": model file not found");
      }
    }
    // Workers are the parallelism; ND4J's native loops run single-threaded in every worker, whatever
    // --threads is. A native team of another size splits sums (GEMM, reductions) differently, and a GRU's
    // scores then differ in the last float digits (measured: 18,529 of 50,000 IMDB lines, up to 2e-7, when
    // --threads 1 ran 2 native threads and --threads 2 ran 1 each). One native thread keeps the output
    // byte-identical at any --threads, and N workers x 1 thread does not oversubscribe the cores.
    Threads.set(1);
    List<Classifier> members = new ArrayList<>(models.size());
    for (Path file : models) {
      members.add(Classifier.of(ModelBundle.read(file), threads, batchSize));
    }
    Classifier classifier = members.size() == 1 ? members.get(0) : null;
    Ensemble ensemble;
    try {
      ensemble = Ensemble.of(members, model.weights());
    } catch (IllegalArgumentException e) {
      throw model.refused(e);
    }
    String what = classifier != null ? models.get(0) + " is" : "the models are";
    if (threshold != null && !ensemble.multiLabel()) {
      return usageError("--threshold applies to multi-label models; " + what + " single-label (use --top-k)");
    }
    if (attention && classifier == null) {
      return usageError("--attention takes one --model: an ensemble has no attention weights of its own");
    }
    if (attention && !classifier.hasAttention()) {
      return usageError("--attention: " + models.get(0) + " is a baseline model, which has no attention weights"
          + " (use a GRU+attention or Transformer model)");
    }
    if (topK != null) {
      if (topK > ensemble.labels().size()) {
        return usageError("--top-k is " + topK + " but the model has only " + ensemble.labels().size() + " labels");
      }
      ensemble = ensemble.withDecision(Classifier.Decision.topK(topK));
    } else if (threshold != null) {
      ensemble = ensemble.withDecision(Classifier.Decision.threshold(threshold));
    }
    if (classifier != null) {
      classifier = classifier.withDecision(ensemble.decision());
    }
    Renderer renderer = new Renderer(classifier, ensemble, attention, !ensemble.multiLabel() && topK != null);

    boolean toStdout = output.equals("-");
    PartialOutput partial = null;
    OutputStream out;
    Map<String, String> fingerprint = fingerprint(ensemble);
    if (toStdout) {
      out = new BufferedOutputStream(System.out, 1 << 16);
    } else {
      Path target = Path.of(output);
      if (resume && PartialOutput.exists(target)) {
        try {
          partial = PartialOutput.resume(target, fingerprint);
        } catch (PartialOutput.ResumeException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      } else {
        if (resume && !quiet) {
          err.println("textclf classify: no partial output of an interrupted run for " + output + ": starting from the beginning");
        } else if (PartialOutput.exists(target) && !quiet) {
          err.println("textclf classify: replacing the partial output of an earlier run (" + PartialOutput.partialOf(target)
              + "); use --resume to continue one instead");
        }
        partial = PartialOutput.create(target, fingerprint);
      }
      out = partial.stream();
    }
    return run(renderer, partial, out, err);
  }

  private int run(Renderer renderer, PartialOutput partial, OutputStream out, PrintStream err) {
    PartialOutput.Checkpoint from = partial == null ? PartialOutput.Checkpoint.START : partial.resumedFrom();
    Writer writer = new Writer(out, partial, from, err);
    Progress progress = quiet ? Progress.NONE : Progress.start(from.items(), input.inputs, input.readOptions());
    writer.progress = progress;
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = null;
    if (partial != null) {
      hook = new Thread(() -> {
        stopRequested.set(true);
        try {
          // Let the run end at a chunk boundary and record its checkpoint before the JVM goes.
          finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "textclf-classify-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    }
    boolean completed = false;
    long started = System.nanoTime();
    try (InputItems items = new InputItems(input.inputs, input.readOptions())) {
      if (from.items() > 0) {
        try {
          writer.skip(items, from);
        } catch (RuntimeException e) {
          writer.skipFailed = true;
          partial.close(); // untouched: its checkpoint still describes it
          throw e;
        }
      }
      OrderedParallel<Chunk, Rendered> pipeline =
          new OrderedParallel<>(threads, 2 * threads + 2, "textclf-classify");
      completed = pipeline.run(chunks(items, batchSize), renderer::render, writer::write, stopRequested::get);
      if (completed) {
        out.flush();
        if (partial != null) {
          partial.commit();
        }
      } else if (partial != null) {
        writer.checkpoint();
        partial.close();
        err.println("textclf classify: interrupted after " + writer.items + " input documents; the "
            + writer.lines + " predictions so far are kept in " + partial.partialFile()
            + "; run the same command with --resume to continue");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (partial != null && !writer.skipFailed) {
        keepOrDiscard(partial, writer, err);
      }
      throw e;
    } finally {
      progress.close();
      finished.countDown();
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running and waits for `finished`, released above.
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!quiet) {
      err.printf(Locale.ROOT, "textclf classify: %,d documents classified, %,d failed%s in %.1f s (%.1f docs/s)%s%n",
          writer.lines, writer.failed, from.items() > 0 ? " (including the interrupted run's)" : "", seconds,
          (writer.lines + writer.failed - from.lines() - from.failed()) / Math.max(seconds, 1e-9),
          partial != null && completed ? " -> " + partial.target() : "");
    }
    if (!completed) {
      return TextclfCli.EXIT_FAILURE;
    }
    if (writer.failed > 0 && !skipErrors) {
      err.println("textclf classify: " + writer.failed + " document(s) failed (see above); exit code 1"
          + " (--skip-errors to accept)");
      return TextclfCli.EXIT_FAILURE;
    }
    return CommandLine.ExitCode.OK;
  }

  /** After a fatal error: keep a resumable partial output if it holds anything, else leave nothing behind. */
  private void keepOrDiscard(PartialOutput partial, Writer writer, PrintStream err) {
    try {
      if (writer.lines > 0) {
        writer.checkpoint();
        partial.close();
        err.println("textclf classify: the " + writer.lines + " predictions written before the error are kept in "
            + partial.partialFile() + " (--resume continues them)");
      } else {
        partial.discard();
      }
    } catch (RuntimeException suppressed) {
      // The last checkpoint that did succeed still describes a prefix of the file: keep both as they are.
      try {
        partial.close();
      } catch (RuntimeException ignored) {
        // Nothing more can be done; the error being reported is the one that matters.
      }
    }
  }

  private String usageProblem() {
    if (threads < 1) {
      return "--threads must be >= 1, was " + threads;
    }
    if (batchSize < 1) {
      return "--batch-size must be >= 1, was " + batchSize;
    }
    if (topK != null && threshold != null) {
      return "--top-k and --threshold exclude each other";
    }
    if (topK != null && topK < 1) {
      return "--top-k must be >= 1, was " + topK;
    }
    if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
      return "--threshold must be in [0, 1], was " + threshold;
    }
    if (!output.equals("-") && Files.isDirectory(Path.of(output))) {
      return "--output " + output + " is a directory; give a file name";
    }
    if (model.problem() != null) {
      return model.problem();
    }
    if (resume && output.equals("-")) {
      return "--resume needs --output to be a file, not standard output";
    }
    long stdin = input.inputs.stream().filter(p -> p.toString().equals("-")).count();
    if (stdin > 1) {
      return "standard input (-) can be given only once";
    }
    return null;
  }

  private int usageError(String message) {
    System.err.println("textclf classify: " + message);
    System.err.println("Try 'textclf classify --help' for more information.");
    return TextclfCli.EXIT_USAGE;
  }

  /** Missing inputs, unreadable inputs and unknown formats fail before any work, naming the path. */
  private void checkInputs() {
    for (Path p : input.inputs) {
      if (p.toString().equals("-")) {
        continue;
      }
      if (!Files.exists(p)) {
        throw new IllegalArgumentException(p + ": input not found");
      }
      if (!Files.isReadable(p)) {
        throw new IllegalArgumentException(p + ": input is not readable (permission denied)");
      }
      if (input.formatOptions.format == null && !Files.isDirectory(p)) {
        CorpusFormat.infer(p);
      }
    }
  }

  /** What must be equal for --resume to continue a partial output. */
  private Map<String, String> fingerprint(Ensemble ensemble) throws IOException {
    Map<String, String> f = new LinkedHashMap<>();
    List<Path> models = model.models;
    if (models.size() == 1) {
      f.put("model.sha256", sha256(models.get(0)));
    } else {
      List<String> digests = new ArrayList<>();
      for (Path m : models) {
        digests.add(sha256(m));
      }
      f.put("models.sha256", String.join("\n", digests));
      f.put("weights", java.util.Arrays.toString(ensemble.weights()));
    }
    List<String> in = new ArrayList<>();
    for (Path p : input.inputs) {
      in.add(p.toString().equals("-") ? "-" : p.toAbsolutePath().normalize().toString());
    }
    f.put("inputs", in.isEmpty() ? "embedded default corpus" : String.join("\n", in));
    ReadOptions o = input.readOptions();
    f.put("read-options", String.valueOf(o));
    f.put("batch-size", Integer.toString(batchSize));
    f.put("decision", ensemble.decision().toString() + (topK != null ? " (--top-k)" : ""));
    f.put("attention", Boolean.toString(attention));
    return f;
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  /** Consecutive input items, cut by position so that chunks are the same at every thread count. */
  record Chunk(long first, List<InputItems.Item> items) {}

  private static Iterator<Chunk> chunks(Iterator<InputItems.Item> items, int size) {
    return new Iterator<>() {
      private long position;

      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public Chunk next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        List<InputItems.Item> list = new ArrayList<>(size);
        while (list.size() < size && items.hasNext()) {
          list.add(items.next());
        }
        Chunk c = new Chunk(position, list);
        position += list.size();
        return c;
      }
    };
  }

  /**
   * A rendered chunk: its prediction lines and, per item, null (written) or the failure to report.
   *
   * @param chunk    the input
   * @param bytes    UTF-8 JSON lines of the chunk's classified documents, in order
   * @param lines    how many
   * @param problems per item: null when written, else the reason it was not
   */
  record Rendered(Chunk chunk, byte[] bytes, int lines, String[] problems) {}

  /**
   * Worker side: tokenize, classify one batch, render JSON lines. Stateless apart from the shared model: one
   * classifier (tokens first, so a document that cannot be tokenized is named as such; attention when asked) or,
   * when {@code classifier} is null, the ensemble (each member tokenizes for itself).
   */
  static final class Renderer {
    private final Classifier classifier;
    private final Ensemble ensemble;
    private final boolean attention;
    private final boolean top;

    Renderer(Classifier classifier, Ensemble ensemble, boolean attention, boolean top) {
      this.classifier = classifier;
      this.ensemble = ensemble;
      this.attention = attention;
      this.top = top;
    }

    private List<Classifier.Result> classify(List<List<String>> tokens, List<String> texts) {
      return classifier != null ? classifier.classifyTokens(tokens, attention) : ensemble.predictBatch(texts);
    }

    Rendered render(Chunk chunk) {
      List<InputItems.Item> items = chunk.items();
      String[] problems = new String[items.size()];
      List<Integer> ok = new ArrayList<>(items.size());
      List<List<String>> tokens = new ArrayList<>(items.size());
      List<String> texts = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        InputItems.Item item = items.get(i);
        if (!item.isDocument()) {
          problems[i] = item.problem();
          continue;
        }
        Document d = item.document();
        if (!ensemble.multiLabel() && d.labels().size() > 1) {
          problems[i] = "has " + d.labels().size() + " gold labels " + d.labels() + " but the model is single-label";
          continue;
        }
        if (classifier == null) {
          texts.add(d.text());
          ok.add(i);
          continue;
        }
        try {
          tokens.add(classifier.tokens(d.text()));
          ok.add(i);
        } catch (RuntimeException e) {
          problems[i] = "cannot tokenize: " + e;
        }
      }
      List<Classifier.Result> results = new ArrayList<>(ok.size());
      try {
        results.addAll(classify(tokens, texts));
      } catch (RuntimeException batchFailure) {
        // Find the culprit: classify one by one (only on this rare path, so normal batches stay intact).
        results.clear();
        for (int k = 0; k < ok.size(); k++) {
          try {
            results.add(classifier != null ? classify(List.of(tokens.get(k)), List.of()).get(0)
                : classify(List.of(), List.of(texts.get(k))).get(0));
          } catch (RuntimeException e) {
            problems[ok.get(k)] = "cannot classify: " + e;
            results.add(null);
          }
        }
      }
      ByteArrayOutputStream buf = new ByteArrayOutputStream(256 * Math.max(1, ok.size()));
      int lines = 0;
      try {
        for (int k = 0; k < ok.size(); k++) {
          Classifier.Result r = results.get(k);
          if (r == null) {
            continue;
          }
          writeLine(buf, items.get(ok.get(k)).document(), r);
          lines++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Rendered(chunk, buf.toByteArray(), lines, problems);
    }

    private void writeLine(ByteArrayOutputStream buf, Document d, Classifier.Result r) throws IOException {
      Map<String, Double> scores = new LinkedHashMap<>();
      List<String> labels = ensemble.labels();
      for (int i = 0; i < labels.size(); i++) {
        // The shortest decimal that reads back as the same float: compact, and exact for the model's output.
        scores.put(labels.get(i), Double.parseDouble(Float.toString(r.scores()[i])));
      }
      List<String> gold = d.isLabelled() ? d.labels() : null;
      Prediction p = ensemble.multiLabel()
          ? Prediction.multi(d.id(), gold, r.labels(), scores)
          : Prediction.single(d.id(), gold == null ? null : gold.get(0), r.label(), scores);
      ByteArrayOutputStream line = new ByteArrayOutputStream(256);
      PredictionWriter w = PredictionWriter.to(line);
      w.write(p);
      w.commit();
      byte[] bytes = line.toByteArray();
      if (!top && !attention) {
        buf.write(bytes);
        return;
      }
      // Extra fields go after the standard ones, before the closing brace: readers ignore unknown fields.
      buf.write(bytes, 0, bytes.length - 2);
      JsonGenerator g = JSON.createGenerator(buf);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      if (top) {
        g.writeRaw(",\"top\":");
        g.writeStartArray();
        for (String l : r.labels()) {
          g.writeString(l);
        }
        g.writeEndArray();
      }
      if (attention) {
        g.writeRaw(",\"attention\":");
        g.writeStartArray();
        for (Classifier.TokenWeight t : r.attention()) {
          g.writeStartObject();
          g.writeStringField("token", t.token());
          g.writeNumberField("position", t.position());
          g.writeNumberField("weight", Double.parseDouble(Float.toString(t.weight())));
          if (!t.known()) {
            g.writeBooleanField("oov", true);
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.close();
      buf.write('}');
      buf.write('\n');
    }
  }

  /** Writer side (one thread): output in order, failure reports, counts, progress, checkpoints, input digest. */
  final class Writer {
    private final OutputStream out;
    private final PartialOutput partial;
    private final PrintStream err;
    private final MessageDigest inputDigest = digest();
    private final byte[] sep = {0};
    long items;
    long lines;
    long failed;
    /** Length of the output holding exactly the lines written, for checkpoints (a failed write may leave more). */
    long bytes;
    boolean skipFailed;
    private long lastCheckpoint = System.nanoTime();
    Progress progress = Progress.NONE;

    Writer(OutputStream out, PartialOutput partial, PartialOutput.Checkpoint from, PrintStream err) {
      this.out = out;
      this.partial = partial;
      this.err = err;
      this.lines = from.lines();
      this.failed = from.failed();
      this.bytes = from.bytes();
    }

    /** Reads past the items an interrupted run consumed, checking they are the same input. */
    void skip(Iterator<InputItems.Item> source, PartialOutput.Checkpoint from) {
      long n = 0;
      while (n < from.items() && source.hasNext()) {
        digestItem(source.next());
        n++;
      }
      String now = HexFormat.of().formatHex(cloneDigest().digest());
      if (n < from.items() || !now.equals(from.inputSha256())) {
        throw new IllegalStateException("cannot resume " + partial.partialFile() + ": the first " + from.items()
            + " input documents are not the ones the interrupted run read (the input changed)");
      }
      items = n;
    }

    void write(Rendered r) {
      List<InputItems.Item> chunkItems = r.chunk().items();
      try {
        out.write(r.bytes());
        bytes += r.bytes().length;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
      }
      for (int i = 0; i < chunkItems.size(); i++) {
        InputItems.Item item = chunkItems.get(i);
        digestItem(item);
        String problem = r.problems()[i];
        if (problem != null) {
          boolean counted = item.isDocument() || item.counted();
          if (counted) {
            failed++;
            err.println("textclf classify: document " + item.id() + " failed: " + problem);
          } else {
            err.println("textclf classify: note: " + problem);
          }
        }
      }
      items += chunkItems.size();
      lines += r.lines();
      progress.step(chunkItems.size());
      if (partial != null && System.nanoTime() - lastCheckpoint >= CHECKPOINT_NANOS) {
        checkpoint();
      }
    }

    void checkpoint() {
      partial.checkpoint(new PartialOutput.Checkpoint(items, lines, failed, bytes,
          HexFormat.of().formatHex(cloneDigest().digest())));
      lastCheckpoint = System.nanoTime();
    }

    private void digestItem(InputItems.Item item) {
      inputDigest.update(item.id().getBytes(StandardCharsets.UTF_8));
      inputDigest.update(sep);
      if (item.isDocument()) {
        inputDigest.update(item.document().text().getBytes(StandardCharsets.UTF_8));
        inputDigest.update(sep);
        inputDigest.update(String.join("\t", item.document().labels()).getBytes(StandardCharsets.UTF_8));
      }
      inputDigest.update(sep);
    }

    private MessageDigest cloneDigest() {
      try {
        return (MessageDigest) inputDigest.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("SHA-256 digests of this JVM cannot be cloned", e);
      }
    }
  }
}
