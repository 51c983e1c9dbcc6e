package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.textclf.corpora.TestFiles.concat;
import static org.textclf.corpora.TestFiles.doc;
import static org.textclf.corpora.TestFiles.gzip;
import static org.textclf.corpora.TestFiles.utf8;
import static org.textclf.corpora.TestFiles.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirReaderTest {

    @TempDir
    Path dir;

    private Path aclImdbLike() {
        Path train = dir.resolve("train");
        write(train, "pos/10_9.txt", "Ten.<br /><br />Great.");
        write(train, "pos/1_7.txt", "One\r\nwith lines\n");
        write(train, "pos/.DS_Store", new byte[] {0, 1, 2});
        write(train, "neg/0_2.txt", "\uFEFFBad.");
        write(train, "neg/5_1.txt.gz", gzip(utf8("zipped")));
        write(train, "unsup/0_0.txt", "no label");
        write(train, "urls_pos.txt", "http://example.org");
        write(train, "labeledBow.feat", "0 1:2");
        write(train, ".hidden/x.txt", "hidden");
        return train;
    }

    @Test
    void readsFoldersAsLabelsInSortedOrder() {
        Path train = aclImdbLike();
        assertEquals(List.of(
                doc("neg/0_2.txt", "Bad.", "neg"),
                doc("neg/5_1.txt.gz", "zipped", "neg"),
                doc("pos/10_9.txt", "Ten.<br /><br />Great.", "pos"),
                doc("pos/1_7.txt", "One\r\nwith lines\n", "pos"),
                doc("unsup/0_0.txt", "no label", "unsup")), Corpora.readAll(train));
    }

    @Test
    void dirLabelsRestrictsTheFolders() {
        Path train = aclImdbLike();
        ReadOptions opts = ReadOptions.builder().dirLabels(List.of("pos", "neg")).build();
        assertEquals(List.of("neg/0_2.txt", "neg/5_1.txt.gz", "pos/10_9.txt", "pos/1_7.txt"),
                Corpora.readAll(train, opts).stream().map(Document::id).toList());
        ReadOptions missing = ReadOptions.builder().dirLabels(List.of("pos", "maybe")).build();
        assertEquals(train + ": label folder 'maybe' does not exist",
                assertThrows(CorpusException.class, () -> Corpora.open(train, missing)).getMessage());
    }

    @Test
    void nestedFolderIsAnError() {
        write(dir, "a/doc.txt", "x");
        write(dir, "a/sub/doc.txt", "y");
        assertEquals(dir.resolve("a/sub") + ": nested folder inside label folder 'a' (expected one file per document)",
                assertThrows(CorpusException.class, () -> Corpora.readAll(dir)).getMessage());
    }

    @Test
    void noLabelFoldersIsAnError() throws IOException {
        write(dir, "loose.txt", "x");
        assertEquals(dir + ": no label sub-folders (expected one folder per label, one file per document)",
                assertThrows(CorpusException.class, () -> Corpora.open(dir)).getMessage());
        Files.delete(dir.resolve("loose.txt"));
        Path notDir = write(dir, "f.txt", "x");
        assertEquals(notDir + ": not a directory", assertThrows(CorpusException.class,
                () -> Corpora.open(notDir, ReadOptions.of(CorpusFormat.DIR))).getMessage());
    }

    @Test
    void invalidUtf8NamesFileAndLine() {
        Path bad = write(dir, "pos/bad.txt", concat(utf8("line one\nline two "), new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1}));
        assertEquals(bad + ":2: invalid UTF-8 at byte 10 of the line (offset 18 of the file): bytes E2",
                assertThrows(CorpusException.class, () -> Corpora.readAll(dir)).getMessage());
    }
}
