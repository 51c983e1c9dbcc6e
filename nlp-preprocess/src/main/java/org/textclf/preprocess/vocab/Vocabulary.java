package org.textclf.preprocess.vocab;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A frozen token-to-id map, built from training documents only ({@link #builder()}) and passed explicitly to
 * everything downstream. Id {@value #PAD_ID} is {@value #PAD}, id {@value #UNK_ID} is {@value #UNK}, then the
 * tokens by descending training count, ties in Unicode code point order.
 *
 * <h2>File format</h2>
 * Plain UTF-8 text, lines separated by {@code \n}: line {@code i} (counting from 0) holds the token with id
 * {@code i}, starting with {@code <pad>} and {@code <unk>}; after the tokens one trailer line
 * <pre>#textclf-vocab v1 size=&lt;number of tokens&gt; sha256=&lt;64 hex digits&gt;</pre>
 * where the hash is SHA-256 of the bytes of all token lines (each token followed by {@code \n}), i.e. of the file
 * without its last line: {@code head -n -1 vocab.txt | sha256sum} prints it. {@link #checksum()} returns the same
 * value. Reading verifies the trailer, the token count (a truncated file fails) and the hash (an edited file
 * fails). Tokens are never empty and never contain {@code \n} or {@code \r} — such a token is rejected when the
 * vocabulary is built, so a vocabulary that exists can always be written losslessly.
 *
 * <pre>{@code
 * VocabularyBuilder b = Vocabulary.builder().maxSize(20_000).minCount(2);
 * trainDocs.forEach(doc -> b.add(pipeline.tokens(doc.text())));
 * Vocabulary vocab = b.build();
 * vocab.write(Path.of("vocab.txt"));
 * Vocabulary again = Vocabulary.read(Path.of("vocab.txt"));   // equals(vocab)
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class Vocabulary {

    /** The padding token. */
    public static final String PAD = "<pad>";
    /** The unknown-token token. */
    public static final String UNK = "<unk>";
    /** Id of {@link #PAD}; padded slots of a batch hold it. */
    public static final int PAD_ID = 0;
    /** Id of {@link #UNK}; every token not in the vocabulary maps to it. */
    public static final int UNK_ID = 1;

    /** Start of the trailer line. */
    static final String TRAILER_PREFIX = "#textclf-vocab ";
    private static final Pattern TRAILER = Pattern.compile("#textclf-vocab v1 size=(\\d{1,10}) sha256=([0-9a-f]{64})");

    private final String[] tokens;
    /**
     * Two open-addressing hash tables over the frozen tokens, built once here and never changed: {@code front} holds
     * the {@value #FRONT} most frequent tokens (ids below it), {@code rest} the others. Why two: token occurrences
     * follow Zipf's law, so most lookups are for a few thousand tokens, and a table of only those (128 KB) stays in
     * the CPU cache, while their slots in one big table would be spread over as many cache lines as there are hot
     * tokens.
     *
     * <p>A slot is two longs, {@code [2s]} and {@code [2s + 1]}, both 0 when empty; linear probing, at most 2/3 full.
     * A token of at most {@value #PACKED} chars, each in U+0001..U+00FF (almost every token of a Latin-script text),
     * is stored whole inside its slot: {@code [2s]} is its {@link #pack packed} form, {@code [2s + 1]} its id in the
     * high half (low half 1), and it sits at the slot chosen by the packed form. So a hit costs one read of one slot,
     * one cache line, and no character comparison. Any other token has {@code [2s] = 0} (no packed form is 0),
     * {@code [2s + 1] = (String hash << 32) | (entry position + 1)}, and sits at the slot chosen by its
     * {@link String#hashCode()}; a hit is checked against its characters in {@link #entries}.
     */
    private final long[] front;
    private final int frontBits;
    private final long[] rest;
    private final int restBits;
    /**
     * Tokens of {@value #PACKED} + 1 to {@value #MID} chars, each in U+0001..U+00FF (most of the longer tokens of a
     * Latin-script text: about 7 % of English running text but a third of its vocabulary) stored whole in a table of
     * their own: a slot is four longs, the packed forms of chars 0-7 and 8-15, then the id in the high half (low half
     * 1), then 0. A hit reads one slot instead of a slot and an entry.
     */
    private final long[] mid;
    private final int midBits;
    /**
     * Every token as one entry, in id order: id (2 chars), length (2 chars), the token's characters. Read only for
     * tokens without a packed form: a slot points at its entry, so checking a hit reads the slot and one place in
     * this array.
     */
    private final char[] entries;
    private final String checksum;

    /** Number of most frequent tokens in the small table. */
    static final int FRONT = 4096;
    /** Longest token stored inside its slot: 8 chars of one byte each fill a long. */
    public static final int PACKED = 8;
    /** Longest token of the {@code mid} table: two longs. */
    public static final int MID = 16;

    private Vocabulary(String[] tokens) {
        this.tokens = tokens;
        int midSize = 0;
        for (String t : tokens) {
            if (isMid(t)) {
                midSize++;
            }
        }
        this.mid = new long[4 * tableSize(midSize)];
        this.midBits = Integer.numberOfTrailingZeros(mid.length) - 2;
        int frontSize = Math.min(FRONT, tokens.length);
        int restSize = tokens.length - frontSize; // an upper bound: mid tokens go to their own table
        this.front = new long[2 * tableSize(frontSize)];
        this.frontBits = Integer.numberOfTrailingZeros(front.length) - 1;
        this.rest = new long[2 * tableSize(restSize)];
        this.restBits = Integer.numberOfTrailingZeros(rest.length) - 1;
        long total = 0;
        for (String t : tokens) {
            total += t.length() + 4;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tokens have " + total + " characters in total, more than an array holds");
        }
        this.entries = new char[(int) total];
        int[] at = new int[tokens.length];
        int next = 0;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            at[i] = next;
            entries[next] = (char) (i >>> 16);
            entries[next + 1] = (char) i;
            entries[next + 2] = (char) (t.length() >>> 16);
            entries[next + 3] = (char) t.length();
            t.getChars(0, t.length(), entries, next + 4);
            next += t.length() + 4;
        }
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            int other = find(t);
            if (other >= 0) {
                throw new IllegalArgumentException("token '" + t + "' occurs at ids " + other + " and " + i);
            }
            if (isMid(t)) {
                long k0 = packRange(t, 0, PACKED);
                long k1 = packRange(t, PACKED, t.length());
                int slot = midSlot(k0, k1, midBits);
                while (mid[slot + 2] != 0) {
                    slot = (slot + 4) & (mid.length - 1);
                }
                mid[slot] = k0;
                mid[slot + 1] = k1;
                mid[slot + 2] = (long) i << 32 | 1;
                continue;
            }
            long[] table = i < FRONT ? front : rest;
            int bits = i < FRONT ? frontBits : restBits;
            long packed = pack(t);
            int slot = packed != 0 ? packedSlot(packed, bits) : hashSlot(t.hashCode(), bits);
            while (table[slot + 1] != 0) {
                slot = (slot + 2) & (table.length - 1);
            }
            if (packed != 0) {
                table[slot] = packed;
                table[slot + 1] = (long) i << 32 | 1;
            } else {
                table[slot + 1] = (long) t.hashCode() << 32 | (at[i] + 1);
            }
        }
        this.checksum = HexFormat.of().formatHex(sha256(canonical(tokens)));
    }

    /** A power of two at least 1.5 times {@code n} (at most 2/3 full: short probe runs), at least 4. */
    private static int tableSize(int n) {
        return 1 << Math.max(2, 32 - Integer.numberOfLeadingZeros(n + n / 2));
    }

    /**
     * The token's chars, one byte each, first char in the lowest byte; 0 when the token has more than
     * {@value #PACKED} chars or a char outside U+0001..U+00FF. Distinct tokens have distinct packed forms: no char
     * is 0, so the zero bytes above the last char give the length.
     */
    static long pack(String token) {
        return token.length() <= PACKED ? packRange(token, 0, token.length()) : 0;
    }

    /**
     * The packed form of the token {@code chars[offset, offset + length)}, as {@link #id(char[], int, int, long)}
     * takes it: its chars one byte each, the first in the lowest byte, when it has at most {@value #PACKED} chars,
     * each in U+0001..U+00FF; otherwise 0.
     *
     * @throws IndexOutOfBoundsException when the range is outside {@code chars}
     */
    public static long pack(char[] chars, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, chars.length);
        return length <= PACKED ? packRange(chars, offset, offset + length) : 0;
    }

    /** Chars {@code [from, to)} (at most 8) one byte each, first lowest; 0 if one is outside U+0001..U+00FF. */
    private static long packRange(String token, int from, int to) {
        long packed = 0;
        int bad = 0;
        for (int k = from; k < to; k++) {
            int c = token.charAt(k);
            bad |= (c >>> 8) | ((c - 1) >> 31);
            packed |= (long) c << ((k - from) << 3);
        }
        return bad == 0 ? packed : 0;
    }

    private static long packRange(char[] chars, int from, int to) {
        long packed = 0;
        int bad = 0;
        for (int k = from; k < to; k++) {
            int c = chars[k];
            bad |= (c >>> 8) | ((c - 1) >> 31);
            packed |= (long) c << ((k - from) << 3);
        }
        return bad == 0 ? packed : 0;
    }

    /** Whether the token goes to the {@code mid} table. */
    static boolean isMid(String t) {
        return t.length() > PACKED && t.length() <= MID && packRange(t, 0, PACKED) != 0
                && packRange(t, PACKED, t.length()) != 0;
    }

    /** First slot for a mid token (chars 0-7 and 8-15 packed). */
    private static int midSlot(long k0, long k1, int bits) {
        return (int) (((k0 + k1 * 0xC2B2AE3D27D4EB4FL) * 0x9E3779B97F4A7C15L) >>> (64 - bits)) << 2;
    }

    /** The id of the mid token packed as k0, k1, or -1. */
    private int findMid(long k0, long k1) {
        long[] table = mid;
        int mask = table.length - 1;
        for (int slot = midSlot(k0, k1, midBits); ; slot = (slot + 4) & mask) {
            long meta = table[slot + 2];
            if (meta == 0) {
                return -1;
            }
            if (table[slot] == k0 && table[slot + 1] == k1) {
                return (int) (meta >>> 32);
            }
        }
    }

    /** First slot (index of its first long) for a packed token: Fibonacci hashing of all 64 bits. */
    private static int packedSlot(long packed, int bits) {
        return (int) ((packed * 0x9E3779B97F4A7C15L) >>> (64 - bits)) << 1;
    }

    /** First slot for another token: Fibonacci hashing, as String hashes of similar tokens differ in low bits only. */
    private static int hashSlot(int hash, int bits) {
        return ((hash * 0x9E3779B9) >>> (32 - bits)) << 1;
    }

    /**
     * A vocabulary with exactly these tokens in id order.
     *
     * @throws IllegalArgumentException unless the list starts with {@code <pad>}, {@code <unk>} and has no empty,
     *                                  duplicate or line-break-containing token
     */
    public static Vocabulary of(List<String> tokens) {
        String[] array = tokens.toArray(new String[0]);
        if (array.length < 2 || !PAD.equals(array[0]) || !UNK.equals(array[1])) {
            throw new IllegalArgumentException("a vocabulary must start with " + PAD + ", " + UNK + " but starts with "
                    + tokens.subList(0, Math.min(2, tokens.size())));
        }
        for (int i = 0; i < array.length; i++) {
            String problem = tokenProblem(array[i]);
            if (problem != null) {
                throw new IllegalArgumentException("token at id " + i + " " + problem);
            }
        }
        return new Vocabulary(array);
    }

    /**
     * Like {@link #id(char[], int, int)} with the token's packed form computed by the caller while it wrote the
     * chars, so that the lookup of a short token reads nothing but one table slot.
     *
     * @param packed {@link #pack(char[], int, int) pack(chars, offset, length)}; a wrong non-zero value gives a
     *               wrong id (for 0 the chars are looked up as they are)
     * @throws IndexOutOfBoundsException when the range is outside {@code chars}
     */
    public int id(char[] chars, int offset, int length, long packed) {
        Objects.checkFromIndexSize(offset, length, chars.length);
        if (packed == 0) {
            return idOfChars(chars, offset, length);
        }
        int found = findPacked(front, frontBits, packed);
        if (found < 0) {
            found = findPacked(rest, restBits, packed);
        }
        return found < 0 ? UNK_ID : found;
    }

    /**
     * The id of the token of at most {@value #MID} chars given by its packed halves, as in {@link #ids}, or
     * {@link #UNK_ID} when absent.
     *
     * @param first the packed form of its first {@value #PACKED} chars, not 0
     * @param next  the packed form of its chars 9-16, 0 for a token of at most {@value #PACKED} chars
     * @throws IllegalArgumentException when {@code first} is 0
     */
    public int idOfPacked(long first, long next) {
        if (first == 0) {
            throw new IllegalArgumentException("a packed token is never 0");
        }
        int found;
        if (next != 0) {
            found = findMid(first, next);
        } else {
            found = findPacked(front, frontBits, first);
            if (found < 0) {
                found = findPacked(rest, restBits, first);
            }
        }
        return found < 0 ? UNK_ID : found;
    }

    /**
     * The ids of a batch of tokens of at most {@value #MID} chars given by their packed forms, faster than one
     * {@link #id(char[], int, int, long)} call per token: the table slots of the whole batch are read first, in a loop
     * whose reads do not depend on each other, so that the CPU overlaps their cache misses; the lookups proper then
     * find them in the cache. Token {@code k} (of {@code [0, n)}) is given by {@code first[k]}, the packed form of its
     * first {@value #PACKED} chars, and {@code next[k]}, the packed form of the others (0 for a token of at most
     * {@value #PACKED} chars), each {@link #pack(char[], int, int)} of its part; {@code ids[offset + k]} becomes its id
     * ({@link #UNK_ID} when absent). When {@code first[k]} is 0 (a token without packed form), {@code ids[offset + k]}
     * is left as it is.
     *
     * @param first  packed forms of the tokens' first 8 chars, 0 for a token to skip
     * @param next   packed forms of their chars 9-16, 0 for tokens of at most 8 chars
     * @param ids    receives the ids
     * @param offset where the id of token 0 goes
     * @param n      number of tokens
     * @throws IndexOutOfBoundsException when {@code n} exceeds {@code first}, {@code next} or {@code ids} from
     *                                   {@code offset}
     */
    public void ids(long[] first, long[] next, int[] ids, int offset, int n) {
        Objects.checkFromIndexSize(0, n, first.length);
        Objects.checkFromIndexSize(0, n, next.length);
        Objects.checkFromIndexSize(offset, n, ids.length);
        long[] front = this.front;
        long[] rest = this.rest;
        long[] mid = this.mid;
        // The front table first: it holds the most frequent tokens (89 % of IMDB's running tokens), is small enough to
        // stay in the cache, and most tokens end there. Only for the others is the slot they need in the rest or mid
        // table read, at once, in this loop of independent reads, so that the CPU overlaps those cache misses; the
        // second loop then finds them in the cache. Reading a rest slot for every token, as before, cost a random
        // read of a 2 MB table per token, wasted for the front hits and evicting the front table's lines.
        long touched = 0;
        boolean pending = false;
        for (int k = 0; k < n; k++) {
            long p = first[k];
            if (p == 0) {
                continue;
            }
            long q = next[k];
            if (q == 0) {
                int found = findPacked(front, frontBits, p);
                if (found >= 0) {
                    ids[offset + k] = found;
                    continue;
                }
                touched += rest[packedSlot(p, restBits) + 1];
            } else {
                touched += mid[midSlot(p, q, midBits) + 2];
            }
            ids[offset + k] = -1; // looked up below
            pending = true;
        }
        if (touched == 0x5DEECE66DL) {
            // a harmless branch on the sum, so that the compiler cannot drop the reads as unused
            Thread.onSpinWait();
        }
        if (!pending) {
            return;
        }
        for (int k = 0; k < n; k++) {
            if (first[k] != 0 && ids[offset + k] == -1) {
                long p = first[k];
                long q = next[k];
                int found = q != 0 ? findMid(p, q) : findPacked(rest, restBits, p);
                ids[offset + k] = found < 0 ? UNK_ID : found;
            }
        }
    }

    /** A builder that counts training tokens. */
    public static VocabularyBuilder builder() {
        return new VocabularyBuilder();
    }

    /** Why {@code token} cannot be stored, or {@code null}; the line-per-token file format needs this. */
    static String tokenProblem(String token) {
        if (token == null) {
            return "is null";
        }
        if (token.isEmpty()) {
            return "is empty";
        }
        int nl = token.indexOf('\n');
        int cr = token.indexOf('\r');
        if (nl >= 0 || cr >= 0) {
            return "'" + token.replace("\n", "\\n").replace("\r", "\\r") + "' contains a line break (U+000"
                    + (nl >= 0 ? "A" : "D") + "); vocabulary files hold one token per line";
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < token.length() && Character.isLowSurrogate(token.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate at index " + i + " (not encodable as UTF-8)";
            }
        }
        return null;
    }

    /** The id of {@code token}, or {@link #UNK_ID} when absent. */
    public int id(String token) {
        int found = find(token);
        return found < 0 ? UNK_ID : found;
    }

    private int find(String token) {
        if (token == null) {
            return -1;
        }
        long packed = pack(token);
        if (packed != 0) {
            int found = findPacked(front, frontBits, packed);
            return found >= 0 ? found : findPacked(rest, restBits, packed);
        }
        if (isMid(token)) {
            return findMid(packRange(token, 0, PACKED), packRange(token, PACKED, token.length()));
        }
        int hash = token.hashCode();
        int found = find(front, frontBits, token, hash);
        return found >= 0 ? found : find(rest, restBits, token, hash);
    }

    /** The id of the token with this packed form in {@code table}, or -1. */
    private static int findPacked(long[] table, int bits, long packed) {
        int mask = table.length - 1;
        for (int slot = packedSlot(packed, bits); ; slot = (slot + 2) & mask) {
            long meta = table[slot + 1];
            if (meta == 0) {
                return -1;
            }
            if (table[slot] == packed) {
                return (int) (meta >>> 32);
            }
        }
    }

    private int find(long[] table, int bits, String token, int hash) {
        int mask = table.length - 1;
        for (int slot = hashSlot(hash, bits); ; slot = (slot + 2) & mask) {
            long meta = table[slot + 1];
            if (meta == 0) {
                return -1;
            }
            if (table[slot] == 0 && (int) (meta >>> 32) == hash) {
                int p = (int) meta - 1;
                if (sameChars(p, token)) {
                    return idAt(p);
                }
            }
        }
    }

    private int find(long[] table, int bits, char[] text, int offset, int length, int hash) {
        int mask = table.length - 1;
        for (int slot = hashSlot(hash, bits); ; slot = (slot + 2) & mask) {
            long meta = table[slot + 1];
            if (meta == 0) {
                return -1;
            }
            if (table[slot] == 0 && (int) (meta >>> 32) == hash) {
                int p = (int) meta - 1;
                if (sameChars(p, text, offset, length)) {
                    return idAt(p);
                }
            }
        }
    }

    private int idAt(int entry) {
        return entries[entry] << 16 | entries[entry + 1];
    }

    private int length(int entry) {
        return entries[entry + 2] << 16 | entries[entry + 3];
    }

    private boolean sameChars(int p, String token) {
        int length = token.length();
        if (length(p) != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (entries[p + 4 + k] != token.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the entry at {@code p} is {@code text[offset, offset + length)}. */
    private boolean sameChars(int p, char[] text, int offset, int length) {
        if (length(p) != length) {
            return false;
        }
        return Arrays.equals(entries, p + 4, p + 4 + length, text, offset, offset + length);
    }

    /**
     * The id of the token made of {@code chars[offset, offset + length)}, or {@link #UNK_ID} when absent: the same as
     * {@code id(new String(chars, offset, length))} without making the String. A short token (at most
     * {@value #PACKED} chars in U+0001..U+00FF, almost every token of a Latin-script text) is found with one read of
     * one table slot.
     *
     * @throws IndexOutOfBoundsException when the range is outside {@code chars}
     */
    public int id(char[] chars, int offset, int length) {
        return id(chars, offset, length, pack(chars, offset, length));
    }

    /** The id of a token without a packed form. */
    private int idOfChars(char[] chars, int offset, int length) {
        if (length > PACKED && length <= MID) {
            long k0 = packRange(chars, offset, offset + PACKED);
            long k1 = packRange(chars, offset + PACKED, offset + length);
            if (k0 != 0 && k1 != 0) {
                int found = findMid(k0, k1);
                return found < 0 ? UNK_ID : found;
            }
        }
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        int found = find(front, frontBits, chars, offset, length, hash);
        if (found < 0) {
            found = find(rest, restBits, chars, offset, length, hash);
        }
        return found < 0 ? UNK_ID : found;
    }

    /**
     * The token with this id.
     *
     * @throws IndexOutOfBoundsException for an id outside {@code [0, size())}
     */
    public String token(int id) {
        Objects.checkIndex(id, tokens.length);
        return tokens[id];
    }

    /** Number of tokens, including the two specials. */
    public int size() {
        return tokens.length;
    }

    /** Whether {@code token} has its own id (true for {@code <pad>} and {@code <unk>}). */
    public boolean contains(String token) {
        return find(token) >= 0;
    }

    /** All tokens in id order (immutable). */
    public List<String> tokens() {
        return List.of(tokens);
    }

    /** SHA-256 (lower-case hex) of the canonical text form: every token followed by {@code \n}, UTF-8. */
    public String checksum() {
        return checksum;
    }

    /**
     * How well this vocabulary covers {@code tokenisedDocs} (typically a validation or test set).
     */
    public CoverageStats coverage(Iterable<List<String>> tokenisedDocs) {
        long documents = 0;
        long total = 0;
        long unknown = 0;
        Map<String, Boolean> types = new HashMap<>();
        for (List<String> doc : tokenisedDocs) {
            documents++;
            for (String t : doc) {
                total++;
                boolean known = id(t) > UNK_ID;
                if (!known) {
                    unknown++;
                }
                types.putIfAbsent(t, known);
            }
        }
        long unknownTypes = types.values().stream().filter(k -> !k).count();
        return new CoverageStats(documents, total, unknown, types.size(), unknownTypes);
    }

    /**
     * Writes the file format atomically: to a temporary file in the same folder, then moved over {@code path}, so a
     * crash never leaves a half-written vocabulary.
     */
    public void write(Path path) {
        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, absolute.getFileName().toString() + ".", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(w);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write vocabulary " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write failure is what the caller needs to see
                }
            }
        }
    }

    /** Writes the file format (tokens, then the trailer) to {@code out}; does not close it. */
    public void write(Writer out) {
        try {
            for (String t : tokens) {
                out.write(t);
                out.write('\n');
            }
            out.write(trailer());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write vocabulary: " + e.getMessage(), e);
        }
    }

    private String trailer() {
        return TRAILER_PREFIX + "v1 size=" + tokens.length + " sha256=" + checksum;
    }

    /** Reads and verifies a vocabulary file (strict UTF-8). */
    public static Vocabulary read(Path path) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vocabulary " + path + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new VocabularyFormatException(path + ": not valid UTF-8 (" + e + ")", e);
        }
        return parse(text, path.toString());
    }

    /** Reads and verifies a vocabulary from {@code in}; {@code sourceName} is used in error messages. */
    public static Vocabulary read(Reader in, String sourceName) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                sb.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vocabulary " + sourceName + ": " + e.getMessage(), e);
        }
        return parse(sb.toString(), sourceName);
    }

    private static Vocabulary parse(String text, String source) {
        if (text.isEmpty()) {
            throw new VocabularyFormatException(source + ": empty file; expected one token per line and the trailer '"
                    + TRAILER_PREFIX + "v1 size=N sha256=...'");
        }
        // Lines are split on \n only; a missing final newline is tolerated.
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        int lastNl = body.lastIndexOf('\n');
        String trailer = body.substring(lastNl + 1);
        long trailerLine = body.chars().filter(c -> c == '\n').count() + 1;
        if (!trailer.startsWith(TRAILER_PREFIX)) {
            throw new VocabularyFormatException(source + ":" + trailerLine + ": missing the trailer line '"
                    + TRAILER_PREFIX + "v1 size=N sha256=...' (file truncated, or not a textclf vocabulary)");
        }
        if (trailer.endsWith("\r")) {
            throw new VocabularyFormatException(source + ":" + trailerLine + ": the file has CRLF line ends (converted "
                    + "by an editor or git?); vocabulary files use LF only");
        }
        Matcher m = TRAILER.matcher(trailer);
        if (!m.matches()) {
            throw new VocabularyFormatException(source + ":" + trailerLine + ": unsupported or malformed trailer '"
                    + trailer + "' (expected '" + TRAILER_PREFIX + "v1 size=N sha256=<64 hex digits>')");
        }
        long size = Long.parseLong(m.group(1));
        String expected = m.group(2);
        String content = lastNl < 0 ? "" : body.substring(0, lastNl + 1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < content.length()) {
            int nl = content.indexOf('\n', start);
            lines.add(content.substring(start, nl));
            start = nl + 1;
        }
        if (lines.size() != size) {
            throw new VocabularyFormatException(source + ": the trailer says " + size + " tokens but the file has "
                    + lines.size() + " (truncated or edited)");
        }
        String actual = HexFormat.of().formatHex(sha256(content.getBytes(StandardCharsets.UTF_8)));
        if (!actual.equals(expected)) {
            throw new VocabularyFormatException(source + ": checksum mismatch: the trailer says sha256=" + expected
                    + " but the tokens hash to " + actual + " (file edited or corrupted)");
        }
        if (size < 2 || !PAD.equals(lines.get(0)) || !UNK.equals(lines.get(1))) {
            throw new VocabularyFormatException(source + ": the first two lines must be " + PAD + " and " + UNK);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String problem = tokenProblem(lines.get(i));
            if (problem != null) {
                throw new VocabularyFormatException(source + ":" + (i + 1) + ": token " + problem);
            }
            if (!seen.add(lines.get(i))) {
                throw new VocabularyFormatException(source + ":" + (i + 1) + ": duplicate token '" + lines.get(i) + "'");
            }
        }
        return new Vocabulary(lines.toArray(new String[0]));
    }

    private static byte[] canonical(String[] tokens) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            sb.append(t).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** Equal when the tokens are equal in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(tokens, v.tokens);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tokens);
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + tokens.length + ", sha256=" + checksum + "]";
    }
}
