package org.textclf.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.textclf.corpora.Document;
import org.textclf.corpora.DocumentReader;
import org.textclf.preprocess.TextPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code textclf preprocess}: raw documents in, one line of tokens per document out. */
@Command(
    name = "preprocess",
    mixinStandardHelpOptions = true,
    description = {
      "Clean and tokenize documents: one output line per document, tokens joined by single spaces;",
      "labelled input gives label<TAB>tokens (several labels joined by commas).",
      "Example: ./textclf preprocess --input reviews.tsv.gz --output tokens.tsv"
    })
final class PreprocessCommand implements Callable<Integer> {

  @Mixin InputOptions input;
  @Mixin PipelineOptions pipelineOptions;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Output file (written atomically), or - for standard output (default).")
  Path output;

  @Option(names = "--describe", description = "Print the pipeline's stages to standard error before running.")
  boolean describe;

  @Override
  public Integer call() {
    TextPipeline pipeline = pipelineOptions.build();
    if (describe) {
      System.err.println(pipeline);
    }
    StringBuilder line = new StringBuilder(256);
    try (DocumentReader docs = input.open();
        AtomicOutput out = AtomicOutput.open(output)) {
      while (docs.hasNext()) {
        Document doc = docs.next();
        line.setLength(0);
        if (doc.isLabelled()) {
          line.append(String.join(",", doc.labels())).append('\t');
        }
        line.append(String.join(" ", pipeline.tokens(doc.text())));
        out.println(line.toString());
      }
      out.commit();
    }
    return 0;
  }
}
