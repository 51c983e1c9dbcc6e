package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.eval.predictions.Prediction;
import org.textclf.eval.predictions.PredictionReader;
import org.textclf.models.bundle.ModelBundle;
import org.textclf.models.network.Architecture;
import org.textclf.models.network.NetworkConfig;
import org.textclf.models.network.NetworkFactory;
import org.textclf.models.text.TextModelTrainer;
import org.textclf.models.train.TrainerConfig;
import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.EncoderConfig;

/**
 * {@code textclf classify} end to end on a tiny GRU+attention model trained once (1 epoch on the embedded
 * corpus): order and completeness at every thread count, bad inputs, atomic output, and resuming a run
 * killed in a child JVM.
 */
class ClassifyCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  private static Path gru;
  private static Path baseline;
  private static Path corpus;
  private static List<Document> docs;

  @TempDir Path dir;

  @BeforeAll
  static void trainTinyModels() throws IOException {
    docs = DefaultCorpus.documents();
    TextModelTrainer t = new TextModelTrainer(PipelineConfig.defaults(), EncoderConfig.builder().maxLength(48).build(),
        2000, 1,
        (v, l) -> NetworkConfig.builder(Architecture.GRU_ATTENTION, v, l).embeddingDim(8).hiddenSize(8).heads(2)
            .dropout(0).seed(11).build(),
        TrainerConfig.builder().epochs(1).batchSize(32).learningRate(3e-3).seed(11).build());
    ModelBundle b = t.train(docs, null, null).bundle();
    gru = shared.resolve("gru.textclf");
    b.write(gru);
    NetworkConfig base = NetworkConfig.builder(Architecture.BASELINE, b.vocabulary().size(), b.labels().size())
        .embeddingDim(8).bigramBuckets(16).seed(2).build();
    baseline = shared.resolve("baseline.textclf");
    new ModelBundle(NetworkFactory.build(base), b.pipeline(), b.encoder(), b.vocabulary(), b.labels(), null, null,
        Map.of(), Map.of()).write(baseline);
    corpus = shared.resolve("corpus.tsv");
    StringBuilder sb = new StringBuilder();
    for (Document d : docs) {
      sb.append(d.label()).append('\t').append(d.text()).append('\n');
    }
    Files.writeString(corpus, sb.toString(), StandardCharsets.UTF_8);
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static List<String> ids(Path file) throws IOException {
    return lines(file).stream().map(n -> n.get("id").asText()).toList();
  }

  private static void assertNoLeftovers(Path output) throws IOException {
    try (var s = Files.list(output.toAbsolutePath().getParent())) {
      List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(output.getFileName().toString()))
          .filter(n -> !n.equals(output.getFileName().toString())).toList();
      assertEquals(List.of(), names, "temporary files left beside " + output);
    }
  }

  @Test
  void everyDocumentExactlyOnceInInputOrderAndTheSameBytesAtEveryThreadCount() throws IOException {
    // Two inputs of different formats; a batch size that does not divide the corpus, so chunks cross files.
    Path jsonl = dir.resolve("more.jsonl");
    Files.writeString(jsonl, "{\"id\": \"j1\", \"text\": \"rain all day\", \"label\": \"weather\"}\n"
        + "{\"id\": \"j2\", \"text\": \"<b>new GPU</b> benchmark\", \"label\": \"tech\"}\n", StandardCharsets.UTF_8);
    List<String> expectedIds = new ArrayList<>();
    for (int i = 1; i <= docs.size(); i++) {
      expectedIds.add("corpus.tsv:" + i);
    }
    expectedIds.add("j1");
    expectedIds.add("j2");
    byte[] first = null;
    for (int threads : new int[] {1, 2, 4}) {
      Path out = dir.resolve("out-" + threads + ".jsonl");
      CliRunner.Result r = CliRunner.run("classify", "--model", gru.toString(), "--input", corpus.toString(),
          jsonl.toString(), "--output", out.toString(), "--threads", Integer.toString(threads), "--batch-size", "7");
      assertEquals(0, r.exitCode(), r.err());
      assertEquals(expectedIds, ids(out), "threads " + threads);
      byte[] bytes = Files.readAllBytes(out);
      if (first == null) {
        first = bytes;
      } else {
        assertArrayEquals(first, bytes, "output at " + threads + " threads differs from 1 thread");
      }
      assertNoLeftovers(out);
      assertTrue(r.err().contains("362 documents classified, 0 failed"), r.err());
    }
    // The eval module reads it back: gold, label, scores over all four labels summing to 1.
    List<Prediction> ps = PredictionReader.readAll(dir.resolve("out-1.jsonl"));
    assertEquals(362, ps.size());
    for (int i = 0; i < docs.size(); i++) {
      Prediction p = ps.get(i);
      assertEquals(docs.get(i).label(), p.goldLabel());
      assertEquals(DefaultCorpus.labels(), List.copyOf(p.scores().keySet()));
      double sum = p.scores().values().stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(1.0, sum, 1e-5);
      String best = p.scores().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      assertEquals(best, p.label());
    }
    CliRunner.Result m = CliRunner.run("metrics", "--input", dir.resolve("out-1.jsonl").toString());
    assertEquals(0, m.exitCode(), m.err());
    assertTrue(m.out().contains("accuracy"), m.out());
  }

  @Test
  void readsStandardInputAndWritesStandardOutput() throws IOException {
    CliRunner.Result r = CliRunner.runWithStdin("tech\tthe new phone has a fast chip\nfood\tpasta with basil\n",
        "classify", "--model", gru.toString(), "--input", "-", "--output", "-", "--quiet");
    assertEquals(0, r.exitCode(), r.err());
    List<String> out = r.out().lines().toList();
    assertEquals(2, out.size(), r.out());
    assertEquals("<stdin>:1", JSON.readTree(out.get(0)).get("id").asText());
    assertEquals("food", JSON.readTree(out.get(1)).get("gold").asText());
    assertFalse(r.err().contains("textclf classify"), "--quiet: " + r.err());
  }

  @Test
  void unlabelledInputHasNoGoldAndTopKListsTheBestLabels() throws IOException {
    Path in = dir.resolve("in.txt");
    Files.writeString(in, "sunny and warm\nthe match ended late\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("out.jsonl");
    CliRunner.Result r = CliRunner.run("classify", "-m", gru.toString(), "-i", in.toString(), "-o", out.toString(),
        "--top-k", "3", "-q");
    assertEquals(0, r.exitCode(), r.err());
    for (JsonNode n : lines(out)) {
      assertNull(n.get("gold"));
      assertEquals(3, n.get("top").size());
      assertEquals(n.get("label").asText(), n.get("top").get(0).asText());
      double prev = 2;
      for (JsonNode l : n.get("top")) {
        double s = n.get("scores").get(l.asText()).asDouble();
        assertTrue(s <= prev);
        prev = s;
      }
    }
  }

  @Test
  void attentionIsAlignedToTheCleanedTokens() throws IOException {
    Path in = dir.resolve("in.tsv");
    Files.writeString(in, "tech\t<p>The SERVER crashed</p> qqqunknownqqq!\nfood\t\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("att.jsonl");
    CliRunner.Result r = CliRunner.run("classify", "-m", gru.toString(), "-i", in.toString(), "-o", out.toString(),
        "--attention", "-q");
    assertEquals(0, r.exitCode(), r.err());
    List<JsonNode> ls = lines(out);
    JsonNode att = ls.get(0).get("attention");
    List<String> tokens = TextPipeline.defaults().tokens("<p>The SERVER crashed</p> qqqunknownqqq!");
    assertEquals(List.of("the", "server", "crashed", "qqqunknownqqq"), tokens);
    assertEquals(tokens.size(), att.size());
    double sum = 0;
    for (int i = 0; i < tokens.size(); i++) {
      assertEquals(tokens.get(i), att.get(i).get("token").asText());
      assertEquals(i, att.get(i).get("position").asInt());
      sum += att.get(i).get("weight").asDouble();
    }
    assertTrue(att.get(3).get("oov").asBoolean());
    assertNull(att.get(0).get("oov"));
    assertEquals(1.0, sum, 1e-5);
    assertEquals(0, ls.get(1).get("attention").size(), "an empty document has no tokens to weigh");
    // Still a predictions file for the eval module.
    assertEquals(2, PredictionReader.readAll(out).size());
  }

  @Test
  void optionsThatDoNotFitTheModelAreUsageErrors() {
    CliRunner.Result base = CliRunner.run("classify", "-m", baseline.toString(), "-i", corpus.toString(), "-o",
        dir.resolve("x.jsonl").toString(), "--attention");
    assertEquals(2, base.exitCode());
    assertTrue(base.err().contains("is a baseline model, which has no attention weights"), base.err());
    CliRunner.Result thr = CliRunner.run("classify", "-m", gru.toString(), "-i", corpus.toString(), "-o", "-",
        "--threshold", "0.3");
    assertEquals(2, thr.exitCode());
    assertTrue(thr.err().contains("--threshold applies to multi-label models; " + gru + " is single-label"), thr.err());
    CliRunner.Result both = CliRunner.run("classify", "-m", gru.toString(), "-o", "-", "--threshold", "0.3", "--top-k", "2");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("--top-k and --threshold exclude each other"), both.err());
    CliRunner.Result resumeStdout = CliRunner.run("classify", "-m", gru.toString(), "-o", "-", "--resume");
    assertEquals(2, resumeStdout.exitCode());
    assertTrue(resumeStdout.err().contains("--resume needs --output to be a file"), resumeStdout.err());
    CliRunner.Result threads = CliRunner.run("classify", "-m", gru.toString(), "-o", "-", "--threads", "0");
    assertEquals(2, threads.exitCode());
    assertTrue(threads.err().contains("--threads must be >= 1, was 0"), threads.err());
    assertFalse(Files.exists(dir.resolve("x.jsonl")));
  }

  @Test
  void severalModelsClassifyAsTheirEnsembleTheSameWayEvalDoes() throws IOException {
    Path single = dir.resolve("gru.jsonl");
    Path bag = dir.resolve("bag.jsonl");
    assertEquals(0, CliRunner.run("classify", "-m", gru.toString(), "-i", corpus.toString(), "-o", single.toString(),
        "-q", "--batch-size", "7").exitCode());
    assertEquals(0, CliRunner.run("classify", "-m", baseline.toString(), "-i", corpus.toString(), "-o", bag.toString(),
        "-q", "--batch-size", "7").exitCode());
    byte[] first = null;
    for (int threads : new int[] {1, 3}) {
      Path out = dir.resolve("ens-" + threads + ".jsonl");
      CliRunner.Result r = CliRunner.run("classify", "-m", gru.toString(), "-m", baseline.toString(), "--weights", "3,1",
          "-i", corpus.toString(), "-o", out.toString(), "--batch-size", "7", "--top-k", "2",
          "--threads", Integer.toString(threads));
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.err().contains("360 documents classified, 0 failed"), r.err());
      byte[] bytes = Files.readAllBytes(out);
      if (first != null) {
        assertArrayEquals(first, bytes, "ensemble output at " + threads + " threads differs from 1 thread");
      }
      first = bytes;
    }
    // Each line: 0.75 x the GRU's scores + 0.25 x the baseline's (same batches, so the members' own outputs),
    // and "top" the two best of them.
    List<JsonNode> a = lines(single);
    List<JsonNode> b = lines(bag);
    List<JsonNode> e = lines(dir.resolve("ens-1.jsonl"));
    assertEquals(docs.size(), e.size());
    for (int i = 0; i < e.size(); i++) {
      assertEquals(a.get(i).get("id"), e.get(i).get("id"));
      String best = null;
      for (String label : DefaultCorpus.labels()) {
        float expected = (float) (0.75 * (float) a.get(i).get("scores").get(label).asDouble()
            + 0.25 * (float) b.get(i).get("scores").get(label).asDouble());
        float got = (float) e.get(i).get("scores").get(label).asDouble();
        assertEquals(expected, got, 0f, "line " + (i + 1) + ", " + label);
        best = best == null || got > (float) e.get(i).get("scores").get(best).asDouble() ? label : best;
      }
      assertEquals(best, e.get(i).get("label").asText(), "line " + (i + 1));
      assertEquals(best, e.get(i).get("top").get(0).asText(), "line " + (i + 1));
    }

    CliRunner.Result att = CliRunner.run("classify", "-m", gru.toString(), "-m", baseline.toString(), "-i",
        corpus.toString(), "-o", "-", "--attention");
    assertEquals(2, att.exitCode(), att.err());
    assertTrue(att.err().contains("--attention takes one --model"), att.err());
    CliRunner.Result w = CliRunner.run("classify", "-m", gru.toString(), "-m", baseline.toString(), "-o", "-",
        "--weights", "1,2,3");
    assertEquals(2, w.exitCode(), w.err());
    assertTrue(w.err().contains("--weights has 3 value(s) for 2 --model(s)"), w.err());
  }

  @Test
  void baselineClassifiesWithoutAttention() throws IOException {
    Path out = dir.resolve("b.jsonl");
    CliRunner.Result r = CliRunner.run("classify", "-m", baseline.toString(), "-o", out.toString(), "-q");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(docs.size(), ids(out).size(), "no --input: the embedded corpus");
  }

  @Test
  void missingInputFailsBeforeAnyWorkAndLeavesNothing() throws IOException {
    Path out = dir.resolve("out.jsonl");
    Path missing = dir.resolve("nope.tsv");
    CliRunner.Result r = CliRunner.run("classify", "-m", gru.toString(), "-i", corpus.toString(), missing.toString(),
        "-o", out.toString());
    assertEquals(1, r.exitCode());
    assertEquals("textclf classify: error: " + missing + ": input not found\n", r.err());
    assertFalse(Files.exists(out));
    assertNoLeftovers(out);
    CliRunner.Result fmt = CliRunner.run("classify", "-m", gru.toString(), "-i", gru.toString(), "-o", out.toString());
    assertEquals(1, fmt.exitCode());
    assertTrue(fmt.err().contains("cannot infer the corpus format of 'gru.textclf'"), fmt.err());
  }

  @Test
  void aBadModelFailsAndLeavesAnEarlierOutputUntouched() throws IOException {
    Path out = dir.resolve("out.jsonl");
    Files.writeString(out, "earlier good output\n");
    Path bad = dir.resolve("bad.textclf");
    Files.write(bad, new byte[] {'P', 'K', 3, 4, 0, 0});
    CliRunner.Result r = CliRunner.run("classify", "-m", bad.toString(), "-i", corpus.toString(), "-o", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith("textclf classify: error: " + bad + ": not a textclf model"), r.err());
    assertEquals("earlier good output\n", Files.readString(out));
    assertNoLeftovers(out);
    CliRunner.Result none = CliRunner.run("classify", "-m", dir.resolve("none.textclf").toString(), "-o", out.toString());
    assertEquals(1, none.exitCode());
    assertTrue(none.err().contains("none.textclf: model file not found"), none.err());
  }

  @Test
  void malformedRowsAreReportedCountedAndTheRestIsClassified() throws IOException {
    Path in = dir.resolve("bad.tsv");
    Files.writeString(in, "food\tpizza night\nno tab on this line\nsports\tgoal!\n\ntech\tnew laptop\n",
        StandardCharsets.UTF_8);
    Path out = dir.resolve("out.jsonl");
    CliRunner.Result r = CliRunner.run("classify", "-m", gru.toString(), "-i", in.toString(), "-o", out.toString(),
        "--batch-size", "2");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("textclf classify: document " + in + ":2 failed: " + in + ":2: "), r.err());
    assertTrue(r.err().contains("textclf classify: document " + in + ":4 failed: " + in + ":4: empty line"), r.err());
    assertTrue(r.err().contains("3 documents classified, 2 failed"), r.err());
    assertTrue(r.err().contains("2 document(s) failed (see above); exit code 1"), r.err());
    assertEquals(List.of("bad.tsv:1", "bad.tsv:3", "bad.tsv:5"), ids(out), "the good rows, in order");
    assertNoLeftovers(out);

    CliRunner.Result skip = CliRunner.run("classify", "-m", gru.toString(), "-i", in.toString(), "-o", out.toString(),
        "--skip-errors");
    assertEquals(0, skip.exitCode(), skip.err());
    assertTrue(skip.err().contains("3 documents classified, 2 failed"), skip.err());
  }

  @Test
  void invalidUtf8StopsThatFileWithANoteAndOtherInputsGoOn() throws IOException {
    Path in = dir.resolve("utf.tsv");
    byte[] good = "food\tsoup\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'t', 'e', 'c', 'h', '\t', (byte) 0xC3, '(', '\n'};
    byte[] after = "tech\tnot reached\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[good.length + bad.length + after.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    System.arraycopy(after, 0, all, good.length + bad.length, after.length);
    Files.write(in, all);
    Path second = dir.resolve("second.tsv");
    Files.writeString(second, "sports\tgame on\n");
    Path out = dir.resolve("out.jsonl");
    CliRunner.Result r = CliRunner.run("classify", "-m", gru.toString(), "-i", in.toString(), second.toString(),
        "-o", out.toString(), "--skip-errors");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("document " + in + ":2 failed: " + in + ":2: invalid UTF-8"), r.err());
    assertTrue(r.err().contains("note: the rest of " + in + " was not read"), r.err());
    assertEquals(List.of("utf.tsv:1", "second.tsv:1"), ids(out));
  }

  @Test
  void unreadableFilesInADirectoryAreReportedByNameAndTheOthersClassified() throws IOException {
    Path root = dir.resolve("corpus");
    Files.createDirectories(root.resolve("food"));
    Files.createDirectories(root.resolve("tech"));
    Files.writeString(root.resolve("food/a.txt"), "fresh bread");
    Files.createSymbolicLink(root.resolve("food/b.txt"), root.resolve("food/gone.txt")); // dangling: cannot be opened
    Files.write(root.resolve("tech/c.txt"), new byte[] {(byte) 0xFF, 'x'});
    Files.writeString(root.resolve("tech/d.txt"), "");
    Path out = dir.resolve("out.jsonl");
    CliRunner.Result r = CliRunner.run("classify", "-m", gru.toString(), "-i", root.toString(), "-o", out.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("document " + root.resolve("food/b.txt") + " failed: " + root.resolve("food/b.txt")
        + ": cannot read"), r.err());
    assertTrue(r.err().contains("document " + root.resolve("tech/c.txt") + ":1 failed: "), r.err());
    assertEquals(List.of("food/a.txt", "tech/d.txt"), ids(out), "the readable files, the empty one included");
    assertEquals("tech", lines(out).get(1).get("gold").asText());
  }

  @Test
  void emptyAndTenMegabyteDocumentsAreClassified() throws IOException {
    StringBuilder big = new StringBuilder(10 << 20);
    Random rnd = new Random(42);
    String[] words = {"rain", "goal", "pasta", "<b>chip</b>", "the", "&amp;", "server", "snow"};
    while (big.length() < (10 << 20)) {
      big.append(words[rnd.nextInt(words.length)]).append(' ');
    }
    Path in = dir.resolve("big.jsonl");
    Files.writeString(in, "{\"id\": \"empty\", \"text\": \"\"}\n{\"id\": \"spaces\", \"text\": \"   \"}\n"
        + "{\"id\": \"big\", \"text\": \"" + big + "\"}\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("out.jsonl");
    CliRunner.Result r = CliRunner.run("classify", "-m", gru.toString(), "-i", in.toString(), "-o", out.toString(),
        "-q");
    assertEquals(0, r.exitCode(), r.err());
    List<JsonNode> ls = lines(out);
    assertEquals(List.of("empty", "spaces", "big"), ls.stream().map(n -> n.get("id").asText()).toList());
    // Empty documents pool to zero: both get the same (bias-only) scores.
    assertEquals(ls.get(0).get("scores"), ls.get(1).get("scores"));
  }

  /**
   * A run killed by SIGTERM (child JVM) keeps a resumable partial output and no target; --resume completes it
   * to exactly the bytes of an uninterrupted run. Then the same after SIGKILL, where no shutdown hook runs.
   */
  @Test
  void resumeAfterAKilledRunGivesExactlyTheUninterruptedOutput() throws Exception {
    Path big = dir.resolve("big.tsv");
    StringBuilder sb = new StringBuilder();
    for (int rep = 0; rep < 20; rep++) {
      for (Document d : docs) {
        sb.append(d.label()).append('\t').append(d.text()).append('\n');
      }
    }
    Files.writeString(big, sb.toString(), StandardCharsets.UTF_8);
    int total = 20 * docs.size();
    Path reference = dir.resolve("reference.jsonl");
    CliRunner.Result ref = CliRunner.run("classify", "-m", gru.toString(), "-i", big.toString(), "-o",
        reference.toString(), "--batch-size", "16", "-q", "--threads", "2");
    assertEquals(0, ref.exitCode(), ref.err());
    assertEquals(total, Files.readAllLines(reference).size());

    for (boolean forcibly : new boolean[] {false, true}) {
      Path out = dir.resolve("killed-" + forcibly + ".jsonl");
      Path meta = PartialOutput.metaOf(out.toAbsolutePath());
      Path errLog = dir.resolve("child-" + forcibly + ".err");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), TextclfCli.class.getName(), "classify", "-m", gru.toString(),
          "-i", big.toString(), "-o", out.toString(), "--batch-size", "16", "--threads", "2");
      pb.environment().put("OMP_NUM_THREADS", "1");
      pb.redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errLog.toFile());
      Process child = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      long items = 0;
      while (child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
        items = Files.isRegularFile(meta) ? JSON.readTree(Files.readString(meta)).path("items").asLong() : 0;
        if (items > 0) {
          break;
        }
      }
      assertTrue(child.isAlive(), "the child finished before it could be killed: " + Files.readString(errLog));
      if (forcibly) {
        child.destroyForcibly();
      } else {
        child.destroy();
      }
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
      assertNotEquals(0, child.exitValue());
      assertFalse(Files.exists(out), "no output under the target name after a kill");
      assertTrue(Files.isRegularFile(PartialOutput.partialOf(out.toAbsolutePath())));
      long kept = JSON.readTree(Files.readString(meta)).path("items").asLong();
      assertTrue(kept > 0 && kept < total, "checkpoint at " + kept + " of " + total);
      if (!forcibly) {
        String childErr = Files.readString(errLog);
        assertTrue(childErr.contains("run the same command with --resume to continue"), childErr);
        // The same file name with other content is refused, and the partial output is left as it was.
        byte[] original = Files.readAllBytes(big);
        byte[] partialBefore = Files.readAllBytes(PartialOutput.partialOf(out.toAbsolutePath()));
        Files.writeString(big, "food\tchanged first row\n" + sb.substring(sb.indexOf("\n") + 1), StandardCharsets.UTF_8);
        CliRunner.Result changed = CliRunner.run("classify", "-m", gru.toString(), "-i", big.toString(), "-o",
            out.toString(), "--batch-size", "16", "--threads", "2", "--resume");
        assertEquals(1, changed.exitCode(), changed.err());
        assertTrue(changed.err().contains("input documents are not the ones the interrupted run read (the input changed)"),
            changed.err());
        assertArrayEquals(partialBefore, Files.readAllBytes(PartialOutput.partialOf(out.toAbsolutePath())));
        Files.write(big, original);
      }

      CliRunner.Result resumed = CliRunner.run("classify", "-m", gru.toString(), "-i", big.toString(), "-o",
          out.toString(), "--batch-size", "16", "--threads", "2", "--resume");
      assertEquals(0, resumed.exitCode(), resumed.err());
      assertTrue(resumed.err().contains(String.format(java.util.Locale.ROOT, "%,d", total) + " documents classified, 0 failed (including the interrupted run's)"),
          resumed.err());
      assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out), "resumed output differs (kill "
          + (forcibly ? "-9" : "TERM") + " at " + kept + ")");
      assertNoLeftovers(out);
    }
  }

  @Test
  void resumeRefusesADifferentRun() throws IOException {
    Path out = dir.resolve("out.jsonl");
    Path partial = PartialOutput.partialOf(out.toAbsolutePath());
    // An interrupted run's state, as a checkpoint of 0 items with another batch size.
    PartialOutput p = PartialOutput.create(out, Map.of("batch-size", "99"));
    p.close();
    CliRunner.Result r = CliRunner.run("classify", "-m", gru.toString(), "-i", corpus.toString(), "-o", out.toString(),
        "--resume");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("cannot resume " + partial + ": the interrupted run differs: attention was null, now false;"
        + " batch-size was 99, now 32"), r.err());
    assertTrue(Files.exists(partial), "a partial output that cannot be resumed is left alone");
  }
}
