package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorpusFormatTest {

    @ParameterizedTest
    @CsvSource({
        "train.tsv, TSV", "train.tsv.gz, TSV", "TRAIN.TSV.GZ, TSV", "x.tab, TSV", "a.csv, CSV", "a.csv.gz, CSV",
        "a.jsonl, JSONL", "a.ndjson.gz, JSONL", "cooking.ft, FASTTEXT", "x.fasttext, FASTTEXT",
        "notes.txt, LINES", "notes.lines.gz, LINES", "archive.v2.tsv, TSV"
    })
    void infersFromName(String name, CorpusFormat expected) {
        assertEquals(expected, CorpusFormat.inferFromName(name));
        assertEquals(expected, CorpusFormat.infer(Path.of("/nonexistent/dir", name)));
    }

    @Test
    void directoryIsDir(@TempDir Path dir) {
        assertEquals(CorpusFormat.DIR, CorpusFormat.infer(dir));
    }

    @Test
    void unknownExtensionIsAClearError() {
        assertEquals("cannot infer the corpus format of 'data.xml' from its extension '.xml': give the format "
                        + "explicitly (one of tsv, csv, jsonl, fasttext, dir, lines)",
                assertThrows(IllegalArgumentException.class, () -> CorpusFormat.inferFromName("data.xml")).getMessage());
        assertEquals("cannot infer the corpus format of 'README' from its extension: give the format "
                        + "explicitly (one of tsv, csv, jsonl, fasttext, dir, lines)",
                assertThrows(IllegalArgumentException.class, () -> CorpusFormat.inferFromName("README")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CorpusFormat.inferFromName("x.gz"));
    }

    @Test
    void parseIsCaseInsensitiveAndLocaleIndependent() {
        assertEquals(CorpusFormat.FASTTEXT, CorpusFormat.parse("FastText"));
        assertEquals(CorpusFormat.LINES, CorpusFormat.parse("LINES"));
        assertEquals(CorpusFormat.DIR, CorpusFormat.parse("dir"));
        assertEquals("lines", CorpusFormat.LINES.id());
        assertEquals("unknown corpus format 'xml': expected one of tsv, csv, jsonl, fasttext, dir, lines",
                assertThrows(IllegalArgumentException.class, () -> CorpusFormat.parse("xml")).getMessage());
    }
}
