package org.textclf.corpora.read;

import java.io.IOException;
import java.io.InputStream;

import org.textclf.corpora.CorpusException;
import org.textclf.corpora.Document;

/**
 * Reader for the one-document-per-line formats (TSV, fastText, JSON Lines, lines): strict UTF-8, lines split on
 * {@code \n}, blank lines an error unless skipping was asked for. Not thread-safe.
 */
public final class LineDocumentReader extends AbstractDocumentReader {

    private final LineSplitter lines;
    private final String source;
    private final String idPrefix;
    private final LineParser parser;
    private final boolean skipBlankLines;

    /**
     * @param raw            the (possibly gzipped) bytes; closed with this reader
     * @param source         name used in error messages (the path as given)
     * @param idPrefix       prefix of generated ids (the file name), followed by {@code :<line>}
     * @param parser         the format's line parser
     * @param skipBlankLines skip whitespace-only lines instead of failing
     */
    public LineDocumentReader(InputStream raw, String source, String idPrefix, LineParser parser,
                              boolean skipBlankLines) {
        this.source = source;
        this.idPrefix = idPrefix;
        this.parser = parser;
        this.skipBlankLines = skipBlankLines;
        try {
            Inputs.Opened opened = Inputs.maybeGunzip(raw);
            this.lines = new LineSplitter(new StrictUtf8Reader(opened.in(), source, opened.compressed()));
        } catch (IOException e) {
            Inputs.closeQuietly(raw);
            throw new CorpusException(source, 0, "cannot read: " + e, e);
        }
    }

    @Override
    protected Document readNext() {
        while (true) {
            String line;
            try {
                line = lines.next();
            } catch (IOException e) {
                throw new CorpusException(source, lines.lineNumber() + 1, "cannot read: " + e, e);
            }
            if (line == null) {
                return null;
            }
            long lineNo = lines.lineNumber();
            if (line.isBlank()) {
                if (skipBlankLines) {
                    continue;
                }
                throw new CorpusException(source, lineNo, (line.isEmpty() ? "empty line" : "blank line")
                        + " (every line must hold one document; allow skipping blank lines to ignore it)");
            }
            return parser.parse(line, lineNo, idPrefix + ":" + lineNo);
        }
    }

    @Override
    protected void closeResources() {
        try {
            lines.close();
        } catch (IOException e) {
            throw new CorpusException(source, 0, "cannot close: " + e, e);
        }
    }

}
