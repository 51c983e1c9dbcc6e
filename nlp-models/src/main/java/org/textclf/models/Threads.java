package org.textclf.models;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Native thread settings for ND4J.
 *
 * <p>ND4J reads {@code OMP_NUM_THREADS} once, when its native library loads, and then keeps separate
 * settings: the OpenMP team size, libnd4j's own limits (its {@code parallel_for} loops take their count
 * from {@code maxMasterThreads}; in 1.0.0-M2.1 {@code maxThreads} is fixed at load time) and the
 * OpenBLAS thread count used by matrix products. Changing the environment variable after start-up does
 * nothing, so {@link #set(int)} sets all of them through the native API. Thread count matters a lot at small shapes (on tiny test graphs
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
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /** What the native side reports now, for logs and provenance. */
    public static String describe() {
        return "omp=" + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
                + " master=" + Nd4j.getEnvironment().maxMasterThreads()
                + " blas=" + Nd4j.factory().blas().getMaxThreads();
    }

    /** ND4J's current limit for its native loops. */
    public static int current() {
        return Nd4j.getEnvironment().maxThreads();
    }
}
