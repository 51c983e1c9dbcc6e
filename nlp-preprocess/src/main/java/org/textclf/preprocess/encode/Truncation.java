package org.textclf.preprocess.encode;

/** What to keep of a document longer than {@link EncoderConfig#maxLength()}. */
public enum Truncation {
    /** Keep the first {@code maxLength} tokens. */
    HEAD,
    /**
     * Keep the first {@code ceil(maxLength / 2)} and the last {@code floor(maxLength / 2)} tokens (reviews often
     * put the verdict at the end).
     */
    HEAD_TAIL
}
