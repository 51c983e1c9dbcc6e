package org.textclf.corpora;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic, seeded, stratified splits.
 *
 * <p>Documents are grouped into strata by label: a single-label document by its label, a multi-label document by
 * its <em>sorted label set</em> (so {@code [b, a]} and {@code [a, b]} share a stratum), unlabelled documents form
 * one stratum. Each stratum of {@code n} documents is shuffled with its own {@link Random} seeded from
 * {@code seed} and the stratum's key, and cut into parts of sizes given by the largest-remainder method:
 * each part gets {@code floor(n * fraction)}, and the documents left over go one each to the parts with the largest
 * fractional remainders (ties: train, then valid, then test). Hence every stratum's part sizes sum to exactly
 * {@code n}, differ from {@code n * fraction} by less than one, and a one-document class always lands in train
 * (with the default 70/15/15). Because each stratum has its own random stream, adding or removing a class does not
 * change how the other classes are split.
 *
 * <p>No document is lost or duplicated; each part keeps the input's relative order (shuffle later for training).
 * Documents are told apart by position, so equal documents are fine.
 *
 * <pre>{@code
 * Split split = Splitter.stratified(docs, 0.7, 0.15, 0.15, 42);
 * Split trainValid = Splitter.holdOut(officialTrain, 0.1, 42);   // 10 % of train as validation
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class Splitter {

    /** Default train fraction. */
    public static final double DEFAULT_TRAIN = 0.70;
    /** Default validation fraction. */
    public static final double DEFAULT_VALID = 0.15;
    /** Default test fraction. */
    public static final double DEFAULT_TEST = 0.15;

    private static final double EPSILON = 1e-9;

    private Splitter() {
    }

    /** A stratified 70/15/15 split. */
    public static Split stratified(List<Document> docs, long seed) {
        return stratified(docs, DEFAULT_TRAIN, DEFAULT_VALID, DEFAULT_TEST, seed);
    }

    /**
     * A stratified split with the given fractions.
     *
     * @throws IllegalArgumentException when a fraction is negative or not finite, train is 0, or the fractions do
     *                                  not sum to 1 (within 1e-6)
     */
    public static Split stratified(List<Document> docs, double train, double valid, double test, long seed) {
        checkFraction("train", train);
        checkFraction("valid", valid);
        checkFraction("test", test);
        if (train <= 0) {
            throw new IllegalArgumentException("train fraction must be > 0, was " + train);
        }
        if (Math.abs(train + valid + test - 1.0) > 1e-6) {
            throw new IllegalArgumentException("train + valid + test must be 1, was " + train + " + " + valid
                    + " + " + test + " = " + (train + valid + test));
        }
        double[] fractions = {train, valid, test};
        Map<List<String>, List<Integer>> strata = new LinkedHashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            strata.computeIfAbsent(stratum(docs.get(i)), k -> new ArrayList<>()).add(i);
        }
        byte[] part = new byte[docs.size()];
        for (Map.Entry<List<String>, List<Integer>> e : strata.entrySet()) {
            List<Integer> members = new ArrayList<>(e.getValue());
            Collections.shuffle(members, new Random(mix(seed, e.getKey())));
            int[] sizes = partSizes(members.size(), fractions);
            int k = 0;
            for (byte p = 0; p < 3; p++) {
                for (int j = 0; j < sizes[p]; j++) {
                    part[members.get(k++)] = p;
                }
            }
        }
        List<Document> tr = new ArrayList<>();
        List<Document> va = new ArrayList<>();
        List<Document> te = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            (part[i] == 0 ? tr : part[i] == 1 ? va : te).add(docs.get(i));
        }
        return new Split(tr, va, te);
    }

    /**
     * Holds out {@code validFraction} of {@code train} (stratified) as validation; the test part is empty.
     *
     * @throws IllegalArgumentException unless {@code 0 <= validFraction < 1}
     */
    public static Split holdOut(List<Document> train, double validFraction, long seed) {
        checkFraction("validFraction", validFraction);
        if (validFraction >= 1) {
            throw new IllegalArgumentException("validFraction must be < 1, was " + validFraction);
        }
        return stratified(train, 1.0 - validFraction, validFraction, 0.0, seed);
    }

    /** The stratum of a document: its labels, sorted (empty for an unlabelled document). */
    public static List<String> stratum(Document doc) {
        if (doc.labels().size() <= 1) {
            return doc.labels();
        }
        List<String> sorted = new ArrayList<>(doc.labels());
        Collections.sort(sorted);
        return List.copyOf(sorted);
    }

    /** Part sizes for {@code n} documents by the largest-remainder method (see class comment). */
    static int[] partSizes(int n, double[] fractions) {
        int[] sizes = new int[fractions.length];
        double[] rest = new double[fractions.length];
        int assigned = 0;
        for (int p = 0; p < fractions.length; p++) {
            double exact = n * fractions[p];
            sizes[p] = (int) Math.floor(exact + EPSILON);
            rest[p] = Math.max(0, exact - sizes[p]);
            assigned += sizes[p];
        }
        for (int left = n - assigned; left > 0; left--) {
            int best = 0;
            for (int p = 1; p < fractions.length; p++) {
                if (fractions[p] > 0 && rest[p] > rest[best] + EPSILON) {
                    best = p;
                }
            }
            sizes[best]++;
            rest[best] = -1;
        }
        return sizes;
    }

    private static long mix(long seed, List<String> key) {
        long h = seed * 0x9E3779B97F4A7C15L + key.hashCode();
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    private static void checkFraction(String what, double f) {
        if (!Double.isFinite(f) || f < 0) {
            throw new IllegalArgumentException(what + " fraction must be a finite number >= 0, was " + f);
        }
    }
}
