package org.textclf.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {

    @Test
    void balancedMatchesScikitLearn() {
        // sklearn: compute_class_weight("balanced", classes=[0,1,2], y=[0,0,0,1]) -> [4/(3*3), 4/(3*1), ...];
        // label 2 never occurs (sklearn would refuse), we give it 1.
        LabelledData d = LabelledData.singleLabel(new int[][] {{}, {}, {}, {}}, new int[] {0, 0, 0, 1});
        List<Double> w = ClassWeights.balanced(d, 3);
        assertEquals(4.0 / 9, w.get(0), 1e-15);
        assertEquals(4.0 / 3, w.get(1), 1e-15);
        assertEquals(1.0, w.get(2), 0);
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced(d, 1));
    }
}
