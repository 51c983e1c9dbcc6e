package org.textclf.preprocess.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Step 1: real-world messy markup with the exact visible text expected, in the manner of Lucene's
 * HTMLStripCharFilter tests. Expected values are shown after {@link WhitespaceNormalizer} so that the boundary
 * spaces do not clutter the table; {@link #boundariesAreSpacesBeforeNormalisation()} pins those too.
 */
class MarkupStripperTest {

    private static String strip(String raw) {
        return WhitespaceNormalizer.INSTANCE.apply(MarkupStripper.INSTANCE.apply(raw));
    }

    static Stream<Arguments> messyMarkup() {
        return Stream.of(
                // unknown (XML/SGML) elements and block elements are word boundaries
                Arguments.of("<title>Great</title><body>Fun</body>", "Great Fun"),
                Arguments.of("<div><foo>a</foo><bar>b</bar></div>", "a b"),
                Arguments.of("<doc><head-line>A</head-line><x:body>B</x:body></doc>", "A B"),
                Arguments.of("<a><b><c><d>deep</d></c>nest</b></a>", "deep nest"),
                Arguments.of("<p>one</p><p>two</p>", "one two"),
                Arguments.of("<ul><li>one<li>two</ul>", "one two"),
                Arguments.of("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
                Arguments.of("<h1>Head</h1>line<hr>rule", "Head line rule"),
                // line breaks in every spelling
                Arguments.of("a<br>b<br/>c<br />d<BR>e<Br />f", "a b c d e f"),
                Arguments.of("end.<br /><br />Next", "end. Next"),
                Arguments.of("a</br>b", "a b"),
                // inline formatting elements do not split words, as in a browser
                Arguments.of("un<i>believ</i>able", "unbelievable"),
                Arguments.of("<b>bold</b> and <em>em</em>, <span class=\"x\">span</span>", "bold and em, span"),
                Arguments.of("<a href=\"#\">one</a><a href=\"#\">two</a>", "onetwo"),
                Arguments.of("a<img src=\"x.png\">b<input>c", "abc"), // known inline elements, jsoup's list
                // attributes, including quoted '>'
                Arguments.of("<a href=\"x>y\" title='a>b'>link</a> text", "link text"),
                Arguments.of("<img src=\"a.png\" alt=\"alt text\">caption", "caption"),
                Arguments.of("<div data-x=\"<b>not a tag</b>\">inside</div>", "inside"),
                // unclosed and broken tags
                Arguments.of("<p>para<div>block", "para block"),
                Arguments.of("<b>bold never closed", "bold never closed"),
                Arguments.of("text <p class=\"x\"", "text"),
                Arguments.of("text <unclosed", "text"),
                Arguments.of("</p>stray end tag</div>", "stray end tag"),
                // comments, CDATA, declarations, processing instructions
                Arguments.of("<!-- comment -->visible<!-- another\n multi-line -->", "visible"),
                Arguments.of("before<!-- unclosed comment", "before"),
                Arguments.of("a<!---->b", "ab"),
                Arguments.of("<![CDATA[ raw <b>text</b> ]]>", "raw <b>text</b>"),
                Arguments.of("<?xml version=\"1.0\" encoding=\"UTF-8\"?><doc><p>x</p></doc>", "x"),
                Arguments.of("<!DOCTYPE html><html><head><title>T</title></head><body><h1>H</h1>text</body></html>", "T H text"),
                Arguments.of("<?php echo 1; ?>php", "php"),
                // script, style and friends are dropped
                Arguments.of("<script>alert(\"<p>hi</p>\")</script>after", "after"),
                Arguments.of("<SCRIPT type=\"text/javascript\">var a = 1 < 2 && b > c;</SCRIPT>x", "x"),
                Arguments.of("<style>p > a { color: red }</style>text", "text"),
                Arguments.of("<script><!-- document.write('</div>') //--></script>kept", "kept"),
                Arguments.of("a<template><p>t</p></template>b<iframe>frame</iframe>c", "a b c"),
                // raw text a browser shows literally
                Arguments.of("<textarea><b>x</b></textarea>", "<b>x</b>"),
                // entities: named, numeric, hex, legacy without ';', unknown
                Arguments.of("&amp; &lt; &gt; &quot; &#39; &apos; &eacute; &#233; &#xE9; &#XE9;", "& < > \" ' ' é é é é"),
                Arguments.of("AT&T &copy 2009", "AT&T © 2009"),
                Arguments.of("Tom &amp; Jerry, Tom & Jerry", "Tom & Jerry, Tom & Jerry"),
                Arguments.of("&foo; &unknown &#; &#x;", "&foo; &unknown &#; &#x;"),
                Arguments.of("&amp;lt; is double-escaped", "&lt; is double-escaped"),
                Arguments.of("x&nbsp;y", "x y"),
                // numeric references as jsoup decodes them: windows-1252 remap, out-of-range -> U+FFFD, while NUL and
                // a surrogate come through as such (step 3 turns both into spaces)
                Arguments.of("&#128; &#x110000; x&#0;y&#xD800;z", "\u20ac \ufffd x\u0000y\ud800z"),
                // '<' that starts no tag stays text
                Arguments.of("<3 you", "<3 you"),
                Arguments.of("i <3 it", "i <3 it"),
                Arguments.of("a < b", "a < b"),
                Arguments.of("1<2 and 3>2", "1<2 and 3>2"),
                Arguments.of("x <= y", "x <= y"),
                Arguments.of("<:-D", "<:-D"),
                // ... while '<' followed by a letter starts a tag, per HTML5
                Arguments.of("a<b>c</b>", "ac"),
                // Reuters-21578 SGML
                Arguments.of("<REUTERS TOPICS=\"YES\" NEWID=\"1\"><DATE>26-FEB-1987</DATE><TOPICS><D>cocoa</D></TOPICS>"
                                + "<TEXT>&#2;\n<TITLE>BAHIA COCOA REVIEW</TITLE>\n<DATELINE>    SALVADOR, Feb 26 - </DATELINE>"
                                + "<BODY>Showers continued &lt;CPC> said.\n&#3;</BODY></TEXT></REUTERS>",
                        "26-FEB-1987 cocoa \u0002 BAHIA COCOA REVIEW SALVADOR, Feb 26 - Showers continued <CPC> said. \u0003"));
    }

    @ParameterizedTest
    @MethodSource("messyMarkup")
    void stripsMarkupExactly(String raw, String expected) {
        assertEquals(expected, strip(raw));
    }

    @Test
    void boundariesAreSpacesBeforeNormalisation() {
        assertEquals("a  b", MarkupStripper.INSTANCE.apply("a<br>b"));
        assertEquals(" x ", MarkupStripper.INSTANCE.apply("<p>x</p>"));
        assertEquals("ab", MarkupStripper.INSTANCE.apply("a<b></b>b"));
        assertEquals("a  b", MarkupStripper.INSTANCE.apply("a<script>x</script> b"));
    }

    @Test
    void plainTextIsReturnedAsTheSameInstance() {
        String text = "no markup at all, just text & spaces";
        assertSame(text, MarkupStripper.INSTANCE.apply(text));
    }

    /**
     * Documented HTML5 behaviour, not wishes: start tags the HTML5 tree builder ignores where they stand (a
     * {@code <td>} outside a table, a second {@code <body>}) leave no element, so no boundary either.
     */
    @Test
    void ignoredStartTagsAreNoBoundary() {
        assertEquals("ab", strip("<td>a</td><td>b</td>"));
        assertEquals("GreatFun", strip("Great<body>Fun"));
        assertEquals("A BC", strip("<TITLE>A</TITLE>B<BODY>C</BODY>"));
        // '<' followed by a letter starts a tag; unterminated at the end of the input, it is dropped
        assertEquals("x", strip("x<y and z"));
        assertEquals("<<<", strip("<<<<sigh"));
        assertEquals("<<< >>", strip("<<<<sigh> >>"));
    }

    /**
     * jsoup does not process DTDs: the internal subset is not a source of entity definitions, so an external entity
     * is never resolved (no file read, no network) and its reference stays literal text.
     */
    @Test
    void doesNotResolveExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"
                + "<!ENTITY local \"expanded\">]><foo>&xxe; &local;</foo>";
        String visible = strip(xxe);
        assertEquals("]> &xxe; &local;", visible);
        assertFalse(visible.contains("root:"));
        assertFalse(visible.contains("expanded"));
    }

    /** Deep nesting must not overflow the stack (jsoup traverses iteratively; so does the visitor). */
    @Test
    void deeplyNestedUnknownElements() {
        int depth = 20_000;
        String raw = "<x>".repeat(depth) + "deep" + "</x>".repeat(depth);
        assertEquals("deep", strip(raw));
    }

    @Test
    void shortcutRecognisesOnlyLineBreaks() {
        assertEquals("a  b  c", MarkupStripper.withoutSimpleMarkup("a<br />b<BR>c"));
        assertEquals("a & b", MarkupStripper.withoutSimpleMarkup("a & b"));
        assertNull(MarkupStripper.withoutSimpleMarkup("a<i>b</i>"));
        assertNull(MarkupStripper.withoutSimpleMarkup("a &amp; b"));
        assertNull(MarkupStripper.withoutSimpleMarkup("a<br  />b"));
        assertNull(MarkupStripper.withoutSimpleMarkup(" <br />b"));
        assertNull(MarkupStripper.withoutSimpleMarkup(" \n"));
    }

    /**
     * The shortcut gives exactly jsoup's result: seeded random strings built from line breaks, near-misses of line
     * breaks, entities, whitespace, NUL, surrogates and ordinary characters.
     */
    @Test
    void shortcutEqualsParserOnRandomStrings() {
        List<String> fragments = List.of("a", "B", "x1", " ", "  ", "\t", "\n", "\r", "\f", "\u000b", "\u0000", "\u00a0",
                "\u2028", "\ufeff", "\ud83d\ude00", "\ud800", "\udc00", "é", "'", "\"", "=", "/", ">", "!", "-", "?", ";",
                "#", "<br>", "<br/>", "<br />", "<BR>", "<Br />", "<bR/>", "<br", "<br /", "<br  />", "<brx>", "</br>",
                "<b>", "</b>", "<p>", "<", "< ", "<3", "<!--", "-->", "&", "& ", "&amp;", "&amp", "&#", "&#39;", "&x",
                "&1", "&&", "&;");
        Random random = new Random(20261121L);
        int shortcut = 0;
        int parsed = 0;
        for (int i = 0; i < 60_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(10);
            for (int k = 0; k < n; k++) {
                sb.append(fragments.get(random.nextInt(fragments.size())));
            }
            String text = sb.toString();
            String fast = MarkupStripper.withoutSimpleMarkup(text);
            assertEquals(fast != null, MarkupStripper.onlyLineBreakMarkup(text), () -> escape(text));
            if (fast != null) {
                shortcut++;
                assertEquals(MarkupStripper.parse(text), fast, () -> "shortcut differs from jsoup for " + escape(text));
            } else {
                parsed++;
            }
        }
        // Guards the test itself: both branches must have been exercised substantially.
        assertTrue(shortcut > 5_000, "shortcut taken " + shortcut + " times");
        assertTrue(parsed > 5_000, "parser taken " + parsed + " times");
    }

    @Test
    void toStringNamesTheStage() {
        assertNotNull(MarkupStripper.INSTANCE.toString());
        assertTrue(MarkupStripper.INSTANCE.toString().startsWith("markup(jsoup"));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.append('"').toString();
    }
}
