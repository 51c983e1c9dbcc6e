package org.textclf.corpora.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import org.textclf.corpora.CorpusException;
import org.textclf.corpora.Document;
import org.textclf.corpora.ReadOptions;

/**
 * CSV (RFC 4180 via commons-csv) with a header row naming the text, label and optional id columns. Quoted fields
 * may span lines; their text is kept verbatim (including the line breaks). Every record must have as many fields as
 * the header. Ids default to {@code <file name>:<line where the record starts>}. Not thread-safe.
 */
public final class CsvDocumentReader extends AbstractDocumentReader {

    private final String source;
    private final String idPrefix;
    private final ReadOptions options;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int headerSize;
    private final int textIndex;
    private final int labelIndex;
    private final int idIndex;

    /**
     * @param raw      the (possibly gzipped) bytes; closed with this reader
     * @param source   name used in error messages
     * @param idPrefix prefix of generated ids (the file name)
     * @param options  column names, delimiter, label separator
     */
    public CsvDocumentReader(InputStream raw, String source, String idPrefix, ReadOptions options) {
        this.source = source;
        this.idPrefix = idPrefix;
        this.options = options;
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(options.delimiter())
                .setHeader()
                .setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setIgnoreEmptyLines(options.skipBlankLines())
                .get();
        try {
            Inputs.Opened opened = Inputs.maybeGunzip(raw);
            this.parser = format.parse(new StrictUtf8Reader(opened.in(), source, opened.compressed()));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            Inputs.closeQuietly(raw);
            throw new CorpusException(source, 1, "cannot read the CSV header: " + e.getMessage(), e);
        }
        Map<String, Integer> header = parser.getHeaderMap();
        if (header == null || header.isEmpty()) {
            closeParser();
            throw new CorpusException(source, 1, "missing CSV header row");
        }
        this.headerSize = parser.getHeaderNames().size();
        this.textIndex = column(header, options.textColumn(), "text");
        this.labelIndex = options.labelColumn() == null ? -1 : column(header, options.labelColumn(), "label");
        this.idIndex = options.idColumn() == null ? -1 : column(header, options.idColumn(), "id");
        this.records = parser.iterator();
    }

    private int column(Map<String, Integer> header, String name, String role) {
        Integer index = header.get(name);
        if (index == null) {
            closeParser();
            throw new CorpusException(source, 1, "no " + role + " column '" + name + "' in the header "
                    + List.copyOf(parser.getHeaderNames()));
        }
        return index;
    }

    @Override
    protected Document readNext() {
        long start = parser.getCurrentLineNumber() + 1;
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new CorpusException(source, start, "malformed CSV: " + e.getMessage(), e);
        }
        if (record.size() != headerSize) {
            throw new CorpusException(source, start, "record has " + record.size()
                    + " field" + (record.size() == 1 ? "" : "s") + " but the header has " + headerSize);
        }
        String id = idPrefix + ":" + start;
        if (idIndex >= 0) {
            id = record.get(idIndex);
            if (id.isEmpty()) {
                throw new CorpusException(source, start, "empty id in column '" + options.idColumn() + "'");
            }
        }
        List<String> labels = labelIndex < 0 ? List.of()
                : LineParsers.labels(record.get(labelIndex), options.labelSeparator(), source, start);
        return new Document(id, record.get(textIndex), labels);
    }

    @Override
    protected void closeResources() {
        closeParser();
    }

    private void closeParser() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new CorpusException(source, 0, "cannot close: " + e, e);
        }
    }

}
