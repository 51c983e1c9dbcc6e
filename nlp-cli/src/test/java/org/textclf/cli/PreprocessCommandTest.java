package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessCommandTest {

  @TempDir Path dir;

  @Test
  void labelledTsvGivesLabelTabTokens() throws IOException {
    Path in = dir.resolve("in.tsv");
    Files.writeString(in, "pos\tGreat film!<br />I didn't expect THAT.\nneg\t<p>Bor&eacute;d&hellip; to tears</p>\n",
        StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run("preprocess", "--input", in.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("pos\tgreat film i didnt expect that\nneg\tboréd to tears\n", r.out());
  }

  @Test
  void keepCaseAndPunctuationSwitchOffTheirStages() throws IOException {
    Path in = dir.resolve("in.lines");
    Files.writeString(in, "Hello, World!\n", StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run("preprocess", "-i", in.toString(), "--format", "lines", "--keep-case", "--keep-punctuation");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("Hello, World!\n", r.out());
  }

  @Test
  void corenlpKeepsThePunctuationTokensItSplitsOff() throws IOException {
    Path in = dir.resolve("in.lines");
    Files.writeString(in, "Hello, World!\n", StandardCharsets.UTF_8);
    CliRunner.Result r = CliRunner.run("preprocess", "-i", in.toString(), "--format", "lines", "--tokenizer", "corenlp");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("hello , world !\n", r.out());
  }

  @Test
  void readsStandardInputAsTsv() {
    CliRunner.Result r = CliRunner.runWithStdin("spam\tWIN a prize &amp; more\n", "preprocess", "-i", "-");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("spam\twin a prize more\n", r.out());
  }

  @Test
  void withoutInputRunsOnTheEmbeddedCorpus() {
    CliRunner.Result r = CliRunner.run("preprocess");
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(org.textclf.corpora.DefaultCorpus.documents().size(), lines.size());
    for (String line : lines) {
      assertTrue(line.matches("[a-z]+\t[\\p{L}\\p{M}\\p{N} ]*"), line);
    }
  }

  @Test
  void malformedRowFailsNamingFileAndLineAndLeavesNoOutput() throws IOException {
    Path in = dir.resolve("bad.tsv");
    Files.writeString(in, "pos\tfine\nno tab here\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("out.tsv");
    CliRunner.Result r = CliRunner.run("preprocess", "-i", in.toString(), "-o", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("bad.tsv:2"), r.err());
    assertFalse(Files.exists(out), "a failed run must not leave a partial output");
    try (var files = Files.list(dir)) {
      assertEquals(List.of("bad.tsv"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
    }
  }

  @Test
  void failedRunKeepsAPreviousGoodOutput() throws IOException {
    Path out = dir.resolve("out.tsv");
    Files.writeString(out, "previous\n");
    CliRunner.Result r = CliRunner.run("preprocess", "-i", dir.resolve("missing.tsv").toString(), "-o", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("missing.tsv"), r.err());
    assertEquals("previous\n", Files.readString(out));
  }

  @Test
  void unknownOptionIsUsageError() {
    CliRunner.Result r = CliRunner.run("preprocess", "--no-such-option");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("Unknown option"), r.err());
  }

  @Test
  void unknownTokenizerIsAnErrorNamingTheChoices() {
    CliRunner.Result r = CliRunner.run("preprocess", "--tokenizer", "nltk");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("nltk"), r.err());
  }

  @Test
  void everyVerbHasHelp() {
    for (String verb : List.of("preprocess", "vocab", "metrics")) {
      CliRunner.Result r = CliRunner.run(verb, "--help");
      assertEquals(0, r.exitCode(), verb);
      assertTrue(r.out().contains("Usage: textclf " + verb), r.out());
    }
  }
}
