/**
 * Tokenizers, step 5 of a {@link org.textclf.preprocess.TextPipeline}, made by name with
 * {@link org.textclf.preprocess.tokenize.Tokenizers#create(String)}: {@code default} (split on spaces),
 * {@code corenlp} (Stanford PTB tokenizer) and the Lucene analyzers {@code lucene-standard},
 * {@code lucene-english}, {@code lucene-dutch}. All are immutable and thread-safe.
 */
package org.textclf.preprocess.tokenize;
