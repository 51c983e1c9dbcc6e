"""The one text-cleaning function shared by every Python benchmark script.

It mirrors textclf's default ``TextPipeline`` (issue 2, "nlp-preprocess") as far as the Python
standard library allows, so a peer (scikit-learn, fastText, PyTorch) sees the same tokens as the
Java models and accuracy differences come from the models, not from the cleaning:

1. Markup: parsed with ``html.parser``; the output is the text content with entities decoded;
   ``<script>``/``<style>`` content and comments are dropped; ``<br>``, block-level and *unknown*
   elements (e.g. Reuters' ``<TITLE>``, ``<BODY>``) are boundaries (a space), known inline HTML
   elements (``<b>``, ``<i>``, ``<a>``, ``<span>``, ... jsoup's inline list) are not. A ``<`` that
   starts no tag (``a < b``, ``<3``) stays text.
2. Case: ``str.lower()`` (locale independent, like ``Locale.ROOT``; it also applies final sigma).
3. An apostrophe (U+0027 or U+2019) between two letters (Unicode L*) is deleted; every other
   character of Unicode category P*, S* or Cc becomes a space; Cf characters are deleted.
4. Whitespace runs (``str.isspace``: includes NBSP, U+2028, ...) collapse; ends are trimmed.
5. Tokens: split on the spaces.

Known differences from the Java pipeline (jsoup 1.21 on JDK 17), all rare on the corpora here:
- An unterminated tag at the very end of a document (``text <b``) stays text here; jsoup's
  tokenizer drops it. An unterminated comment (``<!-- x``) also stays text here.
- Numeric references to control characters (``&#3;`` in Reuters) become a space here (jsoup gives
  the control character, which step 3 turns into a space: same tokens). Other invalid references
  (``&#0;``, non-characters) follow ``html.unescape`` (U+FFFD or deleted).
- Unicode tables are Python's (``unicodedata.unidata_version``), not the JDK's; they differ only
  for characters added between the two Unicode versions.
- HTML tree-building corrections that jsoup makes (moving misnested content, implied elements)
  are not reproduced: Python's parser is a tokenizer. Text content and boundaries are the same
  for everything except pathological markup.

Run ``/usr/bin/python3 bench/python/textclean.py`` to self-test on literal examples, or with
``--preprocess FILE`` to print ``label<TAB>tokens`` per row like ``./textclf preprocess``.
"""
import re
import sys
import unicodedata
from html.parser import HTMLParser

__all__ = ["clean", "tokens", "read_tsv", "DESCRIPTION"]

DESCRIPTION = ("textclean.py: html.parser text (inline elements joined, others boundaries, script/style/comments "
               "dropped, entities decoded) -> lower -> delete apostrophe between letters -> P*/S*/Cc to space, "
               "Cf deleted -> squeeze whitespace -> split")

# jsoup's Tag.java inline tags (1.x): these do not separate words; every other element does.
_INLINE = frozenset("""
object base font tt i b u big small em strong dfn code samp kbd var cite abbr time acronym mark ruby rt rp rtc
a img wbr map q sub sup bdo iframe embed span input select textarea label button optgroup option legend datalist
keygen output progress meter area param source track summary command device basefont bgsound menuitem data bdi
s strike nobr rb text mi mo msup mn mtext ins del
""".split())
_DROPPED = frozenset(("script", "style"))


def _build_tables():
    """One pass over all code points: translation table for P*/S*/Cc/Cf and the letter class."""
    table = {}
    letter_ranges = []
    start = None
    for cp in range(sys.maxunicode + 1):
        cat = unicodedata.category(chr(cp))
        first = cat[0]
        if first in "PS" or cat == "Cc":
            table[cp] = " "
        elif cat == "Cf":
            table[cp] = None
        if first == "L":
            if start is None:
                start = cp
        elif start is not None:
            letter_ranges.append((start, cp - 1))
            start = None
    if start is not None:
        letter_ranges.append((start, sys.maxunicode))
    cls = "".join(re.escape(chr(a)) if a == b else re.escape(chr(a)) + "-" + re.escape(chr(b))
                  for a, b in letter_ranges)
    return table, cls


_TABLE, _LETTER = _build_tables()
_APOSTROPHE = re.compile("(?<=[" + _LETTER + "])['\u2019](?=[" + _LETTER + "])")
# Numeric references to C0/C1 controls that html.unescape would silently drop (jsoup keeps them
# as characters, which then become spaces): replace them by a space before parsing.
_CONTROL_REF = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,2})|0*([0-9]{1,3}));?")


def _control_ref(m):
    cp = int(m.group(1), 16) if m.group(1) is not None else int(m.group(2))
    if cp in (0x09, 0x0A, 0x0C, 0x0D) or 0x20 <= cp < 0x7F or cp >= 0x80 or cp == 0:
        return m.group(0)  # html.unescape handles these like jsoup (0x80-0x9F: cp1252 mapping)
    return " "


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.skip += 1
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _DROPPED and self.skip > 0:
            self.skip -= 1
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    # comments, doctype, processing instructions: dropped (HTMLParser's defaults ignore them)


def strip_markup(raw):
    """Text content of ``raw`` with entities decoded and element boundaries as spaces."""
    if "<" not in raw and "&" not in raw:
        return raw
    if "&#" in raw:
        raw = _CONTROL_REF.sub(_control_ref, raw)
    p = _Text()
    p.feed(raw)
    p.close()
    return "".join(p.parts)


def clean(raw):
    """Cleaned text: tokens joined by single spaces (empty string for a document without tokens)."""
    text = strip_markup(raw).lower()
    text = _APOSTROPHE.sub("", text)
    text = text.translate(_TABLE)
    return " ".join(text.split())


def tokens(raw):
    """Token list of ``raw`` (``clean(raw).split(' ')`` without the empty token)."""
    return clean(raw).split()


def read_tsv(path):
    """(labels, texts) of a ``label<TAB>text`` file (optionally .gz); rows split on LF only."""
    import gzip
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read().decode("utf-8")
    labels, texts = [], []
    for n, line in enumerate(data.split("\n"), 1):
        if line == "":
            continue
        if "\t" not in line:
            raise ValueError(f"{path}:{n}: expected label<TAB>text but the line has no TAB")
        label, text = line.split("\t", 1)
        labels.append(label)
        texts.append(text)
    return labels, texts


def _self_test():
    cases = [
        ("Great movie!<br /><br />I can't   believe it", "great movie i cant believe it"),
        ("<title>Great</title><body>Fun</body>", "great fun"),
        ("<b>bo</b>ld and <i>it</i>alic", "bold and italic"),
        ("a < b and <3 you", "a b and 3 you"),
        ("caf&eacute; &amp; bar &#39;quoted&#39; &lt;CH&gt;", "café bar quoted ch"),
        ("<TEXT>&#2; <TITLE>CHAMPION &lt;CH> SPLIT</TITLE><BODY>Reuter&#3;</BODY></TEXT>", "champion ch split reuter"),
        ("can\u2019t won't 'quoted' rock'n'roll 90's", "cant wont quoted rocknroll 90 s"),
        ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
        ("ÉCOLE İSTANBUL ΣΟΦΟΣ", "école i\u0307stanbul σοφος"),
        ("nbsp\u00a0tab\tline\u2028end \U0001F600 emoji", "nbsp tab line end emoji"),
        ("<p>x</p><script>var a='<b>'</script><style>p{}</style><!-- c -->y", "x y"),
        ("naïve résumé 3.14 e-mail", "naïve résumé 3 14 e mail"),
        ("", ""),
        ("<br/>", ""),
    ]
    bad = 0
    for raw, want in cases:
        got = clean(raw)
        if got != want:
            bad += 1
            print(f"FAIL {raw!r}: got {got!r}, want {want!r}")
    print(f"{len(cases) - bad}/{len(cases)} cases ok (unicodedata {unicodedata.unidata_version})")
    return bad == 0


def _preprocess(path):
    """Like `./textclf preprocess --input PATH` on a label<TAB>text file: label<TAB>tokens per document."""
    labels, texts = read_tsv(path)
    out = sys.stdout
    for y, x in zip(labels, texts):
        out.write(f"{y}\t{clean(x)}\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--preprocess":
        _preprocess(sys.argv[2])
    elif len(sys.argv) == 1:
        sys.exit(0 if _self_test() else 1)
    else:
        sys.exit("usage: textclean.py                      self-test\n"
                 "       textclean.py --preprocess FILE    label<TAB>cleaned tokens per row of a label<TAB>text file")
