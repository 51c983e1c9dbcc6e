package org.textclf.preprocess.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.textclf.preprocess.SharedCorpora;

/** The jsoup shortcut gives jsoup's exact output on real IMDB reviews, and is taken for most of them. */
class ShortcutOnRealTextTest {

    @Test
    void imdbReviews() {
        List<String> docs = SharedCorpora.tsvTexts(SharedCorpora.corpus("imdb").resolve("test.tsv.gz"), 3_000);
        int shortcut = 0;
        for (String doc : docs) {
            String fast = MarkupStripper.withoutSimpleMarkup(doc);
            if (fast != null) {
                shortcut++;
                assertEquals(MarkupStripper.parse(doc), fast, doc);
            }
        }
        assertTrue(shortcut > docs.size() * 9 / 10, "shortcut taken for " + shortcut + " of " + docs.size());
    }
}
