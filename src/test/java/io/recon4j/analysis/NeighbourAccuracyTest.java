package io.recon4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Leave-one-out k-NN accuracy on points placed by hand. */
@Tag("fast")
class NeighbourAccuracyTest {

    @Test
    void countsPointsWhoseNeighboursShareTheirClass() {
        // On a line: class 0 at 0, 1, 2; class 1 at 10, 11; one class-1 point stranded at 1.5 among class 0.
        float[] x = {0, 1, 2, 10, 11, 1.5f};
        int[] labels = {0, 0, 0, 1, 1, 1};
        // 1-NN: 1 and 2 have the stranded class-1 point as nearest (wrong), and it has 1 (wrong); 0, 10, 11 right.
        assertEquals(3.0 / 6, NeighbourAccuracy.leaveOneOut(x, 6, 1, labels, 1), 1e-12);
        // 3-NN: 0, 1 and 2 see two class-0 points among their three nearest (right).
        double acc3 = NeighbourAccuracy.leaveOneOut(x, 6, 1, labels, 3);
        // 10: {11 (1), 2 (0), 1.5 (1)} -> class 1 right; 11: {10 (1), 2 (0), 1.5 (1)} -> right; 1.5: {1, 2, 0} -> wrong.
        assertEquals(5.0 / 6, acc3, 1e-12);
    }

    @Test
    void refusesBadK() {
        assertThrows(IllegalArgumentException.class, () -> NeighbourAccuracy.leaveOneOut(new float[] {0, 1}, 2, 1, new int[] {0, 1}, 2));
    }
}
