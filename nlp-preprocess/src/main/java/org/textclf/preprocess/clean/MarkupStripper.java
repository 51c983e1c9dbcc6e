package org.textclf.preprocess.clean;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Step 1 of the default pipeline: HTML/XML/SGML markup to visible text, with jsoup's HTML5 parser.
 *
 * <p>Semantics:
 * <ul>
 *   <li>the output is the text of every text node in document order, with entities decoded by jsoup
 *       ({@code &amp;amp; -> &}, {@code &amp;eacute; -> é}, {@code &amp;#39; -> '}, {@code &amp;#3; -> U+0003});
 *       an unknown entity such as {@code &amp;foo;} stays literal text;</li>
 *   <li>comments, the doctype and the content of {@code script}, {@code style}, {@code template}, {@code iframe},
 *       {@code noembed} and {@code noframes} (elements a browser never renders as text) are dropped;</li>
 *   <li>every element boundary, opening and closing, becomes one space, except for the known inline elements in
 *       {@link #INLINE} ({@code <b>}, {@code <i>}, {@code <span>}, {@code <a>}, {@code <img>}, ...), so {@code un<i>believ</i>able}
 *       stays one word while {@code <br>}, block elements and unknown (XML/SGML) elements separate words:
 *       {@code <title>Great</title><body>Fun</body> -> " Great  Fun "}. Runs of spaces are left to
 *       {@link WhitespaceNormalizer};</li>
 *   <li>a {@code <} that does not start a tag stays text, exactly as in a browser: jsoup follows the HTML5 tokenizer,
 *       where a tag starts only with {@code <} followed by an ASCII letter, {@code /} or {@code !}. So {@code <3},
 *       {@code a < b} and {@code 1<2} stay as they are, while {@code a<b>c} is a bold tag ({@code "ac"}) and an
 *       unterminated {@code x<y and z} at the end of the input is an unfinished tag that HTML5 drops ({@code "x"}).</li>
 * </ul>
 *
 * <p>Security: jsoup does not process DTDs, so a {@code <!DOCTYPE>} with an internal subset declaring an external
 * entity is only a doctype node (dropped) and {@code &amp;xxe;} stays literal text; no file or URL is ever read
 * (see {@code MarkupStripperTest#doesNotResolveExternalEntities}).
 *
 * <p>Performance: parsing is the most expensive step of the pipeline, and most real texts have no markup or only
 * line breaks ({@code <br />} in IMDB); for those, {@link #withoutSimpleMarkup(String)} computes jsoup's exact result
 * without parsing.
 *
 * <p>Immutable and thread-safe: each call parses into its own document.
 */
public final class MarkupStripper implements CleaningStage {

    /** The only instance: the stage has no parameters. */
    public static final MarkupStripper INSTANCE = new MarkupStripper();

    /** Elements whose content is not visible text. */
    static final Set<String> DROPPED = Set.of("script", "style", "template", "iframe", "noembed", "noframes");

    /**
     * Known inline HTML elements, which do not separate words; every other element (block elements, {@code br},
     * unknown XML/SGML elements) does. This is jsoup's list of inline tags (as in its 1.x {@code Tag} class), written
     * out here so that the behaviour does not change with the jsoup version, and shared with the Python mirror of
     * this pipeline in {@code bench/python/textclean.py}.
     */
    public static final Set<String> INLINE = Set.of(
            "object", "base", "font", "tt", "i", "b", "u", "big", "small", "em", "strong", "dfn", "code", "samp", "kbd",
            "var", "cite", "abbr", "time", "acronym", "mark", "ruby", "rt", "rp", "rtc", "a", "img", "wbr", "map", "q",
            "sub", "sup", "bdo", "iframe", "embed", "span", "input", "select", "textarea", "label", "button",
            "optgroup", "option", "legend", "datalist", "keygen", "output", "progress", "meter", "area", "param",
            "source", "track", "summary", "command", "device", "basefont", "bgsound", "menuitem", "data", "bdi", "s",
            "strike", "nobr", "rb", "text", "mi", "mo", "msup", "mn", "mtext", "ins", "del",
            // The document wrappers, which jsoup creates even for plain text: nothing to separate, and without them
            // plain text comes back unchanged (which the no-markup shortcut relies on).
            "#root", "html", "head", "body");

    private MarkupStripper() {
    }

    @Override
    public String apply(String text) {
        String simple = withoutSimpleMarkup(text);
        return simple != null ? simple : parse(text);
    }

    /**
     * The jsoup path without the shortcut; package-private so that a test can prove the shortcut changes nothing.
     *
     * @param text any text
     * @return the visible text
     */
    static String parse(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        NodeTraversor.filter(new VisibleText(out), Jsoup.parse(text));
        return out.toString();
    }

    /**
     * The shortcut around jsoup: the exact result jsoup would give, for texts whose only markup is line breaks, or
     * {@code null} when the text needs the parser.
     *
     * <p>Applies when every {@code <} starts {@code <br>}, {@code <br/>} or {@code <br />} (any case) and no
     * {@code &} is followed by a letter or {@code #} (otherwise it cannot start a character reference and jsoup keeps
     * it literally). That covers plain text and 94 % of the IMDB reviews that contain markup. A {@code <br>} element
     * has an opening and a closing boundary, so it becomes two spaces, as in {@link VisibleText}. Texts starting with
     * HTML whitespace or containing NUL go to the parser, because HTML5 drops whitespace before the first element and
     * treats NUL specially. {@code MarkupStripperTest} proves the equivalence on seeded random strings built from
     * these fragments.
     *
     * @param text any text
     * @return the visible text, or {@code null} when the parser is needed
     */
    static String withoutSimpleMarkup(String text) {
        int n = text.length();
        int firstTag = text.indexOf('<');
        int firstAmp = text.indexOf('&');
        if (firstTag < 0 && firstAmp < 0) {
            // HTML5 drops whitespace (and NUL) before the implied <html>, so a text made only of these changes too.
            return isHtmlWhitespaceOrNul(text, 0, n) ? null : text;
        }
        if (n > 0 && isHtmlWhitespaceOrNul(text, 0, 1) || text.indexOf(0) >= 0) {
            return null;
        }
        StringBuilder out = null;
        int copied = 0;
        for (int i = Math.min(firstTag < 0 ? n : firstTag, firstAmp < 0 ? n : firstAmp); i < n; i++) {
            char c = text.charAt(i);
            if (c == '&') {
                if (i + 1 < n && (isAsciiLetter(text.charAt(i + 1)) || text.charAt(i + 1) == '#')) {
                    return null;
                }
            } else if (c == '<') {
                int end = lineBreakTagEnd(text, i);
                if (end < 0) {
                    return null;
                }
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, i).append("  ");
                copied = end;
                i = end - 1;
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    /**
     * Whether {@link #withoutSimpleMarkup(String)} would answer (rather than {@code null}), without building its
     * result: the text has no markup other than line-break tags, so its visible text is the text itself with each
     * {@code <br>}, {@code <br/>}, {@code <br />} read as two spaces. The intrinsic {@link String#indexOf(int, int)}
     * jumps between the few {@code <} and {@code &}, so this costs little next to one pass over the characters.
     *
     * @param text any text
     * @return {@code true} when the shortcut applies
     */
    static boolean onlyLineBreakMarkup(String text) {
        int n = text.length();
        int firstTag = text.indexOf('<');
        int firstAmp = text.indexOf('&');
        if (firstTag < 0 && firstAmp < 0) {
            return !isHtmlWhitespaceOrNul(text, 0, n);
        }
        if (n > 0 && isHtmlWhitespaceOrNul(text, 0, 1) || text.indexOf(0) >= 0) {
            return false;
        }
        for (int i = firstAmp; i >= 0; i = text.indexOf('&', i + 1)) {
            if (i + 1 < n && (isAsciiLetter(text.charAt(i + 1)) || text.charAt(i + 1) == '#')) {
                return false;
            }
        }
        for (int i = firstTag; i >= 0; ) {
            int end = lineBreakTagEnd(text, i);
            if (end < 0) {
                return false;
            }
            i = text.indexOf('<', end);
        }
        return true;
    }

    /** End index (exclusive) of {@code <br>}, {@code <br/>} or {@code <br />} starting at {@code i}, else -1. */
    static int lineBreakTagEnd(String text, int i) {
        int n = text.length();
        if (i + 3 >= n || (text.charAt(i + 1) | 0x20) != 'b' || (text.charAt(i + 2) | 0x20) != 'r') {
            return -1;
        }
        int j = i + 3;
        if (text.charAt(j) == ' ') {
            j++;
        }
        if (j < n && text.charAt(j) == '/') {
            j++;
        }
        if (j < n && text.charAt(j) == '>') {
            return j + 1;
        }
        return -1;
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHtmlWhitespaceOrNul(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == 0)) {
                return false;
            }
        }
        return true;
    }

    /** Collects text nodes and inserts a space at word-separating element boundaries. */
    private static final class VisibleText implements NodeFilter {
        private final StringBuilder out;

        VisibleText(StringBuilder out) {
            this.out = out;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode textNode) { // includes CDataNode
                out.append(textNode.getWholeText());
                return FilterResult.CONTINUE;
            }
            if (node instanceof Element element) {
                String name = element.normalName();
                if (DROPPED.contains(name)) {
                    // SKIP_ENTIRELY means tail() is not called: this one space stands for both boundaries.
                    out.append(' ');
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (!INLINE.contains(name)) {
                    out.append(' ');
                }
                return FilterResult.CONTINUE;
            }
            if (node instanceof DataNode dataNode) {
                // Raw text of <xmp> (and of foreign raw-text elements): a browser shows it literally. The data of
                // script and style never gets here because their elements are skipped above.
                out.append(dataNode.getWholeData());
                return FilterResult.CONTINUE;
            }
            // Comment, DocumentType, XmlDeclaration (also <?...?> processing instructions, parsed as bogus comments).
            // The Document itself is an Element and handled above.
            return FilterResult.SKIP_ENTIRELY;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element element && !INLINE.contains(element.normalName())) {
                out.append(' ');
            }
            return FilterResult.CONTINUE;
        }
    }

    @Override
    public String toString() {
        return "markup(jsoup html5: text nodes, entities decoded, script/style/comments dropped,"
                + " non-inline element boundaries -> space)";
    }
}
