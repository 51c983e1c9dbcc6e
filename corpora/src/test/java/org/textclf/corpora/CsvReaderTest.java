package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.textclf.corpora.TestFiles.concat;
import static org.textclf.corpora.TestFiles.doc;
import static org.textclf.corpora.TestFiles.gzip;
import static org.textclf.corpora.TestFiles.utf8;
import static org.textclf.corpora.TestFiles.write;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private CorpusException error(Path file, ReadOptions options) {
        return assertThrows(CorpusException.class, () -> Corpora.readAll(file, options));
    }

    @Test
    void readsRfc4180QuotingAndMultiLineFields() {
        Path f = write(dir, "r.csv", "label,text\n"
                + "pos,plain\n"
                + "neg,\"with, comma and \"\"quotes\"\"\"\n"
                + "pos,\"two\nlines\"\n"
                + "neg,after\n");
        assertEquals(List.of(
                doc("r.csv:2", "plain", "pos"),
                doc("r.csv:3", "with, comma and \"quotes\"", "neg"),
                doc("r.csv:4", "two\nlines", "pos"),
                doc("r.csv:6", "after", "neg")), Corpora.readAll(f));
    }

    @Test
    void columnOptionsIdColumnAndCrlf() {
        Path f = write(dir, "r.csv.gz", gzip(utf8("review;sentiment;key;extra\r\n"
                + "Loved it;pos;r1;x\r\n"
                + "\"Meh; really\";neg;r2;y\r\n")));
        ReadOptions opts = ReadOptions.builder().textColumn("review").labelColumn("sentiment").idColumn("key")
                .delimiter(';').build();
        assertEquals(List.of(doc("r1", "Loved it", "pos"), doc("r2", "Meh; really", "neg")),
                Corpora.readAll(f, opts));
    }

    @Test
    void unlabelledAndMultiLabelCsv() {
        Path f = write(dir, "u.csv", "text,label\nhello,a|b\n");
        assertEquals(List.of(Document.unlabelled("u.csv:2", "hello")),
                Corpora.readAll(f, ReadOptions.builder().labelColumn(null).build()));
        assertEquals(List.of(doc("u.csv:2", "hello", "a", "b")),
                Corpora.readAll(f, ReadOptions.builder().labelSeparator("|").build()));
    }

    @Test
    void missingColumnNamesTheHeader() {
        Path f = write(dir, "h.csv", "body,label\nx,y\n");
        assertEquals(f + ":1: no text column 'text' in the header [body, label]",
                error(f, ReadOptions.defaults()).getMessage());
    }

    @Test
    void wrongFieldCountIsAnErrorWithTheRecordLine() {
        Path f = write(dir, "w.csv", "label,text\npos,\"multi\nline\"\nneg,too,many\n");
        assertEquals(f + ":4: record has 3 fields but the header has 2", error(f, ReadOptions.defaults()).getMessage());
    }

    @Test
    void emptyLineIsAnErrorUnlessSkipped() {
        Path f = write(dir, "e.csv", "label,text\npos,a\n\nneg,b\n");
        assertEquals(f + ":3: record has 1 field but the header has 2", error(f, ReadOptions.defaults()).getMessage());
        List<Document> docs = Corpora.readAll(f, ReadOptions.builder().skipBlankLines(true).build());
        assertEquals(List.of("a", "b"), docs.stream().map(Document::text).toList());
    }

    @Test
    void emptyLabelIsAnError() {
        Path f = write(dir, "e.csv", "label,text\n,a\n");
        assertEquals(f + ":2: empty label", error(f, ReadOptions.defaults()).getMessage());
    }

    @Test
    void badQuotingIsAnError() {
        Path f = write(dir, "q.csv", "label,text\npos,ok\nneg,\"unterminated\" junk\n");
        CorpusException e = error(f, ReadOptions.defaults());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(f + ":3: malformed CSV: "), e.getMessage());
    }

    @Test
    void duplicateHeaderIsAnError() {
        Path f = write(dir, "d.csv", "text,text,label\na,b,c\n");
        CorpusException e = error(f, ReadOptions.defaults());
        assertTrue(e.getMessage().startsWith(f + ":1: cannot read the CSV header: "), e.getMessage());
    }

    @Test
    void invalidUtf8InsideAQuotedField() {
        Path f = write(dir, "u.csv", concat(utf8("label,text\npos,\"a\nb"), new byte[] {(byte) 0xC0}, utf8("\"\n")));
        assertEquals(f + ":3: invalid UTF-8 at byte 2 of the line (offset 19 of the file): bytes C0",
                error(f, ReadOptions.defaults()).getMessage());
    }
}
