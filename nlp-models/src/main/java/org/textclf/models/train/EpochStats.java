package org.textclf.models.train;

/**
 * One row of the training curves. Immutable and thread-safe.
 *
 * @param epoch          1-based epoch number
 * @param trainLoss      mean training loss over the epoch's steps (with dropout)
 * @param validLoss      mean validation loss (no dropout)
 * @param validMacroF1   validation macro-F1 (threshold 0.5 per label for multi-label)
 * @param validAccuracy  validation accuracy (exact match for multi-label)
 * @param learningRate   learning rate at the end of the epoch
 * @param seconds        wall time of the epoch including validation
 */
public record EpochStats(int epoch, double trainLoss, double validLoss, double validMacroF1, double validAccuracy,
                         double learningRate, double seconds) {
}
