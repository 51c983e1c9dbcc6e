package org.textclf.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.textclf.corpora.Corpora;
import org.textclf.corpora.CorpusFormat;
import org.textclf.corpora.DefaultCorpus;
import org.textclf.corpora.Document;
import org.textclf.corpora.DocumentReader;
import org.textclf.corpora.ReadOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where documents come from, shared by every verb that reads a corpus: one or more paths (files or
 * directories), {@code -} for standard input, or, when none is given, the embedded default corpus.
 */
final class InputOptions {

  @Option(
      names = {"-i", "--input"},
      paramLabel = "PATH",
      arity = "1..*",
      description = {
        "Corpus file(s) or directory, or - for standard input (repeatable).",
        "Default: the embedded default corpus, so every verb runs with no data."
      })
  List<Path> inputs = new ArrayList<>();

  // The same format and column options as the verbs that name corpora by role (--train/--test).
  @Mixin CorpusFormatOptions formatOptions = new CorpusFormatOptions();

  ReadOptions readOptions() {
    return formatOptions.readOptions();
  }

  boolean usesDefaultCorpus() {
    return inputs.isEmpty();
  }

  /** A human-readable name of the input, for logs and provenance. */
  String describe() {
    return inputs.isEmpty() ? "embedded default corpus" : inputs.toString();
  }

  /**
   * Opens all inputs as one lazy document stream, in the order given. Each path is opened only when
   * the previous one is exhausted, so a long list of inputs holds one file handle at a time.
   */
  DocumentReader open() {
    if (inputs.isEmpty()) {
      return new ConcatReader(List.of(() -> new IteratorReader(DefaultCorpus.documents().iterator())));
    }
    ReadOptions options = readOptions();
    List<java.util.function.Supplier<DocumentReader>> parts = new ArrayList<>();
    for (Path p : inputs) {
      if (p.toString().equals("-")) {
        parts.add(() -> Corpora.open(System.in, "<stdin>", stdinOptions(options)));
      } else {
        parts.add(() -> Corpora.open(p, options));
      }
    }
    return new ConcatReader(parts);
  }

  private ReadOptions stdinOptions(ReadOptions options) {
    // Standard input has no name to infer a format from; TSV (label<TAB>text) is the project's native format.
    return options.format() != null ? options : options.toBuilder().format(CorpusFormat.TSV).build();
  }

  /** Reads every document into memory: for training sets, which must be shuffled and re-read per epoch anyway. */
  List<Document> readAll() {
    try (DocumentReader r = open()) {
      List<Document> docs = new ArrayList<>();
      r.forEachRemaining(docs::add);
      return docs;
    }
  }

  private static final class ConcatReader implements DocumentReader {
    private final Iterator<java.util.function.Supplier<DocumentReader>> parts;
    private DocumentReader current;

    ConcatReader(List<java.util.function.Supplier<DocumentReader>> parts) {
      this.parts = parts.iterator();
    }

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (current != null) {
          current.close();
          current = null;
        }
        if (!parts.hasNext()) {
          return false;
        }
        current = parts.next().get();
      }
      return true;
    }

    @Override
    public Document next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }

    @Override
    public Stream<Document> stream() {
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
          .onClose(this::close);
    }

    @Override
    public void close() {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }
}
