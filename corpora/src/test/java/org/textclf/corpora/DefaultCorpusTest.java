package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DefaultCorpusTest {

    @Test
    void countsMatchTheDocumentedBalance() {
        assertEquals(360, DefaultCorpus.documents().size());
        assertEquals(Map.of("food", 88, "sports", 96, "tech", 92, "weather", 84), DefaultCorpus.labelCounts());
        assertEquals(List.of("food", "sports", "tech", "weather"), DefaultCorpus.labels());
        assertSame(DefaultCorpus.documents(), DefaultCorpus.documents());
        assertEquals("default-corpus.tsv:1", DefaultCorpus.documents().get(0).id());
        assertTrue(DefaultCorpus.description().contains("{food=88, sports=96, tech=92, weather=84}"));
    }

    @Test
    void textsAreUniqueNonBlankAndNoisy() {
        Set<String> texts = new HashSet<>();
        int markup = 0;
        int entities = 0;
        int emoji = 0;
        int curly = 0;
        for (Document d : DefaultCorpus.documents()) {
            assertFalse(d.text().isBlank(), d.id());
            assertTrue(texts.add(d.text()), "duplicate text " + d.id());
            markup += d.text().matches(".*<(br|p|b|i|title|note|source|post|quote|user|meta|span|x-tag)\\b.*") ? 1 : 0;
            entities += d.text().matches(".*&(amp|eacute|#39|nbsp|deg|ntilde);.*") ? 1 : 0;
            emoji += d.text().codePoints().anyMatch(c -> c >= 0x1F300 || (c >= 0x2600 && c <= 0x27BF)) ? 1 : 0;
            curly += d.text().contains("\u2019") ? 1 : 0;
        }
        assertTrue(markup >= 100, "markup in " + markup);
        assertTrue(entities >= 50, "entities in " + entities);
        assertTrue(emoji >= 50, "emoji in " + emoji);
        assertTrue(curly >= 5, "curly apostrophes in " + curly);
    }

    @Test
    void anyPrefixHasEveryLabel() {
        Set<String> first40 = new HashSet<>();
        DefaultCorpus.documents().subList(0, 40).forEach(d -> first40.add(d.label()));
        assertEquals(Set.of("food", "sports", "tech", "weather"), first40);
    }
}
