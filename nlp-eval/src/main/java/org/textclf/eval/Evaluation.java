package org.textclf.eval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.textclf.eval.metrics.BootstrapResult;
import org.textclf.eval.metrics.MultiLabelMetrics;
import org.textclf.eval.metrics.PairedComparison;
import org.textclf.eval.metrics.SingleLabelMetrics;

/**
 * Everything known about one evaluated predictions source: single- or multi-label metrics, optional bootstrap
 * intervals, an optional paired comparison with a second model, and the most confidently wrong documents. The
 * renderers in {@code org.textclf.eval.report} turn it into text, JSON or HTML.
 *
 * <p>Immutable; thread-safe.
 */
public final class Evaluation {

    private final String source;
    private final SingleLabelMetrics single;
    private final MultiLabelMetrics multi;
    private final BootstrapResult bootstrap;
    private final PairedComparison comparison;
    private final String comparedSource;
    private final List<Mistake> mistakes;

    private Evaluation(String source, SingleLabelMetrics single, MultiLabelMetrics multi, BootstrapResult bootstrap,
                       PairedComparison comparison, String comparedSource, List<Mistake> mistakes) {
        this.source = Objects.requireNonNull(source, "source");
        this.single = single;
        this.multi = multi;
        this.bootstrap = bootstrap;
        this.comparison = comparison;
        this.comparedSource = comparedSource;
        this.mistakes = List.copyOf(mistakes);
    }

    /** An evaluation of single-label predictions. */
    public static Evaluation of(String source, SingleLabelMetrics metrics, BootstrapResult bootstrap,
                                PairedComparison comparison, String comparedSource, List<Mistake> mistakes) {
        return new Evaluation(source, Objects.requireNonNull(metrics, "metrics"), null, bootstrap, comparison,
                comparedSource, mistakes);
    }

    /** An evaluation of single-label predictions, metrics only. */
    public static Evaluation of(String source, SingleLabelMetrics metrics) {
        return of(source, metrics, null, null, null, List.of());
    }

    /** An evaluation of multi-label predictions. */
    public static Evaluation of(String source, MultiLabelMetrics metrics) {
        return new Evaluation(source, null, Objects.requireNonNull(metrics, "metrics"), null, null, null, List.of());
    }

    /** Where the predictions came from (file name or a description). */
    public String source() {
        return source;
    }

    /** Whether this is a multi-label evaluation. */
    public boolean isMultiLabel() {
        return multi != null;
    }

    /** Number of documents. */
    public long n() {
        return multi != null ? multi.n() : single.n();
    }

    /** Label order used by every renderer. */
    public List<String> labels() {
        return multi != null ? multi.labels() : single.labels();
    }

    /** Single-label metrics, when single-label. */
    public Optional<SingleLabelMetrics> singleLabel() {
        return Optional.ofNullable(single);
    }

    /** Multi-label metrics, when multi-label. */
    public Optional<MultiLabelMetrics> multiLabel() {
        return Optional.ofNullable(multi);
    }

    /** Bootstrap intervals, when requested. */
    public Optional<BootstrapResult> bootstrap() {
        return Optional.ofNullable(bootstrap);
    }

    /** Paired comparison (this = model A), when a second predictions source was given. */
    public Optional<PairedComparison> comparison() {
        return Optional.ofNullable(comparison);
    }

    /** Name of the compared (model B) source, when compared. */
    public Optional<String> comparedSource() {
        return Optional.ofNullable(comparedSource);
    }

    /** The most confidently wrong documents, most confident first (empty without scores). */
    public List<Mistake> mistakes() {
        return mistakes;
    }

    @Override
    public String toString() {
        return "Evaluation[source=" + source + ", " + (multi != null ? multi : single)
                + (bootstrap != null ? ", bootstrap=" + bootstrap.replicates() : "")
                + (comparison != null ? ", comparedWith=" + comparedSource : "") + "]";
    }
}
