package org.textclf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.textclf.models.text.Classifier;

/** What a log line shows of a classification (here because classify's output is built from it). */
class ClassifierResultTest {

    @Test
    void toStringShowsLabelsScoresAndTheAttentionSize() {
        Classifier.Result plain = new Classifier.Result(List.of("sports", "food"), new float[] {0.7f, 0.2f, 0.1f}, null);
        assertEquals("Result[labels=[sports, food], scores=[0.7, 0.2, 0.1], attention=none]", plain.toString());
        Classifier.Result withAttention = new Classifier.Result(List.of(), new float[] {0.25f, 0.5f},
                List.of(new Classifier.TokenWeight("rain", 0, true, 0.75f),
                        new Classifier.TokenWeight("zzz", 2, false, 0.25f)));
        assertEquals("Result[labels=[], scores=[0.25, 0.5], attention=2 tokens]", withAttention.toString());
    }
}
