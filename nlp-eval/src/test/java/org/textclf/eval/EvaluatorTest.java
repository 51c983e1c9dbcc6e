package org.textclf.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.textclf.eval.metrics.SingleLabelMetrics;
import org.textclf.eval.predictions.Prediction;
import org.textclf.eval.predictions.PredictionFormatException;
import org.textclf.eval.predictions.PredictionReader;

class EvaluatorTest {

    private static Evaluation eval(String jsonl, EvaluationOptions options) {
        try (PredictionReader r = PredictionReader.open(new StringReader(jsonl), "p.jsonl")) {
            return Evaluator.evaluate(r, r.source(), options);
        }
    }

    @Test
    void keepsTheMostConfidentMistakesInOrder() {
        List<Prediction> ps = new ArrayList<>();
        double[] wrongScores = {0.55, 0.9, 0.7, 0.9, 0.6};
        for (int i = 0; i < wrongScores.length; i++) {
            double s = wrongScores[i];
            ps.add(Prediction.single("w" + i, "a", "b", Map.of("a", 1 - s, "b", s)).withText("text " + i));
            ps.add(Prediction.single("r" + i, "a", "a", Map.of("a", 0.99, "b", 0.01)));
        }
        Evaluation e = Evaluator.evaluate(ps.iterator(), "mem",
                EvaluationOptions.builder().mistakesToKeep(3).build());
        assertEquals(List.of("w1", "w3", "w2"), e.mistakes().stream().map(Mistake::id).toList());
        assertEquals(0.9, e.mistakes().get(0).confidence());
        assertEquals(3, e.mistakes().get(0).line()); // third record
        assertEquals("text 1", e.mistakes().get(0).text());
        assertEquals(0.5, e.singleLabel().orElseThrow().accuracy());
    }

    @Test
    void errorsFromMetricsNameTheLine() {
        PredictionFormatException e = assertThrows(PredictionFormatException.class, () -> eval(
                "{\"gold\": \"a\", \"label\": \"a\", \"scores\": {\"a\": 1}}\n\n"
                        + "{\"gold\": \"a\", \"label\": \"a\"}\n", EvaluationOptions.DEFAULTS));
        assertEquals("p.jsonl:3: this document has no scores but the earlier ones had", e.getMessage());
        e = assertThrows(PredictionFormatException.class,
                () -> eval("{\"label\": \"a\"}\n", EvaluationOptions.DEFAULTS));
        assertEquals("p.jsonl:1: prediction has no gold label; metrics need \"gold\"", e.getMessage());
        e = assertThrows(PredictionFormatException.class, () -> Evaluator.evaluate(
                List.of(Prediction.single(null, "a", "a", null), Prediction.single(null, "q", "a", null)).iterator(),
                "mem", EvaluationOptions.builder().labels(List.of("a", "b")).build()));
        assertEquals("mem:2: unknown gold label 'q'; the label list is [a, b]", e.getMessage());
        e = assertThrows(PredictionFormatException.class, () -> eval("{\"gold\": [\"a\"], \"labels\": []}\n",
                EvaluationOptions.builder().bootstrap(10).build()));
        assertTrue(e.getMessage().contains("single-label predictions only"), e.getMessage());
    }

    @Test
    void emptyInputEvaluatesToZeros() {
        Evaluation e = eval("", EvaluationOptions.builder().labels(List.of("a", "b")).build());
        assertEquals(0, e.n());
        assertEquals(0.0, e.singleLabel().orElseThrow().accuracy());
    }

    @Test
    void comparedSourcesMustAlign() {
        List<Prediction> a = List.of(Prediction.single("1", "x", "x", null), Prediction.single("2", "y", "x", null));
        List<Prediction> b = List.of(Prediction.single("1", "x", "y", null), Prediction.single("3", "y", "y", null));
        PredictionFormatException e = assertThrows(PredictionFormatException.class,
                () -> Evaluator.compare(a.iterator(), "a", b.iterator(), "b", EvaluationOptions.DEFAULTS));
        assertEquals("b:2: document id '3' but a has '2' at the same position; compared files must be in the same"
                + " order", e.getMessage());
        e = assertThrows(PredictionFormatException.class,
                () -> Evaluator.compare(a.iterator(), "a", b.subList(0, 1).iterator(), "b", EvaluationOptions.DEFAULTS));
        assertTrue(e.getMessage().startsWith("b: has fewer predictions than a"), e.getMessage());
        List<Prediction> goldDiffers = List.of(Prediction.single("1", "y", "y", null), Prediction.single("2", "y", "y", null));
        e = assertThrows(PredictionFormatException.class, () -> Evaluator.compare(a.iterator(), "a",
                goldDiffers.iterator(), "b", EvaluationOptions.DEFAULTS));
        assertEquals("b:1: gold label 'y' but a has 'x' for the same document", e.getMessage());

        List<Prediction> ok = List.of(Prediction.single("1", "x", "y", null), Prediction.single("2", "y", "y", null));
        Evaluation c = Evaluator.compare(a.iterator(), "a", ok.iterator(), "b", EvaluationOptions.DEFAULTS);
        assertEquals(1, c.comparison().orElseThrow().onlyACorrect());
        assertEquals(1, c.comparison().orElseThrow().onlyBCorrect());
        assertEquals(1.0, c.comparison().orElseThrow().mcnemarPValue());
        assertEquals(SingleLabelMetrics.of(null, List.of("x", "y"), List.of("x", "x")), c.singleLabel().orElseThrow());
    }
}
