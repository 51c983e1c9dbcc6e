package org.textclf.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.textclf.corpora.Corpora;
import org.textclf.corpora.DocumentReader;
import org.textclf.preprocess.TextPipeline;
import org.textclf.preprocess.encode.TruncationStats;
import org.textclf.preprocess.vocab.CoverageStats;
import org.textclf.preprocess.vocab.Vocabulary;
import org.textclf.preprocess.vocab.VocabularyBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code textclf vocab}: builds the frozen vocabulary of a training corpus and says how well it covers text. */
@Command(
    name = "vocab",
    mixinStandardHelpOptions = true,
    description = {
      "Build a vocabulary from TRAINING documents: <pad> = 0, <unk> = 1, then tokens by count (ties by code point).",
      "Writes one token per line (line number = id) with a checksum; statistics go to standard error.",
      "Example: ./textclf vocab --input train.tsv.gz --max-size 20000 --min-count 2 --output vocab.txt"
    })
final class VocabCommand implements Callable<Integer> {

  @Mixin InputOptions input;
  @Mixin PipelineOptions pipelineOptions;

  @Option(names = "--max-size", paramLabel = "N", description = "Largest vocabulary, counting <pad> and <unk> (default: no limit).")
  Integer maxSize;

  @Option(names = "--min-count", paramLabel = "K", defaultValue = "1", description = "Drop tokens seen fewer than K times (default: ${DEFAULT-VALUE}).")
  int minCount;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Vocabulary file (written atomically), or - for standard output (default).")
  Path output;

  @Option(names = "--max-length", paramLabel = "L", defaultValue = "256", description = "Report how many documents a model with this input length would truncate (default: ${DEFAULT-VALUE}).")
  int maxLength;

  @Option(names = "--report-on", paramLabel = "PATH", description = "Also report the out-of-vocabulary rate on this corpus (e.g. the test split); it is never used to build the vocabulary.")
  Path reportOn;

  @Override
  public Integer call() {
    if (maxLength < 1) {
      throw new IllegalArgumentException("--max-length must be >= 1, was " + maxLength);
    }
    TextPipeline pipeline = pipelineOptions.build();
    VocabularyBuilder builder = Vocabulary.builder().minCount(minCount);
    if (maxSize != null) {
      builder.maxSize(maxSize);
    }
    // One pass: the builder keeps the counts, so training-set coverage needs no second read (stdin cannot be re-read).
    int[] lengths = new int[1024];
    int n = 0;
    try (DocumentReader docs = input.open()) {
      while (docs.hasNext()) {
        List<String> tokens = pipeline.tokens(docs.next().text());
        builder.add(tokens);
        if (n == lengths.length) {
          lengths = Arrays.copyOf(lengths, n * 2);
        }
        lengths[n++] = tokens.size();
      }
    }
    Vocabulary vocab = builder.build();

    if (output == null || output.toString().equals("-")) {
      try (AtomicOutput out = AtomicOutput.open(null)) {
        vocab.write(out.writer());
        out.commit();
      }
    } else {
      vocab.write(output);
    }

    long known = 0;
    for (String token : vocab.tokens()) {
      known += builder.count(token);
    }
    long unknownTokens = builder.tokens() - known;
    int realEntries = vocab.size() - 2;
    System.err.printf(Locale.ROOT, "vocab: %,d documents, %,d tokens, %,d types -> %,d entries (%s)%n",
        builder.documents(), builder.tokens(), builder.types(), vocab.size(), builder);
    System.err.printf(Locale.ROOT, "vocab: training text out of vocabulary: %.2f%% of tokens, %.2f%% of types%n",
        percent(unknownTokens, builder.tokens()), percent(builder.types() - realEntries, builder.types()));
    TruncationStats truncation = TruncationStats.of(maxLength, Arrays.copyOf(lengths, n));
    System.err.println("vocab: " + truncation);
    if (reportOn != null) {
      CoverageStats coverage;
      try (DocumentReader docs = Corpora.open(reportOn, input.readOptions().toBuilder().format(null).build())) {
        Iterable<List<String>> tokenised = () -> docs.stream().map(d -> pipeline.tokens(d.text())).iterator();
        coverage = vocab.coverage(tokenised);
      }
      System.err.println("vocab: on " + reportOn + ": " + coverage);
    }
    System.err.println("vocab: checksum sha256=" + vocab.checksum());
    return 0;
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0.0 : 100.0 * part / whole;
  }
}
