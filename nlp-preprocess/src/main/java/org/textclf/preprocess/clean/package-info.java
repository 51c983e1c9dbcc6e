/**
 * Character-level cleaning stages, steps 1-4 of a {@link org.textclf.preprocess.TextPipeline}: markup stripping
 * ({@link org.textclf.preprocess.clean.MarkupStripper}), lower-casing
 * ({@link org.textclf.preprocess.clean.LowerCaser}), punctuation/symbol removal
 * ({@link org.textclf.preprocess.clean.PunctuationFilter}) and whitespace normalisation
 * ({@link org.textclf.preprocess.clean.WhitespaceNormalizer}). Every stage is an immutable, thread-safe
 * {@link org.textclf.preprocess.clean.CleaningStage}. {@link org.textclf.preprocess.clean.TokenScanner} is the
 * same steps plus the default tokenizer in one pass, for the one-pass encoder; it is internal (public only for the
 * {@code encode} package).
 */
package org.textclf.preprocess.clean;
