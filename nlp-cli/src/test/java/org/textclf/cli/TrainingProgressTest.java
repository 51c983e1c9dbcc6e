package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.textclf.models.train.EpochStats;
import org.textclf.models.train.TrainingListener.Step;

class TrainingProgressTest {

    @Test
    void plainLinesAtMostOncePerIntervalWithinAnEpochThenTheEpochSummary() {
        StringWriter text = new StringWriter();
        long[] now = {0};
        TrainingProgress p = new TrainingProgress(new PrintWriter(text), false, 3, 1000, () -> now[0]);
        now[0] = 500_000_000L;
        p.onStep(new Step(1, 1, 4, 1.25, 100, 30));           // too soon: nothing
        now[0] = 1_200_000_000L;
        p.onStep(new Step(1, 2, 4, 1.0, 1234.5, 3725));        // one line
        now[0] = 1_900_000_000L;
        p.onStep(new Step(1, 3, 4, 0.9, 1300, 20));            // too soon after the last line
        now[0] = 9_000_000_000L;
        p.onStep(new Step(1, 4, 4, 0.8, 1300, 10));            // last step: the epoch line follows anyway
        p.onEpoch(new EpochStats(1, 0.95, 0.85, 0.5, 0.6, 1e-3, 4.25));
        assertEquals("epoch 1/3  step 2/4  loss 1.0000  1,235 docs/s  ETA 1h02m\n"
                + "epoch 1/3  train loss 0.9500  valid loss 0.8500  valid macro-F1 0.5000  valid accuracy 0.6000"
                + "  lr 1.00e-03  4.3 s\n", text.toString());
    }

    @Test
    void durations() {
        assertEquals("0s", TrainingProgress.duration(-3));
        assertEquals("59s", TrainingProgress.duration(59.4));
        assertEquals("1m00s", TrainingProgress.duration(59.6));
        assertEquals("59m59s", TrainingProgress.duration(3599));
        assertEquals("1h01m", TrainingProgress.duration(3660));
    }
}
