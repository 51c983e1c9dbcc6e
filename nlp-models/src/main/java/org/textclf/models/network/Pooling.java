package org.textclf.models.network;

/**
 * How per-token states become one document vector. None reads a padded position.
 * Immutable and thread-safe.
 */
public enum Pooling {
    /** Learned additive attention over real tokens (weights retrievable per document). */
    ATTENTION,
    /** Mean over real tokens; an empty document pools to the zero vector. */
    MEAN,
    /**
     * Transformer only: a learned [CLS] vector is read before the first token (position 0, always real) and its
     * output state is the document vector, as in BERT. The vector is one extra row of the embedding table, after
     * the vocabulary's; documents keep their own ids, and the network adds the position itself.
     */
    CLS
}
