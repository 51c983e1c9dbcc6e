package org.textclf.models.train;

import java.util.List;

/**
 * Outcome of {@link Trainer#train}: the per-epoch curves and which epoch's weights were kept.
 * Immutable and thread-safe.
 *
 * @param curves       one entry per completed epoch
 * @param bestEpoch    1-based epoch whose weights the network holds after training
 * @param bestScore    monitored validation value at that epoch (loss for LOSS, else the metric)
 * @param stoppedEarly training ended before the configured number of epochs
 * @param seconds      total wall time
 * @param thresholds   multi-label only: per-label decision thresholds maximising each label's F1 on
 *                     the validation data (0.5 for a label without validation positives); empty for
 *                     single-label models
 */
public record TrainingResult(List<EpochStats> curves, int bestEpoch, double bestScore, boolean stoppedEarly,
                             double seconds, List<Double> thresholds) {

    public TrainingResult {
        curves = List.copyOf(curves);
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }
}
