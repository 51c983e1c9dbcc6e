package org.textclf.models.network;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The network families textclf builds. Immutable and thread-safe. */
public enum Architecture {
    /** Embeddings -> GRU (1..n layers, optionally bidirectional) -> masked self-attention -> pooling -> dense. */
    GRU_ATTENTION("gru-attention"),
    /** Scaled embeddings + sinusoidal positions -> N encoder blocks -> pooling (masked mean by default) -> dense. */
    TRANSFORMER("transformer"),
    /** fastText-style: masked mean of word and hashed-bigram embeddings -> dense. */
    BASELINE("baseline");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The name used on the command line and in model files. */
    public String id() {
        return id;
    }

    /** Parses {@link #id()} (case-insensitive); the error lists the valid names. */
    public static Architecture parse(String name) {
        for (Architecture a : values()) {
            if (a.id.equals(name.toLowerCase(Locale.ROOT)) || a.name().equals(name.toUpperCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown model architecture '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
