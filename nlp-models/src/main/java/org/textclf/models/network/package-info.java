/**
 * Step 2: ids + padding mask -> class probabilities. {@link org.textclf.models.network.NetworkFactory}
 * builds SameDiff graphs for a {@link org.textclf.models.network.NetworkConfig} (GRU + attention,
 * Transformer encoder, fastText-style baseline); {@link org.textclf.models.network.TextNetwork}
 * feeds padded batches through them. Padding never changes a prediction.
 */
package org.textclf.models.network;
