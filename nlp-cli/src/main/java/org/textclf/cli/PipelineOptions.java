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
    return new PipelineConfig(!keepMarkup, !keepCase, !keepPunctuation, true, tokenizer);
  }

  TextPipeline build() {
    return TextPipeline.fromConfig(config());
  }
}
