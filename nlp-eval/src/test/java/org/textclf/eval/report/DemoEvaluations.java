package org.textclf.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.textclf.eval.Evaluation;
import org.textclf.eval.EvaluationOptions;
import org.textclf.eval.Evaluator;
import org.textclf.eval.predictions.Prediction;

/** Seeded, realistic-looking predictions for report tests (news topics, softmax scores, texts, a rival model). */
final class DemoEvaluations {

    static final List<String> TOPICS = List.of("business", "sci_tech", "sports", "world");
    private static final String[][] WORDS = {
        {"shares", "profit", "quarter", "merger", "investors", "oil prices", "bank"},
        {"software", "chip", "researchers", "space probe", "smartphone", "internet", "genome"},
        {"coach", "season", "final", "striker", "tournament", "record", "injury"},
        {"minister", "election", "talks", "border", "ceasefire", "parliament", "summit"},
    };

    private DemoEvaluations() {
    }

    /** n predictions of a model with the given skill (higher = better separated scores). */
    static List<Prediction> predictions(long seed, int n, double skill) {
        Random random = new Random(seed);
        Random textRandom = new Random(1234); // same documents for every model
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int gold = textRandom.nextInt(TOPICS.size());
            int topicOfWords = textRandom.nextDouble() < 0.8 ? gold : textRandom.nextInt(TOPICS.size());
            String text = "The " + WORDS[topicOfWords][textRandom.nextInt(7)] + " story about "
                    + WORDS[gold][textRandom.nextInt(7)] + " and " + WORDS[topicOfWords][textRandom.nextInt(7)]
                    + " made headlines on day " + (i % 30 + 1) + ".";
            double[] logits = new double[TOPICS.size()];
            double sum = 0;
            for (int k = 0; k < logits.length; k++) {
                logits[k] = random.nextGaussian() + (k == gold ? skill : 0) + (k == topicOfWords ? 0.8 : 0);
                logits[k] = Math.exp(logits[k]);
                sum += logits[k];
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            int best = 0;
            for (int k = 0; k < logits.length; k++) {
                double p = Math.round(logits[k] / sum * 1e6) / 1e6;
                scores.put(TOPICS.get(k), p);
                if (logits[k] > logits[best]) {
                    best = k;
                }
            }
            out.add(Prediction.single(String.format(java.util.Locale.ROOT, "news-%04d", i), TOPICS.get(gold),
                    TOPICS.get(best), scores).withText(text));
        }
        return out;
    }

    static Evaluation multiClassWithComparison() {
        List<Prediction> a = predictions(1, 600, 1.2);
        List<Prediction> b = predictions(2, 600, 0.9);
        return Evaluator.compare(a.iterator(), "gru-attention/test.predictions.jsonl", b.iterator(),
                "fasttext-baseline/test.predictions.jsonl",
                EvaluationOptions.builder().bootstrap(500).seed(7).build());
    }

    static ReportContext context() {
        List<ReportContext.CurvePoint> loss = new ArrayList<>();
        List<ReportContext.CurvePoint> f1 = new ArrayList<>();
        for (int epoch = 1; epoch <= 12; epoch++) {
            loss.add(new ReportContext.CurvePoint(epoch, 1.35 * Math.exp(-epoch / 3.5) + 0.32));
            f1.add(new ReportContext.CurvePoint(epoch, 0.83 - 0.45 * Math.exp(-epoch / 2.5)));
        }
        return ReportContext.builder()
                .title("GRU + attention on news topics")
                .provenance("model", "runs/gru-attention/model.tcm")
                .provenance("data", "news/test.jsonl (sha256 6f1c…a93e)")
                .provenance("seed", "7")
                .provenance("versions", "textclf 0.1.0, Java 17, ND4J 1.0.0-M2.1")
                .trainingCurve("train loss", loss)
                .trainingCurve("validation macro-F1", f1)
                .config("{\"encoder\": \"gru-attention\", \"embedding\": 128, \"hidden\": 128, \"epochs\": 12}")
                .build();
    }
}
