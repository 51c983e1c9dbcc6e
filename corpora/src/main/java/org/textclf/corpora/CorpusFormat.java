package org.textclf.corpora;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The on-disk corpus formats. See the module README for the exact rules of each.
 *
 * <ul>
 *   <li>{@link #TSV}: {@code label<TAB>text}, one document per line; extensions {@code .tsv}, {@code .tab}</li>
 *   <li>{@link #CSV}: RFC 4180 with a header row; extension {@code .csv}</li>
 *   <li>{@link #JSONL}: one JSON object per line with {@code text}, {@code label} or {@code labels}, optional
 *       {@code id}; extensions {@code .jsonl}, {@code .ndjson}</li>
 *   <li>{@link #FASTTEXT}: {@code __label__a __label__b text}; extensions {@code .ft}, {@code .fasttext}</li>
 *   <li>{@link #DIR}: a directory with one sub-folder per label and one file per document</li>
 *   <li>{@link #LINES}: unlabelled, one document per line; extensions {@code .txt}, {@code .lines}</li>
 * </ul>
 * A trailing {@code .gz} is looked through when inferring ({@code train.tsv.gz} is TSV).
 */
public enum CorpusFormat {
    TSV, CSV, JSONL, FASTTEXT, DIR, LINES;

    /**
     * The format of {@code path}: {@link #DIR} for a directory, otherwise from the file name's extension.
     *
     * @throws IllegalArgumentException when the extension is unknown
     */
    public static CorpusFormat infer(Path path) {
        if (Files.isDirectory(path)) {
            return DIR;
        }
        Path name = path.getFileName();
        return inferFromName(name == null ? path.toString() : name.toString());
    }

    /**
     * The format for a file name (no file system access): the extension, looking through a trailing {@code .gz}.
     *
     * @throws IllegalArgumentException when the extension is unknown
     */
    public static CorpusFormat inferFromName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            lower = lower.substring(0, lower.length() - 3);
        }
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot + 1);
        switch (ext) {
            case "tsv":
            case "tab":
                return TSV;
            case "csv":
                return CSV;
            case "jsonl":
            case "ndjson":
                return JSONL;
            case "ft":
            case "fasttext":
                return FASTTEXT;
            case "txt":
            case "lines":
                return LINES;
            default:
                throw new IllegalArgumentException("cannot infer the corpus format of '" + fileName
                        + "' from its extension" + (ext.isEmpty() ? "" : " '." + ext + "'")
                        + ": give the format explicitly (one of " + names() + ")");
        }
    }

    /**
     * The format with this name, case-insensitive ({@code "tsv"}, {@code "FastText"}, ...).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static CorpusFormat parse(String name) {
        if (name != null) {
            for (CorpusFormat f : values()) {
                if (f.name().equalsIgnoreCase(name.trim())) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown corpus format '" + name + "': expected one of " + names());
    }

    /** The lower-case name used on the command line and in configs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String names() {
        return Arrays.stream(values()).map(CorpusFormat::id).collect(Collectors.joining(", "));
    }
}
