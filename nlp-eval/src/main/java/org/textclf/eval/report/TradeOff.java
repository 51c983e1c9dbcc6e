package org.textclf.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.textclf.eval.metrics.BinaryCurves;
import org.textclf.eval.metrics.ThresholdChoice;

/**
 * The precision/recall trade-off rows shown in reports: nine thresholds (0.1 ... 0.9 for probability-like scores,
 * otherwise the score deciles) plus the max-F1 threshold, in increasing order. Stateless.
 */
final class TradeOff {

    private TradeOff() {
    }

    static List<ThresholdChoice> rows(BinaryCurves c) {
        double[] th = c.rocCurve(false).thresholds(); // [max + 1, distinct scores descending]
        if (th.length <= 1 || c.positives() == 0) {
            return List.of();
        }
        double max = th[1];
        double min = th[th.length - 1];
        TreeSet<Double> points = new TreeSet<>();
        for (int i = 1; i <= 9; i++) {
            if (min >= 0 && max <= 1) {
                points.add(i / 10.0);
            } else {
                points.add(th[th.length - 1 - (int) Math.round((th.length - 2) * i / 10.0)]);
            }
        }
        Optional<ThresholdChoice> best = c.maxF1Threshold();
        best.ifPresent(b -> points.add(b.threshold()));
        List<ThresholdChoice> out = new ArrayList<>();
        for (double t : points) {
            if (best.isPresent() && best.get().threshold() == t) {
                out.add(best.get());
            } else {
                out.add(c.operatingPoint(t));
            }
        }
        return out;
    }
}
