package org.textclf.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ThreadsTest {

    @Test
    void setsAndReportsTheLimit() {
        int before = Threads.current();
        try {
            Threads.set(1);
            assertEquals(1, Threads.current());
        } finally {
            Threads.set(Math.max(1, before));
        }
        assertEquals("threads must be >= 1, was 0", assertThrows(IllegalArgumentException.class, () -> Threads.set(0)).getMessage());
    }
}
