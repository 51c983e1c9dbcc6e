/**
 * Raw documents, the first stage of the data flow: {@link org.textclf.corpora.Corpora} opens streaming
 * {@link org.textclf.corpora.DocumentReader}s for TSV, CSV, JSON Lines, fastText, directory and plain-line corpora
 * (gzip transparent, strict UTF-8, errors naming file and line); {@link org.textclf.corpora.Splitter} makes seeded,
 * stratified train/valid/test splits; {@link org.textclf.corpora.DefaultCorpus} is the embedded demo corpus.
 *
 * <p>Text is never cleaned here: documents carry their text exactly as stored, markup and all.
 */
package org.textclf.corpora;
