package org.textclf.preprocess.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.textclf.preprocess.vocab.Vocabulary;

class EncoderTest {

    // ids: <pad>=0 <unk>=1 a=2 b=3 c=4 d=5 e=6 f=7
    private static final Vocabulary VOCAB = Vocabulary.of(List.of("<pad>", "<unk>", "a", "b", "c", "d", "e", "f"));

    private static Encoder encoder(int maxLength, Truncation truncation) {
        return new Encoder(VOCAB, EncoderConfig.builder().maxLength(maxLength).truncation(truncation).build());
    }

    @Test
    void encodesKnownAndUnknownTokens() {
        Encoder e = encoder(10, Truncation.HEAD);
        assertArrayEquals(new int[] {2, 1, 4, 1, 1}, e.encode(List.of("a", "zzz", "c", "<unk>", "<pad>")));
        assertArrayEquals(new int[0], e.encode(List.of()));
    }

    @Test
    void headKeepsTheFirstTokens() {
        Encoder e = encoder(3, Truncation.HEAD);
        assertArrayEquals(new int[] {2, 3, 4}, e.encode(List.of("a", "b", "c", "d", "e")));
        assertArrayEquals(new int[] {2, 3, 4}, e.encode(List.of("a", "b", "c")));
        assertArrayEquals(new int[] {2, 3}, e.encode(List.of("a", "b")));
    }

    @Test
    void headTailKeepsCeilHalfFromTheStartAndFloorHalfFromTheEnd() {
        List<String> six = List.of("a", "b", "c", "d", "e", "f");
        assertArrayEquals(new int[] {2, 3, 7}, encoder(3, Truncation.HEAD_TAIL).encode(six));
        assertArrayEquals(new int[] {2, 3, 6, 7}, encoder(4, Truncation.HEAD_TAIL).encode(six));
        assertArrayEquals(new int[] {2}, encoder(1, Truncation.HEAD_TAIL).encode(six));
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 7}, encoder(6, Truncation.HEAD_TAIL).encode(six));
        assertArrayEquals(new int[] {2, 3, 4, 6, 7}, encoder(5, Truncation.HEAD_TAIL).encode(six));
    }

    @Test
    void batchPadsToTheLongestWithAMask() {
        Encoder e = encoder(5, Truncation.HEAD);
        Batch b = e.batch(List.of(e.encode(List.of("a", "b", "c")), e.encode(List.of()), e.encode(List.of("f"))));
        assertEquals(3, b.size());
        assertEquals(3, b.width());
        assertArrayEquals(new int[][] {{2, 3, 4}, {0, 0, 0}, {7, 0, 0}}, b.ids());
        assertArrayEquals(new float[][] {{1, 1, 1}, {0, 0, 0}, {1, 0, 0}}, b.mask());
        assertArrayEquals(new int[] {3, 0, 1}, b.lengths());
        assertArrayEquals(new int[] {2, 3, 4, 0, 0, 0, 7, 0, 0}, b.flatIds());
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 1, 0, 0}, b.flatMask());
        assertEquals(5, b.paddingSlots());
        assertEquals("Batch[size=3, width=3, padding=5]", b.toString());
    }

    @Test
    void batchOfOnlyEmptyDocumentsHasWidthOne() {
        Batch b = Batch.of(List.of(new int[0], new int[0]));
        assertArrayEquals(new int[][] {{0}, {0}}, b.ids());
        assertArrayEquals(new float[][] {{0}, {0}}, b.mask());
        assertArrayEquals(new int[] {0, 0}, b.lengths());
    }

    @Test
    void batchIsImmutable() {
        Batch b = Batch.of(List.of(new int[] {2, 3}));
        b.ids()[0][0] = 99;
        b.lengths()[0] = 99;
        assertArrayEquals(new int[][] {{2, 3}}, b.ids());
        assertArrayEquals(new int[] {2}, b.lengths());
    }

    @Test
    void batchRejectsWhatWouldBreakPadding() {
        assertEquals("a batch needs at least one document",
                assertThrows(IllegalArgumentException.class, () -> Batch.of(List.of())).getMessage());
        assertEquals("document 1 of the batch has id 0 at position 1 (real tokens must have ids > 0)",
                assertThrows(IllegalArgumentException.class,
                        () -> Batch.of(List.of(new int[] {2}, new int[] {3, 0}))).getMessage());
        Encoder e = encoder(2, Truncation.HEAD);
        assertEquals("document 0 of the batch has 3 ids but maxLength is 2",
                assertThrows(IllegalArgumentException.class, () -> e.batch(List.<int[]>of(new int[] {2, 3, 4})))
                        .getMessage());
        assertEquals("document 0 of the batch has id 8 but the vocabulary has 8 entries",
                assertThrows(IllegalArgumentException.class, () -> e.batch(List.<int[]>of(new int[] {8})))
                        .getMessage());
    }

    @Test
    void truncationStatsExact() {
        Encoder e = encoder(3, Truncation.HEAD);
        TruncationStats s = e.truncationStats(List.of(List.of("a"), List.of(), List.of("a", "b", "c", "d", "e"),
                List.of("a", "b", "c"), List.of("a", "b", "c", "d")));
        assertEquals(new TruncationStats(3, 5, 2, 1, 13, 10, 3, 5, 5, 5), s);
        assertEquals(0.4, s.truncatedFraction(), 1e-15);
        assertEquals(3.0 / 13, s.droppedTokenFraction(), 1e-15);
        assertEquals("maxLength=3 documents=5 truncated=2 (40.00%) empty=1 tokens=13 dropped=3 (23.08%) "
                + "length p50=3 p90=5 p99=5 max=5", s.toString());
        assertEquals(new TruncationStats(3, 0, 0, 0, 0, 0, 0, 0, 0, 0), e.truncationStats(List.of()));
    }

    @Test
    void percentilesAreNearestRank() {
        int[] sorted = new int[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(50, TruncationStats.percentile(sorted, 50));
        assertEquals(90, TruncationStats.percentile(sorted, 90));
        assertEquals(99, TruncationStats.percentile(sorted, 99));
        assertEquals(7, TruncationStats.percentile(new int[] {7}, 50));
    }

    @Test
    void configValidatesAndSerialisesAsPlainJson() throws Exception {
        assertEquals("maxLength must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> EncoderConfig.builder().maxLength(0).build()).getMessage());
        assertEquals(new EncoderConfig(256, Truncation.HEAD), EncoderConfig.defaults());
        ObjectMapper json = new ObjectMapper();
        EncoderConfig c = new EncoderConfig(400, Truncation.HEAD_TAIL);
        String text = json.writeValueAsString(c);
        assertEquals("{\"maxLength\":400,\"truncation\":\"HEAD_TAIL\"}", text);
        assertEquals(c, json.readValue(text, EncoderConfig.class));
    }

    @Test
    void seededRandomDocumentsKeepTheRightTokens() {
        Random rnd = new Random(5);
        List<String> tokens = List.of("a", "b", "c", "d", "e", "f", "x", "<pad>");
        for (int round = 0; round < 500; round++) {
            int n = rnd.nextInt(20);
            List<String> doc = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                doc.add(tokens.get(rnd.nextInt(tokens.size())));
            }
            int max = 1 + rnd.nextInt(12);
            Truncation t = rnd.nextBoolean() ? Truncation.HEAD : Truncation.HEAD_TAIL;
            int[] ids = encoder(max, t).encode(doc);
            assertEquals(Math.min(n, max), ids.length);
            int head = n <= max ? n : t == Truncation.HEAD ? max : max - max / 2;
            for (int i = 0; i < ids.length; i++) {
                int source = i < head ? i : n - (ids.length - i);
                int expected = VOCAB.id(doc.get(source));
                assertEquals(expected == 0 ? 1 : expected, ids[i]);
                assertTrue(ids[i] > 0);
            }
        }
    }
}
