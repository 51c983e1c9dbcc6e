package org.textclf.models;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Native thread settings for ND4J. Thread count matters a lot at small shapes (on tiny test graphs
 * two OpenMP threads were ~15x slower than one), so choose it deliberately: the physical core count
 * for large batches, 1 for tiny ones, and measure. Setting {@code OMP_NUM_THREADS} before the JVM
 * starts has the same effect for ND4J's own loops. Thread-safe, but affects the whole process.
 */
public final class Threads {

    private Threads() {
    }

    /** Limits ND4J's native loops and its BLAS to {@code n} threads. */
    public static void set(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + n);
        }
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /** ND4J's current limit for its native loops. */
    public static int current() {
        return Nd4j.getEnvironment().maxThreads();
    }
}
