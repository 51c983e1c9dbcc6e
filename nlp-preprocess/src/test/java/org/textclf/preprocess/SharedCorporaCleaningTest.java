package org.textclf.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No markup survives cleaning of real corpora: IMDB reviews ({@code <br />}) and Reuters-21578 (SGML, both the TSV
 * rows and raw {@code reut2-*.sgm} documents). Needs {@code ../shared/corpora}; skipped when it is absent.
 *
 * <p>Beyond "no {@code <}, {@code >}, {@code &} in the output", tag and entity names must not leak as words: for each
 * artefact word ({@code br}, {@code lt}, ...) the number of such tokens equals the number of times the word occurs
 * in the visible text, computed here independently of jsoup with regular expressions (tags and entities replaced by
 * spaces, in-word apostrophes deleted).
 */
class SharedCorporaCleaningTest {

    private static final int IMDB_ROWS = Integer.getInteger("textclf.test.imdbRows", 3_000);
    private static final List<String> ARTEFACTS =
            List.of("br", "lt", "gt", "amp", "quot", "nbsp", "hr", "em", "reuters", "dateline", "topics", "d");
    private static final Pattern TAG = Pattern.compile("<[a-zA-Z/!?][^>]*>");
    /** References with ';', and the legacy ones without it; {@code D&D} is text. */
    private static final Pattern ENTITY =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[a-zA-Z][a-zA-Z0-9]*;|(amp|lt|gt|quot|nbsp)(?![a-zA-Z0-9]))");
    private static final Pattern IN_WORD_APOSTROPHE = Pattern.compile("(?<=\\p{L})['\u2019](?=\\p{L})");

    private final TextPipeline pipeline = TextPipeline.defaults();

    @Test
    void imdbReviews() {
        List<String> docs = SharedCorpora.tsvTexts(SharedCorpora.corpus("imdb").resolve("train.tsv.gz"), IMDB_ROWS);
        long withBreaks = docs.stream().filter(d -> d.contains("<br />")).count();
        assertTrue(withBreaks > docs.size() / 3, "the sample must exercise <br />: " + withBreaks + "/" + docs.size());
        checkNoMarkupSurvives(docs, "imdb");
    }

    @Test
    void reutersRows() {
        List<String> docs = SharedCorpora.tsvTexts(SharedCorpora.corpus("reuters21578").resolve("train.tsv.gz"), 100_000);
        assertEquals(5485, docs.size());
        checkNoMarkupSurvives(docs, "reuters21578/train.tsv.gz");
        // the first row, literally
        assertEquals(List.of("champion", "products", "ch", "approves", "stock", "split", "rochester", "n", "y", "feb",
                "26", "champion"), pipeline.tokens(docs.get(0)).subList(0, 12));
    }

    @Test
    void reutersRawSgml() {
        Path raw = SharedCorpora.corpus("reuters21578").resolve("raw");
        List<String> docs = new ArrayList<>();
        for (String file : List.of("reut2-000.sgm.gz", "reut2-017.sgm.gz")) {
            String sgml = SharedCorpora.gzipText(raw.resolve(file), StandardCharsets.ISO_8859_1);
            // the whole file, doctype and all, as one document
            String clean = pipeline.clean(sgml);
            assertFalse(clean.contains("<") || clean.contains(">") || clean.contains("&"), file);
            for (int start = sgml.indexOf("<REUTERS"); start >= 0; start = sgml.indexOf("<REUTERS", start + 1)) {
                docs.add(sgml.substring(start, sgml.indexOf("</REUTERS>", start) + "</REUTERS>".length()));
            }
        }
        assertEquals(2000, docs.size());
        checkNoMarkupSurvives(docs, "reuters21578/raw");
        List<String> first = pipeline.tokens(docs.get(0));
        assertEquals(List.of("26", "feb", "1987", "15", "01", "01", "79", "cocoa", "el", "salvador", "usa", "uruguay"),
                first.subList(0, 12));
        assertTrue(String.join(" ", first).contains("bahia cocoa review salvador feb 26 showers continued"));
    }

    private void checkNoMarkupSurvives(List<String> docs, String source) {
        Map<String, long[]> counts = new TreeMap<>(); // word -> {tokens, in visible text}
        for (String word : ARTEFACTS) {
            counts.put(word, new long[2]);
        }
        for (int i = 0; i < docs.size(); i++) {
            String raw = docs.get(i);
            String clean = pipeline.clean(raw);
            int row = i + 1;
            assertFalse(clean.indexOf('<') >= 0 || clean.indexOf('>') >= 0 || clean.indexOf('&') >= 0,
                    () -> source + " document " + row + ": markup survives in: " + clean);
            for (String token : pipeline.tokens(raw)) {
                long[] c = counts.get(token);
                if (c != null) {
                    c[0]++;
                }
            }
            String visible = visibleText(raw);
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + e.getKey() + "(?![\\p{L}\\p{N}])").matcher(visible);
                while (m.find()) {
                    e.getValue()[1]++;
                }
            }
        }
        StringBuilder report = new StringBuilder(source + " (word: tokens/visible):");
        counts.forEach((w, c) -> report.append(' ').append(w).append(": ").append(c[0]).append('/').append(c[1]));
        System.out.println(report);
        counts.forEach((w, c) -> assertEquals(c[1], c[0], report::toString));
    }

    /** The visible text by regular expressions, lower-cased: an independent reference, not the code under test. */
    private static String visibleText(String raw) {
        String text = TAG.matcher(raw).replaceAll(" ");
        text = ENTITY.matcher(text).replaceAll(" ");
        text = IN_WORD_APOSTROPHE.matcher(text).replaceAll("");
        return text.toLowerCase(Locale.ROOT);
    }
}
