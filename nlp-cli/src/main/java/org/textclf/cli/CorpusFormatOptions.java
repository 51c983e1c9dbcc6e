package org.textclf.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.textclf.corpora.Corpora;
import org.textclf.corpora.CorpusFormat;
import org.textclf.corpora.Document;
import org.textclf.corpora.DocumentReader;
import org.textclf.corpora.ReadOptions;
import picocli.CommandLine.Option;

/**
 * How to read labelled corpus files, for verbs that name their corpora by role ({@code --train}, {@code --valid},
 * {@code --test}) rather than with {@code --input}. The same settings apply to every corpus of the command.
 * Picocli fills the fields; not thread-safe.
 */
final class CorpusFormatOptions {

    @Option(names = "--format", paramLabel = "F",
            description = "tsv, csv, jsonl, fasttext, dir or lines. Default: inferred from each file name (.gz is looked through).")
    String format;

    @Option(names = "--text-column", paramLabel = "NAME", description = "csv: the text column (default: text).")
    String textColumn;

    @Option(names = "--label-column", paramLabel = "NAME", description = "csv: the label column (default: label).")
    String labelColumn;

    @Option(names = "--id-column", paramLabel = "NAME", description = "csv: an id column (default: none; ids are file:line).")
    String idColumn;

    @Option(names = "--label-separator", paramLabel = "SEP",
            description = "tsv/csv: separator of several labels in the label column (multi-label).")
    String labelSeparator;

    ReadOptions readOptions() {
        ReadOptions.Builder b = ReadOptions.builder();
        if (format != null) {
            b.format(CorpusFormat.parse(format));
        }
        if (textColumn != null) {
            b.textColumn(textColumn);
        }
        if (labelColumn != null) {
            b.labelColumn(labelColumn);
        }
        if (idColumn != null) {
            b.idColumn(idColumn);
        }
        if (labelSeparator != null) {
            b.labelSeparator(labelSeparator);
        }
        return b.build();
    }

    /** A lazy reader over one corpus file or directory. */
    DocumentReader open(Path path) {
        return Corpora.open(path, readOptions());
    }

    /** Every document of the given paths, in order (training data is shuffled per epoch, so it lives in memory). */
    List<Document> readAll(List<Path> paths) {
        ReadOptions options = readOptions();
        List<Document> docs = new ArrayList<>();
        for (Path p : paths) {
            try (DocumentReader r = Corpora.open(p, options)) {
                r.forEachRemaining(docs::add);
            }
        }
        return docs;
    }
}
