/**
 * Step 1 of the network: token ids -> vectors. {@link org.textclf.models.embed.EmbeddingLookup}
 * replaces SameDiff's {@code gather} for embeddings because the latter's gradient is wrong for
 * repeated ids in ND4J 1.0.0-M2.1.
 */
package org.textclf.models.embed;
