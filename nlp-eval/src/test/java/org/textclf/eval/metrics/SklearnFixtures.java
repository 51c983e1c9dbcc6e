package org.textclf.eval.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Loads ../shared/eval-fixtures/*.json (values computed by scikit-learn 1.2.1); skips when absent. */
final class SklearnFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SklearnFixtures() {
    }

    static Path dir() {
        String shared = System.getProperty("textclf.shared.dir");
        Path dir = shared == null ? null : Path.of(shared, "eval-fixtures");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "../shared/eval-fixtures not found at " + dir
                        + " (system property textclf.shared.dir): skipping the scikit-learn agreement tests");
        return dir;
    }

    /**
     * One dynamic test per fixture of the given kinds; when the fixtures are absent, a single test that is
     * reported as skipped with the reason (an assumption failing inside the factory would hide it).
     */
    static java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> tests(
            java.util.function.Consumer<JsonNode> check, String... kinds) {
        List<JsonNode> fixtures;
        try {
            fixtures = load(kinds);
        } catch (org.opentest4j.TestAbortedException e) {
            return java.util.stream.Stream.of(org.junit.jupiter.api.DynamicTest.dynamicTest(
                    "scikit-learn fixtures " + List.of(kinds), () -> { throw e; }));
        }
        return fixtures.stream().map(f -> org.junit.jupiter.api.DynamicTest.dynamicTest(
                f.get("name").asText(), () -> check.accept(f)));
    }

    /** Fixtures of the given kinds (binary, multiclass, multilabel), sorted by file name. */
    static List<JsonNode> load(String... kinds) {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = JSON.readTree(file.toFile());
                if (List.of(kinds).contains(node.get("kind").asText())) {
                    out.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Assumptions.assumeFalse(out.isEmpty(), "no fixture of kind " + List.of(kinds) + " in " + dir());
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
