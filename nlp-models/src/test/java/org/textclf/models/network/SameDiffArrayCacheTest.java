package org.textclf.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.config.ND4JSystemProperties;

class SameDiffArrayCacheTest {

    private static final String KEY = ND4JSystemProperties.SAMEDIFF_MEMORY_CACHE_DISABLE;
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(KEY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(KEY);
        } else {
            System.setProperty(KEY, saved);
        }
    }

    @Test
    void switchesTheCacheOffWhenUnset() {
        System.clearProperty(KEY);
        SameDiffArrayCache.disableUnlessSet();
        assertEquals("false", System.getProperty(KEY));
    }

    @Test
    void keepsTheUsersChoice() {
        System.setProperty(KEY, "true");
        SameDiffArrayCache.disableUnlessSet();
        assertEquals("true", System.getProperty(KEY));
    }
}
