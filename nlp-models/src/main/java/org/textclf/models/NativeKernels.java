package org.textclf.models;

import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.exception.ND4JIllegalStateException;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Lookup of libnd4j's native kernels for textclf's own ops ({@code EmbeddingLookup}, {@code ResetGateGru},
 * {@code GruBackward}): each has an op name of its own, so that SameDiff's save/load and gradient clone find
 * our Java class and its corrected {@code doDiff}, but executes an existing native kernel. Internal to
 * nlp-models; thread-safe (stateless).
 */
public final class NativeKernels {

    private NativeKernels() {
    }

    /**
     * The descriptor of the native kernel {@code name}, whose hash routes execution to it.
     *
     * @throws ND4JIllegalStateException when the loaded ND4J backend has no such kernel
     */
    public static CustomOpDescriptor descriptor(String name) {
        CustomOpDescriptor desc = Nd4j.getExecutioner().getCustomOperations().get(name);
        if (desc == null) {
            throw new ND4JIllegalStateException("native op '" + name + "' is missing from the ND4J backend");
        }
        return desc;
    }
}
