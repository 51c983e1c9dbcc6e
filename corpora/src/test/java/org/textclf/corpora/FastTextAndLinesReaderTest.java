package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.textclf.corpora.TestFiles.doc;
import static org.textclf.corpora.TestFiles.write;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastTextAndLinesReaderTest {

    @TempDir
    Path dir;

    @Test
    void fastTextLabelsThenText() {
        Path f = write(dir, "c.ft", "__label__baking __label__equipment Which pan for __label__x bread?\n"
                + "__label__a\tTAB separated\n"
                + "__label__solo\n");
        assertEquals(List.of(
                doc("c.ft:1", "Which pan for __label__x bread?", "baking", "equipment"),
                doc("c.ft:2", "TAB separated", "a"),
                doc("c.ft:3", "", "solo")), Corpora.readAll(f));
    }

    @Test
    void fastTextCustomPrefix() {
        Path f = write(dir, "c.txt", "#pos fine\n");
        ReadOptions opts = ReadOptions.builder().format(CorpusFormat.FASTTEXT).fastTextPrefix("#").build();
        assertEquals(List.of(doc("c.txt:1", "fine", "pos")), Corpora.readAll(f, opts));
    }

    @Test
    void fastTextErrors() {
        Path f = write(dir, "e.ft", "__label__a ok\nno label here\n");
        assertEquals(f + ":2: expected the line to start with '__label__<label>' (use the lines format for "
                + "unlabelled text)", assertThrows(CorpusException.class, () -> Corpora.readAll(f)).getMessage());
        Path g = write(dir, "g.ft", "__label__ empty\n");
        assertEquals(g + ":1: '__label__' without a label name",
                assertThrows(CorpusException.class, () -> Corpora.readAll(g)).getMessage());
        Path h = write(dir, "h.ft", "__label__a __label__a twice\n");
        assertEquals(h + ":1: label 'a' occurs twice",
                assertThrows(CorpusException.class, () -> Corpora.readAll(h)).getMessage());
    }

    @Test
    void linesAreUnlabelledDocumentsVerbatim() {
        Path f = write(dir, "notes.txt", "First <b>note</b>\n\tindented\ttabs\r\nlast");
        assertEquals(List.of(
                Document.unlabelled("notes.txt:1", "First <b>note</b>"),
                Document.unlabelled("notes.txt:2", "\tindented\ttabs"),
                Document.unlabelled("notes.txt:3", "last")), Corpora.readAll(f));
    }

    @Test
    void blankLineInLinesFormat() {
        Path f = write(dir, "b.txt", "a\n   \nb\n");
        assertEquals(f + ":2: blank line (every line must hold one document; allow skipping blank lines to ignore it)",
                assertThrows(CorpusException.class, () -> Corpora.readAll(f)).getMessage());
        assertEquals(2, Corpora.readAll(f, ReadOptions.builder().skipBlankLines(true).build()).size());
    }
}
