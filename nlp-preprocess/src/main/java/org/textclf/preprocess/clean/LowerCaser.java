package org.textclf.preprocess.clean;

import java.util.Locale;

/**
 * Step 2 of the default pipeline: lower-cases with {@link Locale#ROOT}, never the default locale, so that
 * {@code "I"} becomes {@code "i"} on a Turkish machine too (the default locale would give a dotless {@code "ı"}).
 *
 * <p>{@link String#toLowerCase(Locale)} is used rather than a per-code-point {@link Character#toLowerCase(int)}
 * because it applies the context-dependent rules of Unicode's SpecialCasing (final sigma, {@code İ}) and returns
 * the same instance when nothing changes. Immutable and thread-safe.
 */
public final class LowerCaser implements CleaningStage {

    /** The only instance: the stage has no parameters. */
    public static final LowerCaser INSTANCE = new LowerCaser();

    private LowerCaser() {
    }

    @Override
    public String apply(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "lowercase(Locale.ROOT)";
    }
}
