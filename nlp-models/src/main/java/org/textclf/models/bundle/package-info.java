/**
 * Step 4: the single-file model. {@link org.textclf.models.bundle.ModelBundle} writes and verifies
 * the {@code .textclf} zip (pipeline, vocabulary, labels, network, weights, curves, provenance,
 * SHA-256 manifest).
 */
package org.textclf.models.bundle;
