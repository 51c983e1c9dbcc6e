package org.textclf.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Streams every {@code ../shared/corpora/<name>/*.tsv.gz} and checks the number of rows and the rows per label
 * against the tables in that corpus's README.md. Skipped when the shared directory is absent.
 */
class SharedCorporaTest {

    private static Path corporaDir() {
        return Path.of(System.getProperty("textclf.shared.dir", "../shared"), "corpora");
    }

    /** From the README: file name to row count ({@code | file | rows | ...} table). */
    static Map<String, Long> rowsTable(List<String> readme) {
        Map<String, Long> rows = new TreeMap<>();
        boolean in = false;
        for (String line : readme) {
            if (line.startsWith("| file | rows |")) {
                in = true;
            } else if (in && line.startsWith("|")) {
                String[] cells = cells(line);
                if (cells[0].endsWith(".tsv.gz")) {
                    rows.put(cells[0], Long.parseLong(cells[1].replace(",", "")));
                }
            } else if (in) {
                in = false;
            }
        }
        return rows;
    }

    /** From the README: file name to (label to rows) ({@code | label | <file> | <file> |} table). */
    static Map<String, Map<String, Long>> labelTable(List<String> readme) {
        Map<String, Map<String, Long>> table = new TreeMap<>();
        String[] files = null;
        for (String line : readme) {
            if (line.startsWith("| label |")) {
                files = cells(line);
            } else if (files != null && line.startsWith("|")) {
                String[] cells = cells(line);
                if (cells[0].startsWith("---")) {
                    continue;
                }
                for (int i = 1; i < cells.length; i++) {
                    table.computeIfAbsent(files[i], k -> new TreeMap<>())
                            .put(cells[0], Long.parseLong(cells[i].replace(",", "")));
                }
            } else if (files != null) {
                files = null;
            }
        }
        return table;
    }

    private static String[] cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        String[] cells = inner.split("\\|");
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip().replace("`", "");
        }
        return cells;
    }

    @Test
    void readmeTablesParse() {
        List<String> readme = List.of("x", "| file | rows | bytes (gz) | sha256 |", "|---|---|---|---|",
                "| test.tsv.gz | 7,532 | 5688869 | `ff` |", "", "| label | test.tsv.gz | train.tsv.gz |",
                "|---|---|---|", "| alt.atheism | 319 | 480 |", "| `Sci/Tech` | 1 | 2 |", "after");
        assertEquals(Map.of("test.tsv.gz", 7532L), rowsTable(readme));
        assertEquals(Map.of("test.tsv.gz", Map.of("alt.atheism", 319L, "Sci/Tech", 1L),
                "train.tsv.gz", Map.of("alt.atheism", 480L, "Sci/Tech", 2L)), labelTable(readme));
    }

    @TestFactory
    Stream<DynamicTest> everySharedTsvMatchesItsReadme() throws IOException {
        Path dir = corporaDir();
        if (!Files.isDirectory(dir)) {
            // A dynamic test that is skipped shows up in the report with the reason; an aborted factory does not.
            String why = "../shared/corpora not found at " + dir.toAbsolutePath().normalize()
                    + ": skipping the shared-corpora row-count test";
            return Stream.of(DynamicTest.dynamicTest("shared corpora", () -> assumeTrue(false, why)));
        }
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> corpora = Files.list(dir)) {
            for (Path corpus : corpora.filter(Files::isDirectory).sorted().toList()) {
                Path readme = corpus.resolve("README.md");
                if (!Files.isRegularFile(readme)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
                Map<String, Long> rows = rowsTable(lines);
                Map<String, Map<String, Long>> labels = labelTable(lines);
                try (Stream<Path> files = Files.list(corpus)) {
                    for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".tsv.gz")).sorted()
                            .toList()) {
                        String name = file.getFileName().toString();
                        tests.add(DynamicTest.dynamicTest(corpus.getFileName() + "/" + name,
                                () -> check(file, rows.get(name), labels.get(name))));
                    }
                }
            }
        }
        assertFalse(tests.isEmpty(), "no */*.tsv.gz under " + dir);
        return tests.stream();
    }

    private static void check(Path file, Long expectedRows, Map<String, Long> expectedLabels) {
        assertNotNull(expectedRows, "README lists no row count for " + file);
        Map<String, Long> counts = new HashMap<>();
        long rows = 0;
        try (DocumentReader reader = Corpora.open(file)) {
            while (reader.hasNext()) {
                Document d = reader.next();
                rows++;
                assertEquals(file.getFileName() + ":" + rows, d.id());
                counts.merge(d.label(), 1L, Long::sum);
            }
        }
        assertEquals(expectedRows.longValue(), rows, file + " rows");
        if (expectedLabels != null) {
            assertEquals(new TreeMap<>(expectedLabels), new TreeMap<>(counts), file + " rows per label");
        } else {
            assertTrue(counts.size() > 1, file + " has one label only");
        }
    }
}
