package org.textclf.corpora;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One raw document: an id, its text exactly as read (markup, case and punctuation untouched), and zero or more labels.
 *
 * <p>Ids come from the format: the {@code id} field of JSON Lines, {@code <label>/<file name>} for a directory corpus,
 * or {@code <file name>:<line>} for the line formats (TSV, fastText, lines, and CSV without an id column).
 * An empty label list means the document is unlabelled.
 *
 * <p>Labels are validated here so that every reader enforces the same rules: no label may be empty, start or end
 * with whitespace, contain a line break or TAB, or occur twice in one document. Order of labels is preserved.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id     document id, never null
 * @param text   raw text, never null (may be empty)
 * @param labels immutable list of labels, empty for an unlabelled document
 */
public record Document(String id, String text, List<String> labels) {

    /** Validates and copies the labels into an immutable list. */
    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(labels, "labels (use an empty list for an unlabelled document)");
        labels = List.copyOf(labels);
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            String problem = labelProblem(label);
            if (problem != null) {
                throw new IllegalArgumentException("document " + id + ": " + problem);
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("document " + id + ": label '" + label + "' occurs twice");
            }
        }
    }

    /** A document with exactly one label. */
    public static Document labelled(String id, String text, String label) {
        return new Document(id, text, List.of(label));
    }

    /** A document without labels. */
    public static Document unlabelled(String id, String text) {
        return new Document(id, text, List.of());
    }

    /**
     * The single label of a single-label document.
     *
     * @throws IllegalStateException when the document has no label or more than one
     */
    public String label() {
        if (labels.size() != 1) {
            throw new IllegalStateException("document " + id + " has " + labels.size()
                    + " labels " + labels + " but exactly one was expected");
        }
        return labels.get(0);
    }

    /** Whether the document has at least one label. */
    public boolean isLabelled() {
        return !labels.isEmpty();
    }

    /**
     * Why {@code label} is not acceptable as a label, or {@code null} when it is fine. Readers call this to turn a bad
     * label into an error that names the file and line.
     */
    public static String labelProblem(String label) {
        if (label == null) {
            return "label is null";
        }
        if (label.isEmpty()) {
            return "label is empty";
        }
        if (Character.isWhitespace(label.codePointAt(0))
                || Character.isWhitespace(label.codePointBefore(label.length()))) {
            return "label '" + label + "' starts or ends with whitespace";
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                return "label '" + label.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
                        + "' contains a TAB or line break";
            }
        }
        return null;
    }
}
