package org.textclf.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hand-written inline SVG charts for the HTML report: line/step charts with axes, ticks and a legend, and
 * confusion-matrix heatmaps. Written by hand because the charts are simple and a Java charting library that emits
 * SVG (JFreeChart + JFreeSVG) would add megabytes of AWT-based dependencies for output that is larger and harder to
 * test. Charts are decimated to what is visible (consecutive points closer than half a pixel collapse), so a
 * curve over 65,536 thresholds stays a small path. Stateless; thread-safe.
 */
final class Svg {

    /** Tableau 10, readable on white and distinguishable for most colour-blind readers. */
    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac"};

    private Svg() {
    }

    /** One drawn series. */
    record Line(String name, double[] x, double[] y, boolean step) {
    }

    /** Axis range and ticks. */
    record Axis(String label, double min, double max, double[] ticks) {
        static Axis unit(String label) {
            return new Axis(label, 0, 1, new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0});
        }

        static Axis nice(String label, double lo, double hi) {
            if (!(hi > lo)) {
                double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
                lo -= pad;
                hi += pad;
            }
            double step = niceStep((hi - lo) / 6);
            double start = Math.floor(lo / step) * step;
            double end = Math.ceil(hi / step) * step;
            List<Double> ticks = new ArrayList<>();
            for (double t = start; t <= end + step * 1e-9; t += step) {
                ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
            }
            double[] out = ticks.stream().mapToDouble(Double::doubleValue).toArray();
            return new Axis(label, start, end, out);
        }

        private static double niceStep(double raw) {
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double r = raw / mag;
            double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10; // no 2.5: epochs get integer ticks
            return nice * mag;
        }
    }

    /**
     * A line chart.
     *
     * @param kind     value of the {@code data-chart} attribute (tests and styling find charts by it)
     * @param diagonal draw the chance diagonal (ROC)
     * @param width    pixels
     * @param height   pixels
     */
    static String lineChart(String kind, String title, Axis x, Axis y, List<Line> lines, boolean diagonal,
                            int width, int height) {
        boolean markers = "training".equals(kind); // per-epoch points matter there; on ROC/PR they are noise
        int left = 58;
        int right = 16;
        int top = 34;
        int bottom = 48;
        int legendRows = lines.size() > 1 ? Math.min(lines.size(), 12) : 0;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg class=\"chart\" data-chart=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                Html.esc(kind), width, height, width, height, Html.esc(title)));
        s.append("<title>").append(Html.esc(title)).append("</title>");
        s.append(text(width / 2.0, 20, title, "middle", "chart-title"));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"plot\"/>",
                left, top, plotW, plotH));
        for (double t : x.ticks()) {
            double px = left + (t - x.min()) / (x.max() - x.min()) * plotW;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>",
                    px, top, px, top + plotH));
            s.append(text(px, top + plotH + 16, tick(t), "middle", "tick"));
        }
        for (double t : y.ticks()) {
            double py = top + plotH - (t - y.min()) / (y.max() - y.min()) * plotH;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>",
                    left, py, left + plotW, py));
            s.append(text(left - 6, py + 4, tick(t), "end", "tick"));
        }
        s.append(text(left + plotW / 2.0, height - 10, x.label(), "middle", "axis-label"));
        s.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" class=\"axis-label\" transform=\"rotate(-90 14 %.1f)\">%s</text>",
                top + plotH / 2.0, top + plotH / 2.0, Html.esc(y.label())));
        if (diagonal) {
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"diagonal\"/>",
                    left, top + plotH, left + plotW, top));
        }
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String color = PALETTE[i % PALETTE.length];
            s.append("<path class=\"series\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"2\" d=\"")
                    .append(path(line, x, y, left, top, plotW, plotH)).append("\"><title>")
                    .append(Html.esc(line.name())).append("</title></path>");
            if (markers && line.x().length <= 60) {
                for (int k = 0; k < line.x().length; k++) {
                    double px = left + (line.x()[k] - x.min()) / (x.max() - x.min()) * plotW;
                    double py = top + plotH - (line.y()[k] - y.min()) / (y.max() - y.min()) * plotH;
                    if (Double.isFinite(px) && Double.isFinite(py) && !line.step()) {
                        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>",
                                px, py, color));
                    }
                }
            }
        }
        if (legendRows > 0) {
            // legend inside the plot, bottom right, on a translucent box
            int boxW = 0;
            for (int i = 0; i < legendRows; i++) {
                boxW = Math.max(boxW, lines.get(i).name().length());
            }
            boxW = Math.min(boxW * 7 + 34, plotW - 10);
            int boxH = legendRows * 16 + 8;
            int bx = left + plotW - boxW - 6;
            int by = top + plotH - boxH - 6;
            if (kind.startsWith("pr")) {
                by = top + plotH - boxH - 6;
                bx = left + 6;
            }
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"legend-box\"/>", bx, by, boxW, boxH));
            for (int i = 0; i < legendRows; i++) {
                int ly = by + 14 + i * 16;
                s.append(String.format(Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>",
                        bx + 6, ly - 4, bx + 22, ly - 4, PALETTE[i % PALETTE.length]));
                s.append(text(bx + 27, ly, lines.get(i).name(), "start", "legend"));
            }
        }
        s.append("</svg>");
        return s.toString();
    }

    private static String path(Line line, Axis x, Axis y, int left, int top, int plotW, int plotH) {
        List<double[]> pts = new ArrayList<>();
        double[] xs = line.x();
        double[] ys = line.y();
        for (int k = 0; k < xs.length; k++) {
            if (!Double.isFinite(xs[k]) || !Double.isFinite(ys[k])) {
                continue;
            }
            double px = left + (xs[k] - x.min()) / (x.max() - x.min()) * plotW;
            double py = top + plotH - (ys[k] - y.min()) / (y.max() - y.min()) * plotH;
            if (line.step() && !pts.isEmpty()) {
                // steps-post: hold the previous y until the new x, then move to the new y
                pts.add(new double[] {px, pts.get(pts.size() - 1)[1]});
            }
            pts.add(new double[] {px, py});
        }
        List<double[]> kept = new ArrayList<>();
        for (double[] p : pts) {
            p[0] = Math.round(p[0] * 2) / 2.0;
            p[1] = Math.round(p[1] * 2) / 2.0;
            if (!kept.isEmpty()) {
                double[] last = kept.get(kept.size() - 1);
                if (last[0] == p[0] && last[1] == p[1]) {
                    continue;
                }
                if (kept.size() >= 2) {
                    double[] prev = kept.get(kept.size() - 2);
                    boolean sameX = prev[0] == last[0] && last[0] == p[0];
                    boolean sameY = prev[1] == last[1] && last[1] == p[1];
                    if (sameX || sameY) {
                        kept.set(kept.size() - 1, p); // collinear on an axis: extend the segment instead
                        continue;
                    }
                }
            }
            kept.add(p);
        }
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < kept.size(); i++) {
            d.append(i == 0 ? "M" : "L").append(num(kept.get(i)[0])).append(',').append(num(kept.get(i)[1]));
        }
        return d.toString();
    }

    /**
     * A confusion-matrix heatmap: cell shade = value / max (counts) or the row fraction (normalised).
     *
     * @param normalised show row-normalised fractions instead of counts
     */
    static String heatmap(String kind, String title, List<String> labels, long[][] counts, boolean normalised) {
        int k = labels.size();
        int maxLabel = 0;
        for (String l : labels) {
            maxLabel = Math.max(maxLabel, Math.min(22, l.codePointCount(0, l.length())));
        }
        int cell = Math.max(14, Math.min(64, 420 / Math.max(1, k)));
        int left = 34 + maxLabel * 7 + 8;
        int top = 46 + maxLabel * 5 + 8;
        int width = Math.max(left + k * cell + 16, 300);
        int height = top + k * cell + 16;
        double max = 0;
        long[] rowSum = new long[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                max = Math.max(max, counts[i][j]);
                rowSum[i] += counts[i][j];
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg class=\"chart heatmap\" data-chart=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                        + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                Html.esc(kind), width, height, width, height, Html.esc(title)));
        s.append("<title>").append(Html.esc(title)).append("</title>");
        s.append(text(left + k * cell / 2.0, 18, title, "middle", "chart-title"));
        s.append(text(left + k * cell / 2.0, 36, "predicted", "middle", "axis-label"));
        s.append(String.format(Locale.ROOT,
                "<text x=\"12\" y=\"%.1f\" text-anchor=\"middle\" class=\"axis-label\" transform=\"rotate(-90 12 %.1f)\">gold</text>",
                top + k * cell / 2.0, top + k * cell / 2.0));
        boolean showValues = cell >= 26;
        for (int j = 0; j < k; j++) {
            double cx = left + j * cell + cell / 2.0;
            s.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"start\" transform=\"rotate(-45 %.1f %d)\">%s</text>",
                    cx, top - 6, cx, top - 6, Html.esc(shorten(labels.get(j)))));
        }
        for (int i = 0; i < k; i++) {
            double cy = top + i * cell + cell / 2.0;
            s.append(text(left - 6, cy + 4, shorten(labels.get(i)), "end", "tick"));
            for (int j = 0; j < k; j++) {
                double frac = normalised ? (rowSum[i] == 0 ? 0 : (double) counts[i][j] / rowSum[i])
                        : (max == 0 ? 0 : counts[i][j] / max);
                String value = normalised ? String.format(Locale.ROOT, "%.2f", frac) : Long.toString(counts[i][j]);
                s.append(String.format(Locale.ROOT,
                        "<rect class=\"cell\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                                + "<title>gold %s, predicted %s: %s</title></rect>",
                        left + j * cell, top + i * cell, cell, cell, blue(frac), Html.esc(labels.get(i)),
                        Html.esc(labels.get(j)), value));
                if (showValues) {
                    s.append(String.format(Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"cell-value%s\">%s</text>",
                            left + j * cell + cell / 2.0, cy + 4, frac > 0.55 ? " light" : "", value));
                }
            }
        }
        s.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>",
                left, top, k * cell, k * cell));
        s.append("</svg>");
        return s.toString();
    }

    private static String shorten(String label) {
        return label.codePointCount(0, label.length()) <= 22 ? label
                : label.substring(0, label.offsetByCodePoints(0, 21)) + "\u2026";
    }

    /** White to dark blue. */
    private static String blue(double frac) {
        double f = Math.max(0, Math.min(1, frac));
        int r = (int) Math.round(247 + (8 - 247) * f);
        int g = (int) Math.round(251 + (48 - 251) * f);
        int b = (int) Math.round(255 + (107 - 255) * f);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static String text(double x, double y, String content, String anchor, String cls) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>",
                x, y, anchor, cls, Html.esc(content));
    }

    private static String tick(double t) {
        if (t == Math.rint(t) && Math.abs(t) < 1e9) {
            return Long.toString((long) t);
        }
        String s = String.format(Locale.ROOT, "%.4f", t);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
