package org.textclf.corpora;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.textclf.corpora.read.CsvDocumentReader;
import org.textclf.corpora.read.DirDocumentReader;
import org.textclf.corpora.read.JsonlLineParser;
import org.textclf.corpora.read.LineDocumentReader;
import org.textclf.corpora.read.LineParser;
import org.textclf.corpora.read.LineParsers;

/**
 * Front door for reading corpora: pick the format (given or inferred from the name), open a streaming
 * {@link DocumentReader}. Gzip is detected from the content, so {@code train.tsv.gz} and gzipped stdin both work.
 *
 * <pre>{@code
 * try (DocumentReader reader = Corpora.open(Path.of("train.tsv.gz"))) {
 *     reader.stream().forEach(doc -> System.out.println(doc.label() + " " + doc.text().length()));
 * }
 * List<Document> small = Corpora.readAll(Path.of("reviews.csv"),
 *         ReadOptions.builder().textColumn("review").labelColumn("sentiment").build());
 * }</pre>
 *
 * Stateless and thread-safe; the readers it returns are not.
 */
public final class Corpora {

    private Corpora() {
    }

    /** Opens {@code path} with the format inferred from its name (a directory is {@link CorpusFormat#DIR}). */
    public static DocumentReader open(Path path) {
        return open(path, ReadOptions.defaults());
    }

    /**
     * Opens {@code path}; {@code options.format()} or, when null, the format inferred from the name.
     *
     * @throws CorpusException          when the file cannot be opened or its header is bad
     * @throws IllegalArgumentException when no format is given and none can be inferred
     */
    public static DocumentReader open(Path path, ReadOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        CorpusFormat format = options.format() != null ? options.format() : CorpusFormat.infer(path);
        String source = path.toString();
        if (format == CorpusFormat.DIR) {
            return new DirDocumentReader(path, options);
        }
        if (Files.isDirectory(path)) {
            throw new CorpusException(source, 0, "is a directory but the format is " + format.id()
                    + " (use the dir format for one folder per label)");
        }
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new CorpusException(source, 0, "no such file", e);
        } catch (IOException e) {
            throw new CorpusException(source, 0, "cannot open: " + e, e);
        }
        Path name = path.getFileName();
        return open(in, source, name == null ? source : name.toString(), format, options);
    }

    /**
     * Reads documents from a stream such as stdin. The format is {@code options.format()} or inferred from
     * {@code sourceName}; {@link CorpusFormat#DIR} is not possible. The stream is closed with the reader.
     *
     * @param sourceName name for ids and error messages (e.g. {@code "-"} or {@code "stdin"})
     */
    public static DocumentReader open(InputStream in, String sourceName, ReadOptions options) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        CorpusFormat format = options.format() != null ? options.format() : CorpusFormat.inferFromName(sourceName);
        if (format == CorpusFormat.DIR) {
            throw new IllegalArgumentException("the dir format needs a directory, not a stream (" + sourceName + ")");
        }
        return open(in, sourceName, sourceName, format, options);
    }

    private static DocumentReader open(InputStream in, String source, String idPrefix, CorpusFormat format,
                                       ReadOptions options) {
        LineParser parser;
        switch (format) {
            case CSV:
                return new CsvDocumentReader(in, source, idPrefix, options);
            case TSV:
                parser = LineParsers.tsv(source, options.labelSeparator());
                break;
            case FASTTEXT:
                parser = LineParsers.fastText(source, options.fastTextPrefix());
                break;
            case JSONL:
                parser = new JsonlLineParser(source);
                break;
            case LINES:
                parser = LineParsers.lines();
                break;
            default:
                throw new IllegalArgumentException("unsupported format for a stream: " + format);
        }
        return new LineDocumentReader(in, source, idPrefix, parser, options.skipBlankLines());
    }

    /** Reads every document of {@code path} into memory (for small corpora and tests). */
    public static List<Document> readAll(Path path, ReadOptions options) {
        try (DocumentReader reader = open(path, options)) {
            List<Document> docs = new ArrayList<>();
            reader.forEachRemaining(docs::add);
            return docs;
        }
    }

    /** Reads every document of {@code path} with default options. */
    public static List<Document> readAll(Path path) {
        return readAll(path, ReadOptions.defaults());
    }
}
