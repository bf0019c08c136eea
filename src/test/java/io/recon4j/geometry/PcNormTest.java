package io.recon4j.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PcNormTest {

    @Test
    void centresAndScalesToTheUnitSphere() {
        // Centroid (1, 2, 3); the farthest points are 2 away from it.
        double[] xyz = {3, 2, 3, -1, 2, 3, 1, 3, 3, 1, 1, 3};
        assertEquals(2, PcNorm.apply(xyz));
        assertArrayEquals(new double[] {1, 0, 0, -1, 0, 0, 0, 0.5, 0, 0, -0.5, 0}, xyz);
    }

    @Test
    void degenerateCloudsBecomeZerosAndReportRadiusZero() {
        double[] one = {5, -7, 1e5};
        assertEquals(0, PcNorm.apply(one));
        assertArrayEquals(new double[3], one);
        double[] same = {2, 2, 2, 2, 2, 2};
        assertEquals(0, PcNorm.apply(same));
        assertArrayEquals(new double[6], same);
        assertEquals(0, PcNorm.apply(new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PcNorm.apply(new double[4]));
        assertEquals("cloud has 4 values, expected N*3 (layout (N, 3))", e.getMessage());
    }
}
