package org.textclf.models.network;

import org.nd4j.linalg.api.buffer.DataType;

/** Floating-point type of weights and activations. Immutable and thread-safe. */
public enum Precision {
    /** Training and inference. */
    FLOAT(DataType.FLOAT),
    /** Gradient checks against finite differences. */
    DOUBLE(DataType.DOUBLE);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }
}
