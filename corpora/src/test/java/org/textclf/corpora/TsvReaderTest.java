package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.textclf.corpora.TestFiles.concat;
import static org.textclf.corpora.TestFiles.doc;
import static org.textclf.corpora.TestFiles.gzip;
import static org.textclf.corpora.TestFiles.utf8;
import static org.textclf.corpora.TestFiles.write;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvReaderTest {

    @TempDir
    Path dir;

    private CorpusException error(Path file) {
        return error(file, ReadOptions.defaults());
    }

    private CorpusException error(Path file, ReadOptions options) {
        return assertThrows(CorpusException.class, () -> Corpora.readAll(file, options));
    }

    @Test
    void readsLabelTabTextExactly() {
        Path f = write(dir, "train.tsv", "pos\tGreat film!<br />Loved it.\nneg\t  spaces kept  \nSci/Tech\t\n");
        assertEquals(List.of(
                doc("train.tsv:1", "Great film!<br />Loved it.", "pos"),
                doc("train.tsv:2", "  spaces kept  ", "neg"),
                doc("train.tsv:3", "", "Sci/Tech")), Corpora.readAll(f));
    }

    @Test
    void lastLineWithoutNewlineIsADocument() {
        Path f = write(dir, "a.tsv", "x\tone\ny\ttwo");
        assertEquals(List.of(doc("a.tsv:1", "one", "x"), doc("a.tsv:2", "two", "y")), Corpora.readAll(f));
    }

    @Test
    void emptyFileHasNoDocuments() {
        assertEquals(List.of(), Corpora.readAll(write(dir, "empty.tsv", "")));
    }

    @Test
    void splitsOnLineFeedOnly() {
        // CRLF reads like LF; a lone CR, NEL (U+0085), LINE SEPARATOR (U+2028) and form feed are text.
        Path f = write(dir, "a.tsv", "x\tone\r\ny\ta\rb\u0085c\u2028d\fe\r\nz\tlast\r");
        assertEquals(List.of(
                doc("a.tsv:1", "one", "x"),
                doc("a.tsv:2", "a\rb\u0085c\u2028d\fe", "y"),
                doc("a.tsv:3", "last", "z")), Corpora.readAll(f));
    }

    @Test
    void byteOrderMarkIsDropped() {
        Path f = write(dir, "bom.tsv", "\uFEFFpos\tok\n");
        assertEquals(List.of(doc("bom.tsv:1", "ok", "pos")), Corpora.readAll(f));
    }

    @Test
    void gzipIsReadTransparentlyIncludingConcatenatedMembers() {
        Path f = write(dir, "train.tsv.gz", concat(gzip(utf8("a\tfirst\n")), gzip(utf8("b\tsecond \u00e9\n"))));
        assertEquals(List.of(doc("train.tsv.gz:1", "first", "a"), doc("train.tsv.gz:2", "second \u00e9", "b")),
                Corpora.readAll(f));
    }

    @Test
    void lineWithoutTabIsAnErrorNamingFileAndLine() {
        Path f = write(dir, "train.tsv", "pos\tok\nneg\tok\nno tab here\n");
        CorpusException e = error(f);
        assertEquals(f + ":3: expected label<TAB>text but the line has no TAB", e.getMessage());
        assertEquals(f.toString(), e.source());
        assertEquals(3, e.line());
    }

    @Test
    void extraTabIsAnErrorNotASilentMerge() {
        Path f = write(dir, "t.tsv", "pos\ta\tb\tc\n");
        assertEquals(f + ":1: expected label<TAB>text but the line has 3 TABs (a TAB inside the text must be "
                + "replaced, e.g. by a space)", error(f).getMessage());
    }

    @Test
    void emptyLineIsAnErrorUnlessSkippingIsAsked() {
        Path f = write(dir, "t.tsv", "a\tone\n\nb\ttwo\n \t\n");
        assertEquals(f + ":2: empty line (every line must hold one document; allow skipping blank lines to ignore it)",
                error(f).getMessage());
        ReadOptions skip = ReadOptions.builder().skipBlankLines(true).build();
        // the whitespace-only line 4 (" \t") is blank too; line numbers in ids still count skipped lines
        assertEquals(List.of(doc("t.tsv:1", "one", "a"), doc("t.tsv:3", "two", "b")), Corpora.readAll(f, skip));
    }

    @Test
    void emptyOrPaddedLabelIsAnError() {
        Path f = write(dir, "t.tsv", "\ttext\n");
        assertEquals(f + ":1: empty label", error(f).getMessage());
        Path g = write(dir, "u.tsv", "pos \ttext\n");
        assertEquals(g + ":1: label 'pos ' starts or ends with whitespace", error(g).getMessage());
    }

    @Test
    void multiLabelWithSeparator() {
        ReadOptions opts = ReadOptions.builder().labelSeparator(",").build();
        Path f = write(dir, "m.tsv", "earn,acq\ttext one\ngrain\ttwo\n");
        assertEquals(List.of(doc("m.tsv:1", "text one", "earn", "acq"), doc("m.tsv:2", "two", "grain")),
                Corpora.readAll(f, opts));
        assertEquals(write(dir, "e.tsv", "a,,b\tx\n") + ":1: empty label in 'a,,b' (separator ',')",
                error(dir.resolve("e.tsv"), opts).getMessage());
        assertEquals(write(dir, "d.tsv", "a,b,a\tx\n") + ":1: label 'a' occurs twice",
                error(dir.resolve("d.tsv"), opts).getMessage());
        // without a separator the column is one label, verbatim
        assertEquals(List.of(doc("m.tsv:1", "text one", "earn,acq"), doc("m.tsv:2", "two", "grain")),
                Corpora.readAll(f));
    }

    @Test
    void invalidUtf8NamesLineAndBytePosition() {
        byte[] bytes = concat(utf8("pos\tfine\nneg\tbad "), new byte[] {(byte) 0xC3, 0x28}, utf8(" rest\n"));
        Path f = write(dir, "bad.tsv", bytes);
        assertEquals(f + ":2: invalid UTF-8 at byte 9 of the line (offset 17 of the file): bytes C3",
                error(f).getMessage());
    }

    @Test
    void invalidUtf8InGzipReportsDecompressedOffset() {
        byte[] bytes = concat(utf8("a\tx\nb\t"), new byte[] {(byte) 0xFF}, utf8("\n"));
        Path f = write(dir, "bad.tsv.gz", gzip(bytes));
        assertEquals(f + ":2: invalid UTF-8 at byte 3 of the line (offset 6 of the decompressed file): bytes FF",
                error(f).getMessage());
    }

    @Test
    void truncatedUtf8AtEndOfFile() {
        Path f = write(dir, "t.tsv", concat(utf8("a\tx\nb\tcaf"), new byte[] {(byte) 0xC3}));
        assertEquals(f + ":2: truncated UTF-8 sequence at byte 6 of the line (offset 9 of the file): bytes C3",
                error(f).getMessage());
    }

    @Test
    void documentsBeforeABadLineAreDeliveredFirst() {
        byte[] bytes = concat(utf8("a\tone\nb\ttwo\nc\t"), new byte[] {(byte) 0x80}, utf8("\n"));
        Path f = write(dir, "t.tsv", bytes);
        try (DocumentReader r = Corpora.open(f)) {
            assertEquals(doc("t.tsv:1", "one", "a"), r.next());
            assertEquals(doc("t.tsv:2", "two", "b"), r.next());
            CorpusException e = assertThrows(CorpusException.class, r::hasNext);
            assertEquals(3, e.line());
        }
    }

    @Test
    void invalidUtf8FarIntoALargeFileHasTheRightLine() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("lab\tdocument number ").append(i).append(" \u00e9\u00e8\u20ac\n");
        }
        byte[] bytes = concat(utf8(sb.toString()), utf8("lab\tx"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                utf8("\n"));
        Path f = write(dir, "big.tsv", bytes);
        CorpusException e = error(f);
        assertEquals(20_001, e.line());
        assertTrue(e.getMessage().startsWith(f + ":20001: invalid UTF-8 at byte 6 of the line"), e.getMessage());
    }

    @Test
    void streamStreamsAndClosesTheReader() {
        Path f = write(dir, "s.tsv", "a\t1\nb\t2\na\t3\n");
        DocumentReader reader = Corpora.open(f);
        try (var s = reader.stream()) {
            assertEquals("a,b,a", s.map(Document::label).collect(Collectors.joining(",")));
        }
        assertThrows(IllegalStateException.class, reader::hasNext);
    }

    @Test
    void readsFromAnInputStreamSuchAsStdin() {
        byte[] bytes = gzip(utf8("pos\tfrom stdin\n"));
        try (DocumentReader r = Corpora.open(new ByteArrayInputStream(bytes), "-", ReadOptions.of(CorpusFormat.TSV))) {
            assertTrue(r.hasNext());
            assertEquals(doc("-:1", "from stdin", "pos"), r.next());
            assertFalse(r.hasNext());
        }
        assertThrows(IllegalArgumentException.class,
                () -> Corpora.open(new ByteArrayInputStream(bytes), "-", ReadOptions.defaults()));
    }

    @Test
    void missingFileAndDirectoryAsFileAreClearErrors() {
        Path missing = dir.resolve("nope.tsv");
        assertEquals(missing + ": no such file",
                assertThrows(CorpusException.class, () -> Corpora.open(missing)).getMessage());
        assertEquals(dir + ": is a directory but the format is tsv (use the dir format for one folder per label)",
                assertThrows(CorpusException.class,
                        () -> Corpora.open(dir, ReadOptions.of(CorpusFormat.TSV))).getMessage());
    }

    @Test
    void corruptGzipIsAnError() {
        byte[] gz = gzip(utf8("a\tone\nb\ttwo\n".repeat(100)));
        byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
        Path f = write(dir, "cut.tsv.gz", truncated);
        CorpusException e = error(f);
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot read: java.io.EOFException"), e.getMessage());
    }
}
