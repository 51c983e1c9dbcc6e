package org.textclf.preprocess.encode;

import java.util.Objects;

/**
 * How documents become id arrays. Immutable and thread-safe; serialises with Jackson as
 * {@code {"maxLength":256,"truncation":"HEAD"}}.
 *
 * @param maxLength  maximum number of ids per document, &ge; 1
 * @param truncation what to keep of a longer document
 */
public record EncoderConfig(int maxLength, Truncation truncation) {

    /** Default maximum length. */
    public static final int DEFAULT_MAX_LENGTH = 256;

    /** Validates the fields. */
    public EncoderConfig {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
        }
        Objects.requireNonNull(truncation, "truncation");
    }

    /** {@value #DEFAULT_MAX_LENGTH} tokens, {@link Truncation#HEAD}. */
    public static EncoderConfig defaults() {
        return new EncoderConfig(DEFAULT_MAX_LENGTH, Truncation.HEAD);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link EncoderConfig}; not thread-safe. */
    public static final class Builder {
        private int maxLength = DEFAULT_MAX_LENGTH;
        private Truncation truncation = Truncation.HEAD;

        private Builder() {
        }

        /** Maximum ids per document. */
        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /** Truncation strategy. */
        public Builder truncation(Truncation truncation) {
            this.truncation = truncation;
            return this;
        }

        /** The validated config. */
        public EncoderConfig build() {
            return new EncoderConfig(maxLength, truncation);
        }
    }
}
