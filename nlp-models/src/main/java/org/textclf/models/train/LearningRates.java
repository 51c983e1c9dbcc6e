package org.textclf.models.train;

/**
 * Step-wise learning rate for the warm-up schedules. Stateless and thread-safe.
 */
public final class LearningRates {

    private LearningRates() {
    }

    /**
     * Learning rate at 0-based {@code step} of {@code totalSteps}: linear warm-up from peak/warmup to
     * peak over {@code warmupSteps}, then linear or half-cosine decay towards 0 (reached one step after the last).
     * CONSTANT and PLATEAU return {@code peak} (PLATEAU adjusts per epoch in the trainer).
     */
    public static double at(TrainerConfig.Schedule schedule, double peak, long step, long totalSteps, long warmupSteps) {
        if (schedule == TrainerConfig.Schedule.CONSTANT || schedule == TrainerConfig.Schedule.PLATEAU) {
            return peak;
        }
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double progress = Math.min(1, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
        return schedule == TrainerConfig.Schedule.WARMUP_LINEAR
                ? peak * (1 - progress)
                : peak * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
