package org.textclf.corpora;

import java.util.List;
import java.util.Objects;

/**
 * How to read a corpus. Immutable and thread-safe; build with {@link #builder()} (defaults via {@link #defaults()}).
 *
 * @param format         the format, or {@code null} to infer it from the file name ({@link CorpusFormat#infer})
 * @param textColumn     CSV: header name of the text column (default {@code text})
 * @param labelColumn    CSV: header name of the label column (default {@code label}); {@code null} reads the CSV as
 *                       unlabelled
 * @param idColumn       CSV: header name of the id column, or {@code null} (default) for ids {@code <file>:<line>}
 * @param labelSeparator TSV and CSV: separator of several labels in the label column (multi-label), or {@code null}
 *                       (default) when the label column holds exactly one label verbatim
 * @param delimiter      CSV: field delimiter (default {@code ,})
 * @param skipBlankLines line formats: skip lines that are empty or only whitespace instead of failing (default
 *                       {@code false}; line numbers in ids and errors still count the skipped lines)
 * @param dirLabels      DIR: the label sub-folders to read, or empty (default) for every non-hidden sub-folder
 * @param fastTextPrefix FASTTEXT: label prefix (default {@code __label__})
 */
public record ReadOptions(CorpusFormat format, String textColumn, String labelColumn, String idColumn,
                          String labelSeparator, char delimiter, boolean skipBlankLines, List<String> dirLabels,
                          String fastTextPrefix) {

    private static final ReadOptions DEFAULTS = builder().build();

    /** Validates every field; see {@link Builder} for the rules. */
    public ReadOptions {
        requireName(textColumn, "textColumn");
        if (labelColumn != null) {
            requireName(labelColumn, "labelColumn");
        }
        if (idColumn != null) {
            requireName(idColumn, "idColumn");
        }
        if (labelSeparator != null && labelSeparator.isEmpty()) {
            throw new IllegalArgumentException("labelSeparator must be null (single label) or non-empty, was ''");
        }
        if (labelSeparator != null && (labelSeparator.contains("\n") || labelSeparator.contains("\t"))) {
            throw new IllegalArgumentException("labelSeparator must not contain TAB or a line break");
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter must not be a quote or line break, was U+"
                    + String.format(java.util.Locale.ROOT, "%04X", (int) delimiter));
        }
        dirLabels = List.copyOf(Objects.requireNonNull(dirLabels, "dirLabels"));
        Objects.requireNonNull(fastTextPrefix, "fastTextPrefix");
        if (fastTextPrefix.isEmpty() || fastTextPrefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("fastTextPrefix must be non-empty without whitespace, was '"
                    + fastTextPrefix + "'");
        }
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-blank column name, was "
                    + (value == null ? "null" : "'" + value + "'"));
        }
    }

    /** All defaults: infer the format, CSV columns {@code text}/{@code label}, single labels, strict blank lines. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** Defaults with the given format. */
    public static ReadOptions of(CorpusFormat format) {
        return builder().format(format).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.format = format;
        b.textColumn = textColumn;
        b.labelColumn = labelColumn;
        b.idColumn = idColumn;
        b.labelSeparator = labelSeparator;
        b.delimiter = delimiter;
        b.skipBlankLines = skipBlankLines;
        b.dirLabels = dirLabels;
        b.fastTextPrefix = fastTextPrefix;
        return b;
    }

    /** Builder for {@link ReadOptions}; not thread-safe. {@link #build()} fails fast on invalid values. */
    public static final class Builder {
        private CorpusFormat format;
        private String textColumn = "text";
        private String labelColumn = "label";
        private String idColumn;
        private String labelSeparator;
        private char delimiter = ',';
        private boolean skipBlankLines;
        private List<String> dirLabels = List.of();
        private String fastTextPrefix = "__label__";

        private Builder() {
        }

        /** The format, or {@code null} to infer it from the name. */
        public Builder format(CorpusFormat format) {
            this.format = format;
            return this;
        }

        /** CSV text column name. */
        public Builder textColumn(String textColumn) {
            this.textColumn = textColumn;
            return this;
        }

        /** CSV label column name, or {@code null} for an unlabelled CSV. */
        public Builder labelColumn(String labelColumn) {
            this.labelColumn = labelColumn;
            return this;
        }

        /** CSV id column name, or {@code null} for {@code <file>:<line>} ids. */
        public Builder idColumn(String idColumn) {
            this.idColumn = idColumn;
            return this;
        }

        /** Multi-label separator inside the TSV/CSV label column, or {@code null} for single labels. */
        public Builder labelSeparator(String labelSeparator) {
            this.labelSeparator = labelSeparator;
            return this;
        }

        /** CSV delimiter. */
        public Builder delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        /** Skip blank lines in line formats instead of failing. */
        public Builder skipBlankLines(boolean skipBlankLines) {
            this.skipBlankLines = skipBlankLines;
            return this;
        }

        /** DIR: only these label sub-folders (empty = all). */
        public Builder dirLabels(List<String> dirLabels) {
            this.dirLabels = dirLabels;
            return this;
        }

        /** fastText label prefix. */
        public Builder fastTextPrefix(String fastTextPrefix) {
            this.fastTextPrefix = fastTextPrefix;
            return this;
        }

        /** The validated options. */
        public ReadOptions build() {
            return new ReadOptions(format, textColumn, labelColumn, idColumn, labelSeparator, delimiter,
                    skipBlankLines, dirLabels, fastTextPrefix);
        }
    }
}
