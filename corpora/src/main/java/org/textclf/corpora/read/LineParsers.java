package org.textclf.corpora.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.textclf.corpora.CorpusException;
import org.textclf.corpora.Document;

/** The line parsers of the TSV, fastText and lines formats, and the label-column rules shared with CSV. */
public final class LineParsers {

    private LineParsers() {
    }

    /**
     * TSV: exactly one TAB; the label column before it (split on {@code labelSeparator} when not null), the text
     * after it verbatim (may be empty).
     */
    public static LineParser tsv(String source, String labelSeparator) {
        return (line, lineNo, id) -> {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new CorpusException(source, lineNo, "expected label<TAB>text but the line has no TAB");
            }
            int extra = line.indexOf('\t', tab + 1);
            if (extra >= 0) {
                long tabs = line.chars().filter(c -> c == '\t').count();
                throw new CorpusException(source, lineNo, "expected label<TAB>text but the line has " + tabs
                        + " TABs (a TAB inside the text must be replaced, e.g. by a space)");
            }
            List<String> labels = labels(line.substring(0, tab), labelSeparator, source, lineNo);
            return new Document(id, line.substring(tab + 1), labels);
        };
    }

    /**
     * fastText: one or more leading {@code <prefix>label} tokens separated by spaces or TABs, then the text. A
     * prefixed token after the first ordinary word is text, not a label.
     */
    public static LineParser fastText(String source, String prefix) {
        return (line, lineNo, id) -> {
            List<String> labels = new ArrayList<>(2);
            int pos = 0;
            int n = line.length();
            while (line.startsWith(prefix, pos)) {
                int end = pos + prefix.length();
                while (end < n && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
                    end++;
                }
                String label = line.substring(pos + prefix.length(), end);
                if (label.isEmpty()) {
                    throw new CorpusException(source, lineNo, "'" + prefix + "' without a label name");
                }
                checkLabel(label, source, lineNo);
                if (labels.contains(label)) {
                    throw new CorpusException(source, lineNo, "label '" + label + "' occurs twice");
                }
                labels.add(label);
                pos = end;
                while (pos < n && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                    pos++;
                }
            }
            if (labels.isEmpty()) {
                throw new CorpusException(source, lineNo, "expected the line to start with '" + prefix
                        + "<label>' (use the lines format for unlabelled text)");
            }
            return new Document(id, line.substring(pos), labels);
        };
    }

    /** Unlabelled lines: the whole line is the text. */
    public static LineParser lines() {
        return (line, lineNo, id) -> Document.unlabelled(id, line);
    }

    /**
     * Splits a label column into labels and validates them (non-empty, no surrounding whitespace, no duplicates).
     *
     * @param separator multi-label separator, or {@code null} for a single label taken verbatim
     */
    public static List<String> labels(String field, String separator, String source, long lineNo) {
        if (field.isEmpty()) {
            throw new CorpusException(source, lineNo, "empty label");
        }
        if (separator == null) {
            checkLabel(field, source, lineNo);
            return List.of(field);
        }
        List<String> labels = new ArrayList<>(2);
        Set<String> seen = new HashSet<>();
        int start = 0;
        while (true) {
            int end = field.indexOf(separator, start);
            String label = field.substring(start, end < 0 ? field.length() : end);
            if (label.isEmpty()) {
                throw new CorpusException(source, lineNo, "empty label in '" + field + "' (separator '"
                        + separator + "')");
            }
            checkLabel(label, source, lineNo);
            if (!seen.add(label)) {
                throw new CorpusException(source, lineNo, "label '" + label + "' occurs twice");
            }
            labels.add(label);
            if (end < 0) {
                return labels;
            }
            start = end + separator.length();
        }
    }

    static void checkLabel(String label, String source, long lineNo) {
        String problem = Document.labelProblem(label);
        if (problem != null) {
            throw new CorpusException(source, lineNo, problem);
        }
    }
}
