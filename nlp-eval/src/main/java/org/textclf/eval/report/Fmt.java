package org.textclf.eval.report;

import java.util.Locale;

/** Number formatting shared by the renderers; always {@link Locale#ROOT} so output never depends on the JVM. */
final class Fmt {

    private Fmt() {
    }

    /** Four decimals like scikit-learn's classification report; NaN prints as "nan" (as numpy). */
    static String d4(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "nan";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    static String percent(double confidence) {
        double pct = confidence * 100;
        return pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f%%", pct)
                : String.format(Locale.ROOT, "%.1f%%", pct);
    }
}
