package org.textclf.cli;

import org.textclf.preprocess.PipelineConfig;
import org.textclf.preprocess.TextPipeline;
import picocli.CommandLine.Option;

/** The text pipeline options shared by every verb that turns raw text into tokens. */
final class PipelineOptions {

  @Option(
      names = "--tokenizer",
      paramLabel = "NAME",
      defaultValue = "default",
      description = {
        "default (split the cleaned text on spaces), corenlp (Stanford PTB tokenizer),",
        "lucene-standard, lucene-english or lucene-dutch (Lucene analyzers: stemming and stop words as Lucene does them).",
        "Default: ${DEFAULT-VALUE}."
      })
  String tokenizer;

  @Option(names = "--keep-markup", description = "Do not strip HTML/XML markup or decode entities.")
  boolean keepMarkup;

  @Option(names = "--keep-case", description = "Do not lowercase.")
  boolean keepCase;

  @Option(names = "--keep-punctuation", description = "Keep punctuation, symbols and emoji.")
  boolean keepPunctuation;

  PipelineConfig config() {
    return build().config();
  }

  TextPipeline build() {
    TextPipeline.Builder b = TextPipeline.builder().tokenizer(tokenizer);
    if (keepMarkup) {
      b.stripMarkup(false);
    }
    if (keepCase) {
      b.lowercase(false);
    }
    // Only when asked: CoreNLP and the Lucene analyzers split punctuation themselves, so the builder
    // switches punctuation removal off for them by default, and an unconditional call would undo that.
    if (keepPunctuation) {
      b.removePunctuation(false);
    }
    return b.build();
  }
}
