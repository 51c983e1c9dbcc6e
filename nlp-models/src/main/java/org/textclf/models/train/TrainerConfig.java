package org.textclf.models.train;

import java.util.Objects;

/**
 * Training hyper-parameters. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <pre>{@code
 * TrainerConfig cfg = TrainerConfig.builder().epochs(5).batchSize(32).learningRate(1e-3)
 *         .schedule(TrainerConfig.Schedule.WARMUP_COSINE).patience(2).seed(7).build();
 * }</pre>
 *
 * @param epochs          maximum passes over the training data
 * @param batchSize       documents per step
 * @param optimizer       ADAM, or ADAMW (decoupled weight decay on weight matrices)
 * @param learningRate    peak learning rate
 * @param weightDecay     AdamW decay coefficient (ignored by ADAM)
 * @param schedule        learning-rate schedule
 * @param warmupFraction  share of all steps spent warming up (warm-up schedules)
 * @param plateauFactor   multiplier applied when the monitored metric stalls (PLATEAU)
 * @param plateauPatience epochs without improvement before the learning rate drops (PLATEAU)
 * @param minLearningRate floor for PLATEAU
 * @param clipNorm        global gradient-norm clipping threshold (0 = off)
 * @param patience        early stopping: epochs without improvement before stopping (0 = never)
 * @param monitor         validation quantity for early stopping, plateau and best checkpoint
 * @param bucketByLength  batch documents of similar length together (less padding work)
 * @param validFraction   share of training data held out when no validation data is given
 * @param seed            seed for data order, dropout masks and hold-out
 * @param freezeEmbeddings keep the word embedding table as initialised (e.g. from pretrained vectors): no
 *                        gradient is computed for it and it never changes, so the model cannot learn
 *                        label-specific vectors for rare words (names) it would only memorise
 * @param tokenDropout    word dropout: the probability that a real token of a training batch is read as
 *                        {@code <unk>} in that step (0 = off; validation and prediction never drop), meant
 *                        to keep a model from leaning on single words (a film's name); on IMDB it cost the
 *                        one-block Transformer accuracy (docs/benchmarks.md), so measure before using it
 */
public record TrainerConfig(int epochs, int batchSize, Optimizer optimizer, double learningRate, double weightDecay,
                            Schedule schedule, double warmupFraction, double plateauFactor, int plateauPatience,
                            double minLearningRate, double clipNorm, int patience, Monitor monitor,
                            boolean bucketByLength, double validFraction, long seed, boolean freezeEmbeddings,
                            double tokenDropout) {

    /** Update rule. */
    public enum Optimizer { ADAM, ADAMW }

    /** Learning-rate schedule. */
    public enum Schedule {
        /** Fixed learning rate. */
        CONSTANT,
        /** Multiply by {@code plateauFactor} after {@code plateauPatience} epochs without improvement. */
        PLATEAU,
        /** Linear warm-up, then linear decay to 0 at the last step. */
        WARMUP_LINEAR,
        /** Linear warm-up, then half-cosine decay to 0 at the last step. */
        WARMUP_COSINE
    }

    /** What "better" means on the validation data. */
    public enum Monitor {
        /** Macro-averaged F1 (higher is better); the default. */
        MACRO_F1,
        /** Accuracy (higher is better); for multi-label, exact-match ratio. */
        ACCURACY,
        /** Mean validation loss (lower is better). */
        LOSS
    }

    public TrainerConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(monitor, "monitor");
        require(epochs >= 1, "epochs must be >= 1, was " + epochs);
        require(batchSize >= 1, "batchSize must be >= 1, was " + batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, was " + learningRate);
        require(weightDecay >= 0, "weightDecay must be >= 0, was " + weightDecay);
        require(warmupFraction >= 0 && warmupFraction < 1, "warmupFraction must be in [0, 1), was " + warmupFraction);
        require(plateauFactor > 0 && plateauFactor < 1, "plateauFactor must be in (0, 1), was " + plateauFactor);
        require(plateauPatience >= 1, "plateauPatience must be >= 1, was " + plateauPatience);
        require(minLearningRate >= 0, "minLearningRate must be >= 0, was " + minLearningRate);
        require(clipNorm >= 0, "clipNorm must be >= 0, was " + clipNorm);
        require(patience >= 0, "patience must be >= 0, was " + patience);
        require(validFraction > 0 && validFraction < 1, "validFraction must be in (0, 1), was " + validFraction);
        require(tokenDropout >= 0 && tokenDropout < 1, "tokenDropout must be in [0, 1), was " + tokenDropout);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Defaults: 10 epochs, batch 32, AdamW (lr 1e-3, decay 0.01), PLATEAU (factor 0.5, patience 1,
     * floor 1e-6), 10% warm-up for warm-up schedules, clip norm 1.0, early-stopping patience 3 on
     * macro-F1, length bucketing, 10% hold-out, seed 42, embeddings trained, no token dropout.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Not thread-safe. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private Optimizer optimizer = Optimizer.ADAMW;
        private double learningRate = 1e-3;
        private double weightDecay = 0.01;
        private Schedule schedule = Schedule.PLATEAU;
        private double warmupFraction = 0.1;
        private double plateauFactor = 0.5;
        private int plateauPatience = 1;
        private double minLearningRate = 1e-6;
        private double clipNorm = 1.0;
        private int patience = 3;
        private Monitor monitor = Monitor.MACRO_F1;
        private boolean bucketByLength = true;
        private double validFraction = 0.1;
        private long seed = 42;
        private boolean freezeEmbeddings;
        private double tokenDropout;

        public Builder epochs(int v) { this.epochs = v; return this; }
        public Builder batchSize(int v) { this.batchSize = v; return this; }
        public Builder optimizer(Optimizer v) { this.optimizer = v; return this; }
        public Builder learningRate(double v) { this.learningRate = v; return this; }
        public Builder weightDecay(double v) { this.weightDecay = v; return this; }
        public Builder schedule(Schedule v) { this.schedule = v; return this; }
        public Builder warmupFraction(double v) { this.warmupFraction = v; return this; }
        public Builder plateauFactor(double v) { this.plateauFactor = v; return this; }
        public Builder plateauPatience(int v) { this.plateauPatience = v; return this; }
        public Builder minLearningRate(double v) { this.minLearningRate = v; return this; }
        public Builder clipNorm(double v) { this.clipNorm = v; return this; }
        public Builder patience(int v) { this.patience = v; return this; }
        public Builder monitor(Monitor v) { this.monitor = v; return this; }
        public Builder bucketByLength(boolean v) { this.bucketByLength = v; return this; }
        public Builder validFraction(double v) { this.validFraction = v; return this; }
        public Builder seed(long v) { this.seed = v; return this; }
        public Builder freezeEmbeddings(boolean v) { this.freezeEmbeddings = v; return this; }
        public Builder tokenDropout(double v) { this.tokenDropout = v; return this; }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public TrainerConfig build() {
            return new TrainerConfig(epochs, batchSize, optimizer, learningRate, weightDecay, schedule, warmupFraction,
                    plateauFactor, plateauPatience, minLearningRate, clipNorm, patience, monitor, bucketByLength,
                    validFraction, seed, freezeEmbeddings, tokenDropout);
        }
    }
}
