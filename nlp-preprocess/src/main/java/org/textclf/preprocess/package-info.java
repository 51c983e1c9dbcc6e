/**
 * Raw document text to cleaned text to tokens (and, in the sub-packages {@code vocab} and {@code encode}, tokens to
 * ids and padding masks).
 *
 * <p>The front door is {@link org.textclf.preprocess.TextPipeline}, configured by the JSON-serialisable record
 * {@link org.textclf.preprocess.PipelineConfig}. Stages live in sub-packages named after the data flow:
 * {@link org.textclf.preprocess.clean} for character-level cleaning, {@link org.textclf.preprocess.tokenize} for
 * tokenizers.
 */
package org.textclf.preprocess;
