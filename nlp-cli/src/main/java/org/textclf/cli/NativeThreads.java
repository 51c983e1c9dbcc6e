package org.textclf.cli;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Sets how many threads ND4J's native code uses, from inside the JVM.
 *
 * <p>ND4J reads {@code OMP_NUM_THREADS} once, when its native library loads, and then keeps three separate
 * settings: the OpenMP team size, libnd4j's own thread limits (used by its {@code parallel_for} loops) and the
 * OpenBLAS thread count used by matrix products. Changing the environment variable after start-up does nothing,
 * so {@code --threads} sets all three through the native API. At the small shapes of short texts one thread is
 * often faster than two (thread wake-up costs more than the work), which is why this is a setting at all.
 *
 * <p>In 1.0.0-M2.1 libnd4j ignores {@code setMaxThreads} after start-up (its size is fixed when the library
 * loads); its parallel loops take their thread count from {@code maxMasterThreads}, which can be changed, so that
 * is the one that matters. {@link #describe()} reports the settings that do take effect.
 *
 * <p>Process-wide: call it on the main thread before training or inference starts.
 */
final class NativeThreads {

    private NativeThreads() {
    }

    /** Applies {@code threads} to OpenMP, libnd4j and OpenBLAS. */
    static void apply(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** What the native side reports now, for logs and provenance. */
    static String describe() {
        return "omp=" + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
                + " master=" + Nd4j.getEnvironment().maxMasterThreads()
                + " blas=" + Nd4j.factory().blas().getMaxThreads();
    }
}
