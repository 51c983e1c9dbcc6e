package org.textclf.preprocess.clean;

/**
 * One character-level step of a {@link org.textclf.preprocess.TextPipeline}: text in, text out.
 *
 * <p>Implementations are immutable and thread-safe; one instance is shared by all threads that use a pipeline.
 * {@link #toString()} names the stage and its behaviour so that a pipeline's {@code toString()} shows exactly
 * what ran.
 */
public interface CleaningStage {

    /**
     * Applies this stage.
     *
     * @param text never {@code null}
     * @return the transformed text, never {@code null}
     */
    String apply(String text);
}
