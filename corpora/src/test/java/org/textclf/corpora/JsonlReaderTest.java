package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.textclf.corpora.TestFiles.doc;
import static org.textclf.corpora.TestFiles.write;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonlReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTextLabelLabelsAndId() {
        Path f = write(dir, "d.jsonl", "{\"text\":\"caf\\u00e9 <b>x</b>\\nline\",\"label\":\"food\",\"id\":\"r1\"}\n"
                + "{\"id\":7,\"labels\":[\"a\",\"b\"],\"text\":\"multi\",\"meta\":{\"ignored\":true}}\n"
                + "  {\"text\":\"\",\"label\":\"x\"}  \n");
        assertEquals(List.of(
                doc("r1", "caf\u00e9 <b>x</b>\nline", "food"),
                doc("7", "multi", "a", "b"),
                doc("d.jsonl:3", "", "x")), Corpora.readAll(f));
    }

    @Test
    void unlabelledFile() {
        Path f = write(dir, "u.jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
        assertEquals(List.of(Document.unlabelled("u.jsonl:1", "a"), Document.unlabelled("u.jsonl:2", "b")),
                Corpora.readAll(f));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"label\":\"a\"}| missing field \"text\"",
        "{\"text\":5,\"label\":\"a\"}| field \"text\" must be a string but is number 5",
        "[1,2]| expected a JSON object but found array",
        "{\"text\":\"t\",\"label\":\"a\",\"labels\":[\"b\"]}| both \"label\" and \"labels\" given: use one",
        "{\"text\":\"t\",\"labels\":[]}| field \"labels\" must be a non-empty array of strings but is an empty array (omit it for an unlabelled document)",
        "{\"text\":\"t\",\"labels\":[\"a\",1]}| field \"labels\" must hold strings but holds number 1",
        "{\"text\":\"t\",\"labels\":[\"a\",\"a\"]}| label 'a' occurs twice",
        "{\"text\":\"t\",\"label\":null}| field \"label\" must be a string but is null null",
        "{\"text\":\"t\",\"label\":\"\"}| label is empty",
        "{\"text\":\"t\",\"label\":\"a\",\"id\":1.5}| field \"id\" must be a non-empty string or an integer but is number 1.5",
    })
    void schemaErrorsNameTheLine(String line, String expected) {
        Path f = write(dir, "e.jsonl", "{\"text\":\"ok\",\"label\":\"a\"}\n" + line + "\n");
        assertEquals(f + ":2: " + expected.strip(),
                assertThrows(CorpusException.class, () -> Corpora.readAll(f)).getMessage());
    }

    @Test
    void syntaxErrorsDuplicateKeysAndTrailingTokens() {
        for (String bad : List.of("{\"text\":\"x\",", "{\"text\":\"a\",\"text\":\"b\"}", "{\"text\":\"a\"} {}")) {
            Path f = write(dir, "s.jsonl", bad + "\n");
            CorpusException e = assertThrows(CorpusException.class, () -> Corpora.readAll(f));
            assertTrue(e.getMessage().startsWith(f + ":1: invalid JSON at column "), e.getMessage());
        }
    }

    @Test
    void mixingLabelledAndUnlabelledIsAnError() {
        Path f = write(dir, "m.jsonl", "{\"text\":\"a\",\"label\":\"x\"}\n{\"text\":\"b\"}\n");
        assertEquals(f + ":2: document is unlabelled but the document on line 1 is labelled (a file must not mix both)",
                assertThrows(CorpusException.class, () -> Corpora.readAll(f)).getMessage());
    }
}
