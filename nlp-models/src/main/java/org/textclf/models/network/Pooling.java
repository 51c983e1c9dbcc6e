package org.textclf.models.network;

/**
 * How per-token states become one document vector. Both ignore padded positions.
 * Immutable and thread-safe.
 */
public enum Pooling {
    /** Learned additive attention over real tokens (weights retrievable per document). */
    ATTENTION,
    /** Mean over real tokens; an empty document pools to the zero vector. */
    MEAN
}
