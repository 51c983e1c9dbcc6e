package org.textclf.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textclf.eval.Evaluation;
import org.textclf.eval.metrics.SingleLabelMetrics;

class HtmlReportTest {

    private static int count(String haystack, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void fullReportHasEverySectionAndNoExternalResources(@TempDir Path dir) throws Exception {
        Evaluation e = DemoEvaluations.multiClassWithComparison();
        String html = HtmlReport.toHtml(e, DemoEvaluations.context());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(1, count(html, "<table class=\"metrics\""));
        assertEquals(1, count(html, "data-chart=\"confusion-counts\""));
        assertEquals(1, count(html, "data-chart=\"confusion-normalised\""));
        assertEquals(1, count(html, "data-chart=\"roc\""));
        assertEquals(1, count(html, "data-chart=\"pr\""));
        assertEquals(2, count(html, "data-chart=\"training\""));
        assertEquals(16 * 2, count(html, "<rect class=\"cell\""));
        assertEquals(4 * 2 + 2, count(html, "<path class=\"series\""));
        assertTrue(html.contains("id=\"provenance\""));
        assertTrue(html.contains("id=\"comparison\""));
        assertTrue(html.contains("id=\"mistakes\""));
        assertTrue(html.contains("McNemar exact p"));
        // self-contained: no scripts, no links, no remote URLs
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(Pattern.compile("(src|href)=\"https?:").matcher(html).find());
        Path file = dir.resolve("report.html");
        HtmlReport.write(e, DemoEvaluations.context(), file);
        assertEquals(html, Files.readString(file));
    }

    @Test
    void binaryReportShowsTheTradeOffWithTheMaxF1RowHighlighted() {
        // descending: .9(1) .8(1) .7(0) .6(1) .5(0) .4(0) .3(1) .2(0); max F1 = .75 at threshold .6
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2};
        int[] y = {1, 1, 0, 1, 0, 0, 1, 0};
        SingleLabelMetrics.Accumulator acc = SingleLabelMetrics.accumulator(List.of("neg", "pos"));
        for (int i = 0; i < s.length; i++) {
            acc.add(y[i] == 1 ? "pos" : "neg", s[i] >= 0.5 ? "pos" : "neg", java.util.Map.of("pos", s[i], "neg", 1 - s[i]));
        }
        Evaluation e = Evaluation.of("b.jsonl", acc.result());
        String html = HtmlReport.toHtml(e);
        assertTrue(html.contains("id=\"tradeoff\""));
        assertEquals(1, count(html, "<tr class=\"best\"><td>0.6000</td><td class=\"num\">0.7500</td>"));
        assertEquals(8, count(html, "<tr><td>0.")); // 0.1 ... 0.9, with 0.6 being the highlighted max-F1 row
        String text = TextReport.toText(e);
        assertTrue(text.contains("      0.6000     0.7500     0.7500     0.7500  <- max F1"), text);
        assertTrue(text.contains("      0.7000     0.6667     0.5000     0.5714"), text);
        assertTrue(text.contains("      0.9000     1.0000     0.2500     0.4000"), text);
    }

    @Test
    void labelsAndTextsAreEscaped() {
        SingleLabelMetrics m = SingleLabelMetrics.of(null, List.of("<b>", "a&b"), List.of("<b>", "<b>"));
        String html = HtmlReport.toHtml(Evaluation.of("x\"<y>.jsonl", m),
                ReportContext.builder().title("t<script>").provenance("k", "v</td>").build());
        assertFalse(html.contains("<b>"));
        assertFalse(html.contains("t<script>"));
        assertTrue(html.contains("&lt;b&gt;"));
        assertTrue(html.contains("a&amp;b"));
        assertTrue(html.contains("v&lt;/td&gt;"));
    }

    @Test
    void withoutScoresOrContextTheOptionalSectionsAreAbsent() {
        SingleLabelMetrics m = SingleLabelMetrics.of(null, List.of("a", "b", "a"), List.of("a", "b", "b"));
        String html = HtmlReport.toHtml(Evaluation.of("p.jsonl", m));
        assertTrue(html.contains("data-chart=\"confusion-counts\""));
        assertFalse(html.contains("data-chart=\"roc\""));
        assertFalse(html.contains("data-chart=\"training\""));
        assertFalse(html.contains("id=\"provenance\""));
        assertFalse(html.contains("id=\"mistakes\""));
    }
}
