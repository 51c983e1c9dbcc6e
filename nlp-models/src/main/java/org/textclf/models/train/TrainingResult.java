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
 */
public record TrainingResult(List<EpochStats> curves, int bestEpoch, double bestScore, boolean stoppedEarly,
                             double seconds) {

    public TrainingResult {
        curves = List.copyOf(curves);
    }
}
