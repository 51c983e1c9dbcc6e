package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class SplitterTest {

    /** {@code n} documents per label, interleaved, ids {@code <label><i>}. */
    private static List<Document> corpus(Map<String, Integer> counts) {
        List<Document> docs = new ArrayList<>();
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int i = 0; i < max; i++) {
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (i < e.getValue()) {
                    docs.add(Document.labelled(e.getKey() + i, "text " + i, e.getKey()));
                }
            }
        }
        return docs;
    }

    private static Map<String, Integer> perLabel(List<Document> docs) {
        Map<String, Integer> m = new HashMap<>();
        docs.forEach(d -> m.merge(String.join("+", Splitter.stratum(d)), 1, Integer::sum));
        return m;
    }

    private static List<String> ids(List<Document> docs) {
        return docs.stream().map(Document::id).toList();
    }

    @Test
    void partSizesUseLargestRemainders() {
        double[] f = {0.7, 0.15, 0.15};
        assertArrayEquals(new int[] {70, 15, 15}, Splitter.partSizes(100, f));
        assertArrayEquals(new int[] {14, 3, 3}, Splitter.partSizes(20, f));
        assertArrayEquals(new int[] {1, 0, 0}, Splitter.partSizes(1, f));
        assertArrayEquals(new int[] {2, 0, 0}, Splitter.partSizes(2, f));
        assertArrayEquals(new int[] {2, 1, 0}, Splitter.partSizes(3, f));
        assertArrayEquals(new int[] {7, 2, 1}, Splitter.partSizes(10, f));
        assertArrayEquals(new int[] {0, 0, 0}, Splitter.partSizes(0, f));
        assertArrayEquals(new int[] {9, 1, 0}, Splitter.partSizes(10, new double[] {0.9, 0.1, 0.0}));
        assertArrayEquals(new int[] {1, 0, 0}, Splitter.partSizes(1, new double[] {0.5, 0.5, 0.0}));
    }

    @Test
    void stratifiedProportionsPerClassAreExact() {
        List<Document> docs = corpus(Map.of("a", 100, "b", 20, "c", 3, "d", 1));
        Split s = Splitter.stratified(docs, 42);
        assertEquals(Map.of("a", 70, "b", 14, "c", 2, "d", 1), perLabel(s.train()));
        assertEquals(Map.of("a", 15, "b", 3, "c", 1), perLabel(s.valid()));
        assertEquals(Map.of("a", 15, "b", 3), perLabel(s.test()));
        assertEquals(docs.size(), s.size());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        List<Document> docs = corpus(Map.of("x", 50, "y", 30));
        Split a = Splitter.stratified(docs, 0.6, 0.2, 0.2, 7);
        Split b = Splitter.stratified(docs, 0.6, 0.2, 0.2, 7);
        Split c = Splitter.stratified(docs, 0.6, 0.2, 0.2, 8);
        assertEquals(a, b);
        assertNotEquals(ids(a.test()), ids(c.test()));
        assertEquals(perLabel(a.test()), perLabel(c.test()));
    }

    @Test
    void partsKeepInputOrder() {
        List<Document> docs = corpus(Map.of("x", 40, "y", 40));
        Split s = Splitter.stratified(docs, 3);
        for (List<Document> part : List.of(s.train(), s.valid(), s.test())) {
            int last = -1;
            for (Document d : part) {
                int pos = docs.indexOf(d);
                assertTrue(pos > last, "order not kept at " + d.id());
                last = pos;
            }
        }
    }

    @Test
    void addingAClassDoesNotChangeHowOtherClassesSplit() {
        List<Document> two = corpus(Map.of("x", 30, "y", 30));
        List<Document> three = new ArrayList<>(two);
        three.addAll(corpus(Map.of("z", 25)));
        Split a = Splitter.stratified(two, 99);
        Split b = Splitter.stratified(three, 99);
        assertEquals(ids(a.test()), ids(b.test()).stream().filter(id -> !id.startsWith("z")).toList());
    }

    @Test
    void multiLabelStratifiesBySortedLabelSet() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            docs.add(new Document("ab" + i, "t", i % 2 == 0 ? List.of("a", "b") : List.of("b", "a")));
            docs.add(new Document("u" + i, "t", List.of()));
        }
        assertEquals(List.of("a", "b"), Splitter.stratum(docs.get(2)));
        Split s = Splitter.stratified(docs, 0.5, 0.5, 0.0, 1);
        assertEquals(Map.of("a+b", 5, "", 5), perLabel(s.train()));
        assertEquals(Map.of("a+b", 5, "", 5), perLabel(s.valid()));
        assertEquals(List.of(), s.test());
    }

    @Test
    void holdOutTakesAFractionOfTrainAsValidation() {
        List<Document> docs = corpus(Map.of("pos", 50, "neg", 30));
        Split s = Splitter.holdOut(docs, 0.1, 5);
        assertEquals(Map.of("pos", 45, "neg", 27), perLabel(s.train()));
        assertEquals(Map.of("pos", 5, "neg", 3), perLabel(s.valid()));
        assertEquals(List.of(), s.test());
        assertEquals(docs, Splitter.holdOut(docs, 0.0, 5).train());
    }

    @Test
    void invalidFractionsFailFast() {
        List<Document> docs = corpus(Map.of("a", 3));
        assertEquals("train + valid + test must be 1, was 0.7 + 0.2 + 0.2 = 1.0999999999999999",
                assertThrows(IllegalArgumentException.class,
                        () -> Splitter.stratified(docs, 0.7, 0.2, 0.2, 1)).getMessage());
        assertEquals("valid fraction must be a finite number >= 0, was -0.1",
                assertThrows(IllegalArgumentException.class,
                        () -> Splitter.stratified(docs, 0.9, -0.1, 0.2, 1)).getMessage());
        assertEquals("train fraction must be > 0, was 0.0",
                assertThrows(IllegalArgumentException.class,
                        () -> Splitter.stratified(docs, 0.0, 0.5, 0.5, 1)).getMessage());
        assertEquals("validFraction must be < 1, was 1.0",
                assertThrows(IllegalArgumentException.class, () -> Splitter.holdOut(docs, 1.0, 1)).getMessage());
        assertEquals("test fraction must be a finite number >= 0, was NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> Splitter.stratified(docs, 0.5, 0.5, Double.NaN, 1)).getMessage());
    }

    @Test
    void seededRandomCorporaLoseAndDuplicateNothing() {
        Random rnd = new Random(2026);
        for (int round = 0; round < 200; round++) {
            int classes = 1 + rnd.nextInt(6);
            Map<String, Integer> counts = new HashMap<>();
            for (int c = 0; c < classes; c++) {
                counts.put("c" + c, rnd.nextInt(40));
            }
            List<Document> docs = new ArrayList<>(corpus(counts));
            // duplicates of equal documents must each land somewhere exactly once
            if (!docs.isEmpty()) {
                docs.add(docs.get(0));
            }
            double train = 0.05 + rnd.nextDouble() * 0.9;
            double valid = (1 - train) * rnd.nextDouble();
            double test = 1 - train - valid;
            Split s = Splitter.stratified(docs, train, valid, test, rnd.nextLong());
            List<Document> all = Stream.of(s.train(), s.valid(), s.test()).flatMap(List::stream).toList();
            Map<Document, Integer> expected = new HashMap<>();
            docs.forEach(d -> expected.merge(d, 1, Integer::sum));
            Map<Document, Integer> actual = new HashMap<>();
            all.forEach(d -> actual.merge(d, 1, Integer::sum));
            assertEquals(expected, actual, "round " + round);
            Map<String, Integer> total = perLabel(docs);
            Map<String, Integer> tr = perLabel(s.train());
            for (Map.Entry<String, Integer> e : total.entrySet()) {
                int n = e.getValue();
                int got = tr.getOrDefault(e.getKey(), 0);
                assertTrue(Math.abs(got - n * train) < 1 + 1e-9, "round " + round + " class " + e.getKey()
                        + ": " + got + " of " + n + " at " + train);
            }
        }
    }
}
