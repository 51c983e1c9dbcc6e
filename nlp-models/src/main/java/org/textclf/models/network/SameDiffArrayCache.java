package org.textclf.models.network;

import org.nd4j.common.config.ND4JSystemProperties;

/**
 * Switches off ND4J 1.0.0-M2.1's SameDiff array cache for the JVM, unless the user chose a setting.
 *
 * <p>The cache (an {@code ArrayCacheMemoryMgr} per graph and thread, meant to stay under a quarter of
 * JavaCPP's maxBytes) does not keep to its limit when array shapes vary, as they do when every batch is
 * padded to its longest document. Measured here: classifying IMDB reviews in batches of 32 with a GRU,
 * native memory grew by ~5 MB per batch (343 MB -> 1,277 MB after 175 batches); training the GRU+attention
 * and Transformer models on IMDB with length-bucketed batches, each process grew from ~4 GB at step 100 to
 * ~9.5 GB within 1.1 epochs until the run was stopped. With the cache off both stay flat. The switch is the
 * system property {@code org.nd4j.autodiff.samediff} ({@code false} = off), read when a session is created,
 * so callers run this before they build or run any graph: {@code Trainer} and {@code Classifier} do it when
 * their class is loaded. Thread-safe (idempotent).
 */
public final class SameDiffArrayCache {

    private SameDiffArrayCache() {
    }

    /** Sets {@code org.nd4j.autodiff.samediff=false} unless the property already has a value. */
    public static void disableUnlessSet() {
        synchronized (System.getProperties()) {
            if (System.getProperty(ND4JSystemProperties.SAMEDIFF_MEMORY_CACHE_DISABLE) == null) {
                System.setProperty(ND4JSystemProperties.SAMEDIFF_MEMORY_CACHE_DISABLE, "false");
            }
        }
    }
}
