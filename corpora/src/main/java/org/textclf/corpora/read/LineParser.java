package org.textclf.corpora.read;

import org.textclf.corpora.Document;

/** Turns one line of a line-oriented format into a document, or throws {@link org.textclf.corpora.CorpusException}. */
@FunctionalInterface
public interface LineParser {

    /**
     * @param line   the line without its terminator (never blank: blank lines are handled by the caller)
     * @param lineNo 1-based line number
     * @param id     the default id {@code <file name>:<line>}
     */
    Document parse(String line, long lineNo, String id);
}
