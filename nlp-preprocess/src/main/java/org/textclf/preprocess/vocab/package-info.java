/**
 * Token ids: {@link org.textclf.preprocess.vocab.Vocabulary} (frozen, with {@code <pad>} = 0 and {@code <unk>} = 1,
 * saved as a checksummed one-token-per-line text file) and the {@link org.textclf.preprocess.vocab.VocabularyBuilder}
 * that makes one from training documents only; {@link org.textclf.preprocess.vocab.CoverageStats} reports OOV rates.
 */
package org.textclf.preprocess.vocab;
