package org.textclf.models.train;

/**
 * Progress callbacks from {@link Trainer}, called on the training thread. Both methods default to
 * doing nothing.
 */
public interface TrainingListener {

    /** After every optimisation step. */
    default void onStep(Step step) {
    }

    /** After each epoch's validation. */
    default void onEpoch(EpochStats stats) {
    }

    /**
     * Progress within training. Immutable.
     *
     * @param epoch         1-based epoch
     * @param step          1-based step within the epoch
     * @param stepsPerEpoch steps in this epoch
     * @param loss          this step's training loss
     * @param docsPerSecond training throughput in this epoch so far
     * @param etaSeconds    estimated time until the last epoch ends (excluding validation)
     */
    record Step(int epoch, int step, int stepsPerEpoch, double loss, double docsPerSecond, double etaSeconds) {
    }

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };
}
