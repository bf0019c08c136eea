package io.recon4j.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The smallest set holding half the mass, on maps where it is known. */
@Tag("fast")
class MassBoundaryTest {

    @Test
    void heaviestPatchesUntilHalfTheMass() {
        // 3×3 map: 0.30 + 0.15 = 0.45 < 0.5, so a third patch (the next heaviest, 0.12) is needed; no 2-set reaches 0.5.
        double[] map = {0.05, 0.30, 0.05, 0.12, 0.15, 0.10, 0.08, 0.05, 0.10};
        boolean[] set = MassBoundary.smallestSet(map, 0.5);
        assertArrayEquals(new boolean[] {false, true, false, true, true, false, false, false, false}, set);
        assertEquals(3, MassBoundary.count(set));
        // Minimality: every set of 2 patches holds less than half.
        for (int i = 0; i < map.length; i++) {
            for (int j = i + 1; j < map.length; j++) {
                assertEquals(true, map[i] + map[j] < 0.5, i + "," + j);
            }
        }
    }

    @Test
    void unnormalisedWeightsUniformMapsAndExactShares() {
        // Weights need not sum to 1: the share is of their total.
        assertArrayEquals(new boolean[] {true, false, false, false}, MassBoundary.smallestSet(new double[] {6, 2, 2, 2}, 0.5));
        // Reaching the share exactly is enough: 2 of 4 equal patches, the first ones in patch order.
        assertArrayEquals(new boolean[] {true, true, false, false}, MassBoundary.smallestSet(new double[] {1, 1, 1, 1}, 0.5));
        // A uniform map over 49 patches needs 25 (24 hold 24/49 < 1/2).
        double[] uniform = new double[49];
        java.util.Arrays.fill(uniform, 1.0 / 49);
        assertEquals(25, MassBoundary.count(MassBoundary.smallestSet(uniform, 0.5)));
        assertEquals(49, MassBoundary.count(MassBoundary.smallestSet(uniform, 1.0)));
    }

    @Test
    void refusesBadMaps() {
        assertThrows(IllegalArgumentException.class, () -> MassBoundary.smallestSet(new double[] {0, 0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> MassBoundary.smallestSet(new double[] {-1, 2}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> MassBoundary.smallestSet(new double[] {1, 2}, 0));
    }
}
