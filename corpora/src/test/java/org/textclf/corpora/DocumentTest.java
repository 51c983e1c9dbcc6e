package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DocumentTest {

    @Test
    void singleLabel() {
        Document d = Document.labelled("a", "text", "pos");
        assertEquals("pos", d.label());
        assertTrue(d.isLabelled());
        assertEquals(List.of("pos"), d.labels());
    }

    @Test
    void labelOfUnlabelledOrMultiLabelDocumentFails() {
        assertEquals("document u has 0 labels [] but exactly one was expected",
                assertThrows(IllegalStateException.class, () -> Document.unlabelled("u", "t").label()).getMessage());
        assertEquals("document m has 2 labels [a, b] but exactly one was expected",
                assertThrows(IllegalStateException.class,
                        () -> new Document("m", "t", List.of("a", "b")).label()).getMessage());
        assertFalse(Document.unlabelled("u", "t").isLabelled());
    }

    @Test
    void labelsAreCopiedAndImmutable() {
        List<String> labels = new ArrayList<>(List.of("a"));
        Document d = new Document("x", "t", labels);
        labels.add("b");
        assertEquals(List.of("a"), d.labels());
        assertThrows(UnsupportedOperationException.class, () -> d.labels().add("c"));
    }

    @Test
    void rejectsNullsAndBadLabels() {
        assertThrows(NullPointerException.class, () -> new Document(null, "t", List.of()));
        assertThrows(NullPointerException.class, () -> new Document("x", null, List.of()));
        assertEquals("document x: label is empty",
                assertThrows(IllegalArgumentException.class, () -> Document.labelled("x", "t", "")).getMessage());
        assertEquals("document x: label ' pos' starts or ends with whitespace",
                assertThrows(IllegalArgumentException.class, () -> Document.labelled("x", "t", " pos")).getMessage());
        assertEquals("document x: label 'a\\tb' contains a TAB or line break",
                assertThrows(IllegalArgumentException.class, () -> Document.labelled("x", "t", "a\tb")).getMessage());
        assertEquals("document x: label 'a' occurs twice",
                assertThrows(IllegalArgumentException.class,
                        () -> new Document("x", "t", List.of("a", "a"))).getMessage());
    }
}
