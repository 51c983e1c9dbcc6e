package org.textclf.eval.report;

import java.util.List;
import java.util.Locale;
import org.textclf.eval.Evaluation;
import org.textclf.eval.metrics.BinaryCurves;
import org.textclf.eval.metrics.BootstrapResult;
import org.textclf.eval.metrics.ClassMetrics;
import org.textclf.eval.metrics.Interval;
import org.textclf.eval.metrics.MultiLabelMetrics;
import org.textclf.eval.metrics.PairedComparison;
import org.textclf.eval.metrics.SingleLabelMetrics;
import org.textclf.eval.metrics.ThresholdChoice;

/**
 * Plain-text rendering: a table laid out like scikit-learn's {@code classification_report} (per-label
 * precision, recall, f1-score, support; then accuracy, macro, micro and weighted averages; 4 decimals, right
 * aligned), followed by MCC, Cohen's kappa, ranking metrics, the confusion matrix, and bootstrap/comparison
 * lines when present.
 *
 * <p>Stateless; thread-safe.
 */
public final class TextReport {


    private TextReport() {
    }

    /** The whole text report. */
    public static String toText(Evaluation e) {
        StringBuilder out = new StringBuilder();
        if (e.isMultiLabel()) {
            multiLabel(out, e.multiLabel().orElseThrow());
        } else {
            singleLabel(out, e.singleLabel().orElseThrow());
        }
        e.bootstrap().ifPresent(b -> bootstrap(out, b));
        e.comparison().ifPresent(c -> comparison(out, c, e.source(), e.comparedSource().orElse("B")));
        return out.toString();
    }

    /** The classification table of single-label metrics (no confusion matrix). */
    public static String classificationReport(SingleLabelMetrics m) {
        StringBuilder out = new StringBuilder();
        int width = width(m.labels(), "weighted avg");
        header(out, width);
        for (String label : m.labels()) {
            row(out, width, label, m.classMetrics(label));
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%" + width + "s  %9s %9s %9s %9d%n", "accuracy", "", "",
                Fmt.d4(m.accuracy()), m.n()));
        row(out, width, "macro avg", m.macro());
        row(out, width, "micro avg", m.micro());
        row(out, width, "weighted avg", m.weighted());
        return out.toString();
    }

    private static void singleLabel(StringBuilder out, SingleLabelMetrics m) {
        out.append(classificationReport(m)).append('\n');
        out.append(String.format(Locale.ROOT, "%-28s %s%n", "Matthews correlation (MCC)", Fmt.d4(m.mcc())));
        out.append(String.format(Locale.ROOT, "%-28s %s%n", "Cohen's kappa", Fmt.d4(m.cohenKappa())));
        if (m.hasScores()) {
            if (m.positiveLabel().isPresent()) {
                String pos = m.positiveLabel().get();
                out.append(String.format(Locale.ROOT, "%-28s %s%n", "ROC AUC (positive " + pos + ")",
                        Fmt.d4(m.rocAuc())));
                out.append(String.format(Locale.ROOT, "%-28s %s%n", "average precision", Fmt.d4(m.averagePrecision())));
                m.curves(pos).ifPresent(c -> approximation(out, c));
                m.curves(pos).ifPresent(c -> tradeOff(out, c, pos));
            } else {
                out.append(String.format(Locale.ROOT, "%-28s %s%n", "ROC AUC (one-vs-rest, macro)",
                        Fmt.d4(m.rocAucOvrMacro())));
                for (String label : m.labels()) {
                    m.curves(label).filter(c -> !c.isExact()).ifPresent(c -> approximation(out, c));
                }
            }
        }
        out.append('\n').append(confusionMatrix(m));
    }

    private static void approximation(StringBuilder out, BinaryCurves c) {
        if (!c.isExact()) {
            out.append(String.format(Locale.ROOT,
                    "  (scores were binned to bound memory: AUC within +-%.2e, AP within +-%.2e of exact)%n",
                    c.rocAucErrorBound(), c.averagePrecisionErrorBound()));
        }
    }

    private static void tradeOff(StringBuilder out, BinaryCurves c, String positive) {
        List<ThresholdChoice> rows = TradeOff.rows(c);
        if (rows.isEmpty()) {
            return;
        }
        out.append('\n').append("Precision/recall trade-off (predict ").append(positive)
                .append(" when its score >= threshold)\n");
        out.append(String.format(Locale.ROOT, "%12s %10s %10s %10s%n", "threshold", "precision", "recall", "f1-score"));
        for (ThresholdChoice r : rows) {
            out.append(String.format(Locale.ROOT, "%12s %10s %10s %10s%s%n", Fmt.d4(r.threshold()),
                    Fmt.d4(r.precision()), Fmt.d4(r.recall()), Fmt.d4(r.f1()),
                    r.criterion() == ThresholdChoice.Criterion.MAX_F1 ? "  <- max F1" : ""));
        }
    }

    /** The confusion matrix with gold rows and predicted columns, labelled. */
    public static String confusionMatrix(SingleLabelMetrics m) {
        long[][] cm = m.confusionMatrix();
        List<String> labels = m.labels();
        int rowWidth = width(labels, "gold \\ predicted");
        int cell = 5;
        for (String label : labels) {
            cell = Math.max(cell, label.codePointCount(0, label.length()));
        }
        for (long[] r : cm) {
            for (long v : r) {
                cell = Math.max(cell, Long.toString(v).length());
            }
        }
        StringBuilder out = new StringBuilder("Confusion matrix (rows = gold, columns = predicted)\n");
        out.append(pad("gold \\ predicted", rowWidth));
        for (String label : labels) {
            out.append("  ").append(pad(label, cell));
        }
        out.append('\n');
        for (int i = 0; i < cm.length; i++) {
            out.append(pad(labels.get(i), rowWidth));
            for (long v : cm[i]) {
                out.append("  ").append(pad(Long.toString(v), cell));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void multiLabel(StringBuilder out, MultiLabelMetrics m) {
        int width = width(m.labels(), "weighted avg");
        header(out, width);
        for (String label : m.labels()) {
            row(out, width, label, m.classMetrics(label));
        }
        out.append('\n');
        row(out, width, "micro avg", m.micro());
        row(out, width, "macro avg", m.macro());
        row(out, width, "weighted avg", m.weighted());
        row(out, width, "samples avg", m.samples());
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-28s %s%n", "subset accuracy", Fmt.d4(m.subsetAccuracy())));
        out.append(String.format(Locale.ROOT, "%-28s %s%n", "Hamming loss", Fmt.d4(m.hammingLoss())));
        if (m.hasScores()) {
            out.append(String.format(Locale.ROOT, "%-28s %s (micro %s)%n", "ROC AUC (macro)", Fmt.d4(m.rocAucMacro()),
                    Fmt.d4(m.rocAucMicro())));
            out.append(String.format(Locale.ROOT, "%-28s %s (micro %s)%n", "average precision (macro)",
                    Fmt.d4(m.averagePrecisionMacro()), Fmt.d4(m.averagePrecisionMicro())));
        }
        out.append(String.format(Locale.ROOT, "%-28s %d%n", "documents", m.n()));
    }

    private static void bootstrap(StringBuilder out, BootstrapResult b) {
        out.append('\n').append(String.format(Locale.ROOT, "Bootstrap (%d replicates, seed %d, %s intervals)%n",
                b.replicates(), b.seed(), Fmt.percent(b.accuracy().confidence())));
        out.append(String.format(Locale.ROOT, "  %-10s %s%n", "accuracy", interval(b.accuracy())));
        out.append(String.format(Locale.ROOT, "  %-10s %s%n", "macro-F1", interval(b.macroF1())));
    }

    private static void comparison(StringBuilder out, PairedComparison c, String a, String b) {
        out.append('\n').append("Paired comparison: A = ").append(a).append(", B = ").append(b).append('\n');
        out.append(String.format(Locale.ROOT, "  only A right %d, only B right %d, both right %d, both wrong %d%n",
                c.onlyACorrect(), c.onlyBCorrect(), c.bothCorrect(), c.bothWrong()));
        out.append(String.format(Locale.ROOT, "  McNemar exact p = %s%n", Fmt.pValue(c.mcnemarPValue())));
        out.append(String.format(Locale.ROOT, "  macro-F1 A %s, B %s, A - B %s%n", Fmt.d4(c.macroF1A()),
                Fmt.d4(c.macroF1B()), interval(c.macroF1Difference())));
        out.append(String.format(Locale.ROOT, "  paired bootstrap p = %s (%d replicates, seed %d)%n",
                Fmt.pValue(c.bootstrapPValue()), c.replicates(), c.seed()));
    }

    static String interval(Interval i) {
        return Fmt.d4(i.estimate()) + " [" + Fmt.d4(i.lower()) + ", " + Fmt.d4(i.upper()) + "]";
    }

    private static void header(StringBuilder out, int width) {
        out.append(String.format(Locale.ROOT, "%" + width + "s  %9s %9s %9s %9s%n%n", "", "precision", "recall",
                "f1-score", "support"));
    }

    private static void row(StringBuilder out, int width, String name, ClassMetrics c) {
        out.append(pad(name, width, true)).append(String.format(Locale.ROOT, "  %9s %9s %9s %9d%n",
                Fmt.d4(c.precision()), Fmt.d4(c.recall()), Fmt.d4(c.f1()), c.support()));
    }

    private static int width(List<String> labels, String atLeast) {
        int w = atLeast.length();
        for (String label : labels) {
            w = Math.max(w, label.codePointCount(0, label.length()));
        }
        return w;
    }

    /** Right-aligns by code points (String.format counts UTF-16 units, which misaligns emoji labels). */
    private static String pad(String s, int width) {
        return pad(s, width, true);
    }

    private static String pad(String s, int width, boolean right) {
        int len = s.codePointCount(0, s.length());
        String fill = " ".repeat(Math.max(0, width - len));
        return right ? fill + s : s + fill;
    }
}
