package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.preprocess.vocab.Vocabulary;

class VocabCommandTest {

  @TempDir Path dir;

  @Test
  void buildsFrozenVocabularyOrderedByCountThenCodePoint() throws IOException {
    Path in = dir.resolve("train.tsv");
    Files.writeString(in, "a\tthe cat sat\nb\tthe dog sat\nb\tThe END\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("vocab.txt");
    CliRunner.Result r = CliRunner.run("vocab", "-i", in.toString(), "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    Vocabulary v = Vocabulary.read(out);
    assertEquals(List.of("<pad>", "<unk>", "the", "sat", "cat", "dog", "end"), v.tokens());
    assertTrue(r.err().contains("3 documents, 8 tokens, 5 types -> 7 entries"), r.err());
  }

  @Test
  void maxSizeAndMinCountLimitTheVocabularyAndReportOov() throws IOException {
    Path in = dir.resolve("train.tsv");
    Files.writeString(in, "a\tthe cat sat\nb\tthe dog sat\nb\tthe end\n", StandardCharsets.UTF_8);
    Path test = dir.resolve("test.tsv");
    Files.writeString(test, "a\tthe bird sat down\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("vocab.txt");
    CliRunner.Result r = CliRunner.run("vocab", "-i", in.toString(), "--min-count", "2", "--max-size", "3",
        "--report-on", test.toString(), "-o", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of("<pad>", "<unk>", "the"), Vocabulary.read(out).tokens());
    // training: 8 tokens, 3 of them "the" -> 5/8 unknown
    assertTrue(r.err().contains("62.50% of tokens"), r.err());
    // held out: "the bird sat down" -> 3 of 4 unknown
    assertTrue(r.err().contains("OOV 75.00%"), r.err());
  }

  @Test
  void invalidMinCountFailsFast() {
    CliRunner.Result r = CliRunner.run("vocab", "--min-count", "0");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("minCount"), r.err());
  }
}
