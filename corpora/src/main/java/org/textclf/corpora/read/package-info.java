/**
 * Internal: the per-format readers behind {@link org.textclf.corpora.Corpora}, plus strict UTF-8 decoding and
 * {@code \n}-only line splitting. Not part of the API; use {@link org.textclf.corpora.Corpora}. Nothing here is
 * thread-safe.
 */
package org.textclf.corpora.read;
