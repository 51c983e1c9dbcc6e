package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StdoutFilterTest {

    @Test
    void dropsOnlyWholeLinesWithThePrefixAndKeepsTheRestInOrder() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            String result = StdoutFilter.dropping("Added differentiated op ", () -> {
                System.out.println("Added differentiated op multiply_7");
                System.out.println("épée 🍕 stays");
                System.out.print("  Added differentiated op indented stays\nAdded differentiated op x\n");
                System.out.println("Added differentiated");
                System.out.print("no newline at the end");
                return "done";
            });
            assertEquals("done", result);
            System.out.println("after");
        } finally {
            System.setOut(original);
        }
        assertEquals("épée 🍕 stays\n  Added differentiated op indented stays\nAdded differentiated\n"
                + "no newline at the endafter\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void restoresSystemOutWhenTheWorkFails() {
        PrintStream original = System.out;
        try {
            StdoutFilter.dropping("x", () -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            assertEquals("boom", expected.getMessage());
        }
        assertEquals(original, System.out);
    }
}
