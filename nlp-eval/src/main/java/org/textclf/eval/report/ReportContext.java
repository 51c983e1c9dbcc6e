package org.textclf.eval.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the HTML report knows beyond the predictions: a title, the run's provenance (model, data hash, seed,
 * versions, ... as ordered key/value pairs), training curves (named series of (epoch, value)) and the
 * configuration text. nlp-models fills this from a model bundle, so nlp-eval does not depend on it.
 *
 * <pre>{@code
 * ReportContext ctx = ReportContext.builder()
 *         .title("GRU+attention on imdb")
 *         .provenance("model", "runs/gru/model.tcm").provenance("seed", "7")
 *         .trainingCurve("train loss", List.of(new ReportContext.CurvePoint(1, 0.61), ...))
 *         .config("{\"epochs\": 5}")
 *         .build();
 * }</pre>
 *
 * <p>Immutable; thread-safe.
 *
 * @param title          report title
 * @param provenance     ordered key/value pairs, shown as a table
 * @param trainingCurves series name to points, drawn as small line charts in insertion order
 * @param config         configuration text shown verbatim, or null
 */
public record ReportContext(String title, Map<String, String> provenance,
                            Map<String, List<CurvePoint>> trainingCurves, String config) {

    /** A context without provenance or curves, titled "Evaluation report". */
    public static final ReportContext EMPTY = builder().build();

    /** One point of a training curve. */
    public record CurvePoint(double epoch, double value) {
        /** Rejects non-finite coordinates, which cannot be drawn. */
        public CurvePoint {
            if (!Double.isFinite(epoch) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("curve points must be finite, got (" + epoch + ", " + value + ")");
            }
        }
    }

    /** Validates and copies, keeping insertion order. */
    public ReportContext {
        Objects.requireNonNull(title, "title");
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        LinkedHashMap<String, List<CurvePoint>> curves = new LinkedHashMap<>();
        trainingCurves.forEach((name, points) -> curves.put(name, List.copyOf(points)));
        trainingCurves = Collections.unmodifiableMap(curves);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder; not thread-safe. */
    public static final class Builder {
        private String title = "Evaluation report";
        private final Map<String, String> provenance = new LinkedHashMap<>();
        private final Map<String, List<CurvePoint>> curves = new LinkedHashMap<>();
        private String config;

        private Builder() {
        }

        /** Report title. */
        public Builder title(String title) {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("title must not be blank");
            }
            this.title = title;
            return this;
        }

        /** Adds (or replaces) one provenance entry. */
        public Builder provenance(String key, String value) {
            provenance.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds all provenance entries in the map's iteration order. */
        public Builder provenance(Map<String, String> entries) {
            entries.forEach(this::provenance);
            return this;
        }

        /** Adds a training curve, e.g. "valid macro-F1" by epoch. */
        public Builder trainingCurve(String name, List<CurvePoint> points) {
            if (points.isEmpty()) {
                throw new IllegalArgumentException("training curve '" + name + "' has no points");
            }
            curves.put(Objects.requireNonNull(name, "name"), points);
            return this;
        }

        /** Configuration text shown verbatim. */
        public Builder config(String config) {
            this.config = config;
            return this;
        }

        /** Builds. */
        public ReportContext build() {
            return new ReportContext(title, provenance, curves, config);
        }
    }
}
