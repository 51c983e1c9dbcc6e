package org.textclf.preprocess.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    private static final String SMALL_SHA = "377814ab6b6f686523a2db3561b621968a151b2c74577bfc35667fb3a76e5f3e";
    private static final String SMALL_FILE = "<pad>\n<unk>\nthe\na\n#textclf-vocab v1 size=4 sha256=" + SMALL_SHA + "\n";

    @TempDir
    Path dir;

    private static Vocabulary build(VocabularyBuilder b, List<List<String>> docs) {
        docs.forEach(b::add);
        return b.build();
    }

    @Test
    void specialsFirstThenCountDescending() {
        Vocabulary v = build(Vocabulary.builder(), List.of(List.of("b", "a", "c", "a"), List.of("c", "a", "d")));
        assertEquals(List.of("<pad>", "<unk>", "a", "c", "b", "d"), v.tokens());
        assertEquals(0, v.id("<pad>"));
        assertEquals(1, v.id("<unk>"));
        assertEquals(2, v.id("a"));
        assertEquals(5, v.id("d"));
        assertEquals(Vocabulary.UNK_ID, v.id("never-seen"));
        assertEquals("c", v.token(3));
        assertEquals(6, v.size());
        assertTrue(v.contains("b"));
        assertTrue(v.contains("<pad>"));
        assertFalse(v.contains("x"));
        assertThrows(IndexOutOfBoundsException.class, () -> v.token(6));
        assertThrows(IndexOutOfBoundsException.class, () -> v.token(-1));
    }

    @Test
    void tiesAreBrokenByCodePointNotUtf16Order() {
        // U+1F600 (a surrogate pair starting with U+D83D) sorts after U+FFFD by code point, before it by UTF-16 unit.
        List<String> tokens = List.of("\uD83D\uDE00", "\uFFFD", "\u00e9", "z", "Z", "za", "\u0131", "I");
        Vocabulary v = build(Vocabulary.builder(), List.of(tokens));
        assertEquals(List.of("<pad>", "<unk>", "I", "Z", "z", "za", "\u00e9", "\u0131", "\uFFFD", "\uD83D\uDE00"),
                v.tokens());
        assertTrue("\uD83D\uDE00".compareTo("\uFFFD") < 0, "String.compareTo differs here, which is the point");
    }

    @Test
    void maxSizeIncludesTheSpecialsAndCutsAfterSorting() {
        List<List<String>> docs = List.of(List.of("x", "y", "y", "z", "z", "z", "w"));
        assertEquals(List.of("<pad>", "<unk>", "z", "y"), build(Vocabulary.builder().maxSize(4), docs).tokens());
        // the cut falls inside the tie w/x: code point order decides
        assertEquals(List.of("<pad>", "<unk>", "z", "y", "w"), build(Vocabulary.builder().maxSize(5), docs).tokens());
        assertEquals(List.of("<pad>", "<unk>"), build(Vocabulary.builder().maxSize(2), docs).tokens());
        assertEquals(6, build(Vocabulary.builder().maxSize(100), docs).size());
        assertEquals("maxSize must be >= 2 (it includes <pad> and <unk>), was 1",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().maxSize(1)).getMessage());
    }

    @Test
    void minCount() {
        List<List<String>> docs = List.of(List.of("x", "y", "y", "z", "z", "z"));
        assertEquals(List.of("<pad>", "<unk>", "z", "y"), build(Vocabulary.builder().minCount(2), docs).tokens());
        assertEquals(List.of("<pad>", "<unk>"), build(Vocabulary.builder().minCount(4), docs).tokens());
        assertEquals(List.of("<pad>", "<unk>", "z"), build(Vocabulary.builder().minCount(2).maxSize(3), docs).tokens());
        assertEquals("minCount must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().minCount(0)).getMessage());
    }

    @Test
    void emptyCorpusAndLiteralSpecials() {
        assertEquals(List.of("<pad>", "<unk>"), Vocabulary.builder().build().tokens());
        VocabularyBuilder b = Vocabulary.builder().add(List.of("<pad>", "<unk>", "x", "<unk>")).add(List.of());
        assertEquals(List.of("<pad>", "<unk>", "x"), b.build().tokens());
        assertEquals(2, b.documents());
        assertEquals(4, b.tokens());
        assertEquals(1, b.types());
        assertEquals(0, b.count("<unk>"));
        assertEquals(1, b.count("x"));
    }

    @Test
    void tokensTheFileCannotHoldAreRefused() {
        assertEquals("document 1 (0-based), token 1 'a\\nb' contains a line break (U+000A); vocabulary files hold one "
                        + "token per line",
                assertThrows(IllegalArgumentException.class,
                        () -> Vocabulary.builder().add(List.of("ok")).add(List.of("fine", "a\nb"))).getMessage());
        assertEquals("document 0 (0-based), token 0 'x\\r' contains a line break (U+000D); vocabulary files hold one "
                        + "token per line",
                assertThrows(IllegalArgumentException.class,
                        () -> Vocabulary.builder().add(List.of("x\r"))).getMessage());
        assertEquals("document 0 (0-based), token 2 is empty", assertThrows(IllegalArgumentException.class,
                () -> Vocabulary.builder().add(List.of("a", "b", ""))).getMessage());
        assertEquals("document 0 (0-based), token 0 contains an unpaired surrogate at index 1 (not encodable as UTF-8)",
                assertThrows(IllegalArgumentException.class,
                        () -> Vocabulary.builder().add(List.of("a\uD83D"))).getMessage());
        assertEquals("token at id 2 'a\\nb' contains a line break (U+000A); vocabulary files hold one token per line",
                assertThrows(IllegalArgumentException.class,
                        () -> Vocabulary.of(List.of("<pad>", "<unk>", "a\nb"))).getMessage());
    }

    @Test
    void ofValidatesSpecialsAndDuplicates() {
        assertEquals("a vocabulary must start with <pad>, <unk> but starts with [<unk>, <pad>]",
                assertThrows(IllegalArgumentException.class,
                        () -> Vocabulary.of(List.of("<unk>", "<pad>"))).getMessage());
        assertEquals("token 'a' occurs at ids 2 and 3", assertThrows(IllegalArgumentException.class,
                () -> Vocabulary.of(List.of("<pad>", "<unk>", "a", "a"))).getMessage());
    }

    @Test
    void fileFormatIsExactAndChecksumIsSha256OfTheTokenLines() throws IOException {
        Vocabulary v = Vocabulary.of(List.of("<pad>", "<unk>", "the", "a"));
        assertEquals(SMALL_SHA, v.checksum());
        StringWriter w = new StringWriter();
        v.write(w);
        assertEquals(SMALL_FILE, w.toString());
        Path file = dir.resolve("sub/vocab.txt");
        v.write(file);
        assertEquals(SMALL_FILE, Files.readString(file, StandardCharsets.UTF_8));
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList(), "no temporary file left behind");
        }
        assertEquals(v, Vocabulary.read(file));
        assertEquals(v, Vocabulary.read(new StringReader(SMALL_FILE), "mem"));
        assertEquals("Vocabulary[size=4, sha256=" + SMALL_SHA + "]", v.toString());
        assertEquals("6b8722924a91a76258ce3759f19bdab2ab8eff8ba6f99f4cc0cad705051ec7ca",
                Vocabulary.builder().build().checksum());
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("v.txt");
        Files.writeString(file, "old content");
        Vocabulary v = Vocabulary.of(List.of("<pad>", "<unk>", "the", "a"));
        v.write(file);
        assertEquals(SMALL_FILE, Files.readString(file));
    }

    private static String readError(String content) {
        return assertThrows(VocabularyFormatException.class,
                () -> Vocabulary.read(new StringReader(content), "v.txt")).getMessage();
    }

    @Test
    void tamperedFilesFailWithAClearMessage() {
        String tamperedHash = sha256Hex("<pad>\n<unk>\nThe\na\n");
        assertEquals("v.txt: checksum mismatch: the trailer says sha256=" + SMALL_SHA + " but the tokens hash to "
                + tamperedHash + " (file edited or corrupted)", readError(SMALL_FILE.replace("\nthe\n", "\nThe\n")));
        assertEquals("v.txt: the trailer says 4 tokens but the file has 3 (truncated or edited)",
                readError(SMALL_FILE.replace("\nthe\n", "\n")));
        assertEquals("v.txt:3: missing the trailer line '#textclf-vocab v1 size=N sha256=...' (file truncated, or "
                + "not a textclf vocabulary)", readError("<pad>\n<unk>\nthe\n"));
        assertEquals("v.txt:5: unsupported or malformed trailer '#textclf-vocab v1 size=4 sha256=3778' (expected "
                        + "'#textclf-vocab v1 size=N sha256=<64 hex digits>')",
                readError(SMALL_FILE.substring(0, SMALL_FILE.indexOf("sha256=") + 11)));
        assertEquals("v.txt:1: unsupported or malformed trailer '#textclf-vocab v2 size=0 sha256=" + SMALL_SHA
                        + "' (expected '#textclf-vocab v1 size=N sha256=<64 hex digits>')",
                readError("#textclf-vocab v2 size=0 sha256=" + SMALL_SHA + "\n"));
        assertEquals("v.txt: empty file; expected one token per line and the trailer '#textclf-vocab v1 size=N "
                + "sha256=...'", readError(""));
        assertEquals("v.txt:5: the file has CRLF line ends (converted by an editor or git?); vocabulary files use LF "
                + "only", readError(SMALL_FILE.replace("\n", "\r\n")));
        // a missing final newline is fine
        assertEquals(4, Vocabulary.read(new StringReader(SMALL_FILE.stripTrailing()), "v.txt").size());
    }

    @Test
    void structurallyBadFilesWithAValidChecksumFail() {
        assertEquals("v.txt:4: duplicate token 'a'", readError(withTrailer("<pad>\n<unk>\na\na\n", 4)));
        assertEquals("v.txt: the first two lines must be <pad> and <unk>", readError(withTrailer("<unk>\n<pad>\n", 2)));
        assertEquals("v.txt:3: token is empty", readError(withTrailer("<pad>\n<unk>\n\n", 3)));
    }

    private static String withTrailer(String content, int size) {
        return content + "#textclf-vocab v1 size=" + size + " sha256=" + sha256Hex(content) + "\n";
    }

    private static String sha256Hex(String content) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void invalidUtf8File() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'<', 'p', 'a', 'd', '>', '\n', (byte) 0xC3, '\n'});
        String message = assertThrows(VocabularyFormatException.class, () -> Vocabulary.read(file)).getMessage();
        assertTrue(message.startsWith(file + ": not valid UTF-8"), message);
    }

    @Test
    void coverageCountsTokensAndTypes() {
        Vocabulary v = Vocabulary.of(List.of("<pad>", "<unk>", "a", "b"));
        CoverageStats s = v.coverage(List.of(List.of("a", "x", "a", "y"), List.of("b", "x", "<pad>"), List.of()));
        assertEquals(new CoverageStats(3, 7, 4, 5, 3), s);
        assertEquals(4.0 / 7, s.tokenOovRate(), 1e-15);
        assertEquals(0.6, s.typeOovRate(), 1e-15);
        assertEquals("documents=3 tokens=7 unknown tokens=4 (OOV 57.14%) types=5 unknown types=3 (60.00%)",
                s.toString());
        assertEquals(0.0, v.coverage(List.of()).tokenOovRate());
    }

    @Test
    void seededRandomCorporaRoundTripAndRespectTheOrdering() throws IOException {
        Random rnd = new Random(11);
        String alphabet = "abcxyzéİıß中😀 #-";
        for (int round = 0; round < 30; round++) {
            List<List<String>> docs = new ArrayList<>();
            for (int d = 0; d < 1 + rnd.nextInt(20); d++) {
                List<String> doc = new ArrayList<>();
                for (int t = 0; t < rnd.nextInt(30); t++) {
                    StringBuilder sb = new StringBuilder();
                    int len = 1 + rnd.nextInt(3);
                    for (int c = 0; c < len; c++) {
                        sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                                rnd.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                    }
                    doc.add(sb.toString());
                }
                docs.add(doc);
            }
            int maxSize = 2 + rnd.nextInt(40);
            int minCount = 1 + rnd.nextInt(3);
            Vocabulary v = build(Vocabulary.builder().maxSize(maxSize).minCount(minCount), docs);
            Map<String, Integer> counts = new HashMap<>();
            docs.forEach(doc -> doc.forEach(t -> counts.merge(t, 1, Integer::sum)));
            assertTrue(v.size() <= maxSize);
            for (int id = 2; id < v.size(); id++) {
                assertTrue(counts.get(v.token(id)) >= minCount);
                assertEquals(id, v.id(v.token(id)));
                if (id > 2) {
                    int prev = counts.get(v.token(id - 1));
                    int cur = counts.get(v.token(id));
                    assertTrue(prev > cur || (prev == cur
                            && VocabularyBuilder.compareCodePoints(v.token(id - 1), v.token(id)) < 0));
                }
            }
            // every token left out has a lower rank than every token kept
            if (v.size() < maxSize) {
                counts.forEach((t, c) -> assertTrue(v.contains(t) || c < minCount, t));
            }
            Path file = dir.resolve("r" + round + ".txt");
            v.write(file);
            Vocabulary back = Vocabulary.read(file);
            assertEquals(v, back);
            assertEquals(v.checksum(), back.checksum());
        }
        assertNotEquals(Vocabulary.of(List.of("<pad>", "<unk>", "a")), Vocabulary.of(List.of("<pad>", "<unk>", "b")));
    }

    @Test
    void charRangeLookupMatchesStringLookup() {
        Vocabulary v = Vocabulary.of(List.of("<pad>", "<unk>", "the", "a", "caf\u00e9", "\ud83d\ude00", "Aa", "BB"));
        char[] buf = "xxthe a caf\u00e9 \ud83d\ude00 Aa BB zz".toCharArray();
        assertEquals(2, v.id(buf, 2, 3));
        assertEquals(3, v.id(buf, 6, 1));
        assertEquals(4, v.id(buf, 8, 4));
        assertEquals(5, v.id(buf, 13, 2));
        assertEquals(6, v.id(buf, 16, 2));                  // "Aa" and "BB" have the same String hash
        assertEquals(7, v.id(buf, 19, 2));
        assertEquals(Vocabulary.UNK_ID, v.id(buf, 22, 2));
        assertEquals(Vocabulary.UNK_ID, v.id(buf, 2, 2));   // "th": a prefix is not the token
        assertEquals(Vocabulary.UNK_ID, v.id((String) null));
        assertFalse(v.contains(null));
        assertThrows(IndexOutOfBoundsException.class, () -> v.id(buf, 30, 5));
    }

    /**
     * Tokens of at most 8 chars in U+0001..U+00FF live inside their table slot, the others are compared with their
     * characters: lookups right at those limits.
     */
    @Test
    void packedAndUnpackedTokensAtTheLimits() {
        Vocabulary v = Vocabulary.of(List.of("<pad>", "<unk>", "abcdefg", "abcdefgh", "abcdefghi", "\u00ff", "\u0100",
                "a\u0000", "a", "\u00e9t\u00e9", "\u0101bcdefgh", "abcdefg\u0101", "xx\u00ffxxxxx"));
        char[] buf = ("abcdefghi\u00ff\u0100a\u0000\u00e9t\u00e9\u0101bcdefghabcdefg\u0101xx\u00ffxxxxx").toCharArray();
        assertEquals(2, v.id(buf, 0, 7));    // 7 chars, packed
        assertEquals(3, v.id(buf, 0, 8));    // 8 chars: a full long
        assertEquals(4, v.id(buf, 0, 9));    // 9 chars: compared by characters
        assertEquals(5, v.id(buf, 9, 1));    // U+00FF: the largest packable char
        assertEquals(6, v.id(buf, 10, 1));   // U+0100: the first one that is not
        assertEquals(7, v.id(buf, 11, 2));   // a NUL char is never packed ("a\0" must not become "a")
        assertEquals(8, v.id(buf, 11, 1));
        assertEquals(9, v.id(buf, 13, 3));
        assertEquals(10, v.id(buf, 16, 8));  // 8 chars, the first not packable
        assertEquals(11, v.id(buf, 24, 8));  // 8 chars, the last not packable
        assertEquals(12, v.id(buf, 32, 8));
        assertEquals(Vocabulary.UNK_ID, v.id(buf, 1, 8));  // "bcdefghi"
        assertEquals(Vocabulary.UNK_ID, v.id(buf, 0, 6));  // a prefix of a packed token
        assertEquals(Vocabulary.UNK_ID, v.id(buf, 16, 7)); // a prefix of an unpacked token
        assertEquals(Vocabulary.UNK_ID, v.id(buf, 12, 1)); // "\0" alone
        for (int id = 0; id < v.size(); id++) {
            assertEquals(id, v.id(v.token(id)));
            assertEquals(id, v.id(v.token(id).toCharArray(), 0, v.token(id).length()));
        }
        assertEquals(0x68676665_64636261L, Vocabulary.pack("abcdefgh"));
        assertEquals(0xE9_74E9L, Vocabulary.pack("\u00e9t\u00e9"));
        assertEquals(0, Vocabulary.pack("abcdefghi"));
        assertEquals(0, Vocabulary.pack("a\u0100"));
        assertEquals(0, Vocabulary.pack("a\u0000"));
    }

    /** Tokens of 9 to 16 chars in U+0001..U+00FF have a table of their own (two packed longs): its limits. */
    @Test
    void midLengthTokensAtTheLimits() {
        List<String> tokens = List.of("<pad>", "<unk>", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq",
                "abcdefgh\u0101", "abcdefghijklmno\u0000", "\u00e9bcdefghijklmn\u00ff", "abcdefgh", "bcdefghi");
        Vocabulary v = Vocabulary.of(tokens);
        assertTrue(Vocabulary.isMid("abcdefghi"));
        assertTrue(Vocabulary.isMid("abcdefghijklmnop"));
        assertFalse(Vocabulary.isMid("abcdefghijklmnopq")); // 17 chars: compared by characters
        assertFalse(Vocabulary.isMid("abcdefgh\u0101"));    // a wide char in the second half
        assertFalse(Vocabulary.isMid("abcdefghijklmno\u0000"));
        assertFalse(Vocabulary.isMid("abcdefgh"));          // 8 chars: one long
        for (int id = 0; id < tokens.size(); id++) {
            String t = tokens.get(id);
            assertEquals(id, v.id(t), t);
            assertEquals(id, v.id(("#" + t + "#").toCharArray(), 1, t.length()), t);
        }
        char[] buf = "abcdefghijklmnopq".toCharArray();
        assertEquals(2, v.id(buf, 0, 9));
        assertEquals(Vocabulary.UNK_ID, v.id(buf, 0, 10));  // between two mid tokens
        assertEquals(Vocabulary.UNK_ID, v.id(buf, 0, 15));  // "abcdefghijklmno" without its NUL
        assertEquals(3, v.id(buf, 0, 16));
        assertEquals(4, v.id(buf, 0, 17));
        assertEquals(Vocabulary.UNK_ID, v.id(buf, 1, 16));
        assertEquals(9, v.id(buf, 1, 8));
        // by packed halves, as the scanner's word-at-a-time path hands tokens over
        assertEquals(2, v.idOfPacked(Vocabulary.pack(buf, 0, 8), Vocabulary.pack(buf, 8, 1)));
        assertEquals(3, v.idOfPacked(Vocabulary.pack(buf, 0, 8), Vocabulary.pack(buf, 8, 8)));
        assertEquals(8, v.idOfPacked(Vocabulary.pack(buf, 0, 8), 0));
        assertEquals(9, v.idOfPacked(Vocabulary.pack(buf, 1, 8), 0));
        assertEquals(Vocabulary.UNK_ID, v.idOfPacked(Vocabulary.pack(buf, 0, 8), Vocabulary.pack(buf, 8, 2)));
        assertEquals(Vocabulary.UNK_ID, v.idOfPacked(Vocabulary.pack(buf, 0, 7), 0));
        assertThrows(IllegalArgumentException.class, () -> v.idOfPacked(0, 0));
    }

    @Test
    void charRangeLookupOnSeededRandomTokens() {
        Random random = new Random(5);
        List<String> tokens = new ArrayList<>(List.of(Vocabulary.PAD, Vocabulary.UNK));
        java.util.Set<String> seen = new java.util.HashSet<>(tokens);
        while (tokens.size() < 5_000) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(random.nextInt(4) == 0 ? 20 : 6); // short, 9-16 (mid) and longer tokens
            for (int k = 0; k < n; k++) {
                sb.append((char) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26)));
            }
            if (seen.add(sb.toString())) {
                tokens.add(sb.toString());
            }
        }
        Vocabulary v = Vocabulary.of(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            char[] padded = ("#" + t + "#").toCharArray();
            assertEquals(i, v.id(padded, 1, t.length()));
            assertEquals(i, v.id(t));
            assertTrue(v.contains(t));
            String absent = t + "\u00e9";
            assertEquals(Vocabulary.UNK_ID, v.id(absent.toCharArray(), 0, absent.length()));
        }
    }
}
