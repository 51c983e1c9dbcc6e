/**
 * Tokens to model input: {@link org.textclf.preprocess.encode.Encoder} maps tokens to ids with a frozen vocabulary
 * and truncates ({@link org.textclf.preprocess.encode.Truncation}); {@link org.textclf.preprocess.encode.TextEncoder}
 * goes from raw text to the same ids in one pass, without token Strings; {@link org.textclf.preprocess.encode.Batch} pads
 * to a rectangle with a float mask; {@link org.textclf.preprocess.encode.Batcher} groups documents, optionally by
 * length; {@link org.textclf.preprocess.encode.TruncationStats} reports what truncation costs.
 */
package org.textclf.preprocess.encode;
