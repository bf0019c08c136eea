package io.recon4j.cae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fixed 2-D sin-cos table against values worked out by hand from the official formula. */
@Tag("fast")
class SinCosPositionsTest {

    static float[] row(float[] table, int r, int dim) {
        return Arrays.copyOfRange(table, r * dim, (r + 1) * dim);
    }

    @Test
    void eightChannelsOnATwoByTwoGrid() {
        // D = 8: four quarters of 2 frequencies, ω = [1, 1/10000^(1/2)] = [1, 0.01].
        float[] t = SinCosPositions.table(2, 2, 8);
        float s1 = (float) Math.sin(1);
        float c1 = (float) Math.cos(1);
        float s01 = (float) Math.sin(0.01);
        float c01 = (float) Math.cos(0.01);
        assertArrayEquals(new float[8], row(t, 0, 8), "the cls slot is zero");
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 1, 1}, row(t, 1, 8), 1e-7f, "patch 0 at (0, 0)");
        assertArrayEquals(new float[] {0, 0, 1, 1, s1, s01, c1, c01}, row(t, 2, 8), 1e-7f, "patch 1: row 0, column 1");
        assertArrayEquals(new float[] {s1, s01, c1, c01, 0, 0, 1, 1}, row(t, 3, 8), 1e-7f, "patch 2: row 1, column 0");
        assertArrayEquals(new float[] {s1, s01, c1, c01, s1, s01, c1, c01}, row(t, 4, 8), 1e-7f, "patch 3: row 1, column 1");
    }

    @Test
    void frequenciesFollowTheTemperature() {
        // D = 16: ω_d = 10000^(-d/4) = 1, 0.1, 0.01, 0.001; patch 13 of a 7×7 grid is row 1, column 6.
        float[] t = SinCosPositions.table(7, 7, 16);
        float[] want = new float[16];
        double[] omega = {1, 0.1, 0.01, 0.001};
        for (int d = 0; d < 4; d++) {
            want[d] = (float) Math.sin(1 * omega[d]);
            want[4 + d] = (float) Math.cos(1 * omega[d]);
            want[8 + d] = (float) Math.sin(6 * omega[d]);
            want[12 + d] = (float) Math.cos(6 * omega[d]);
        }
        assertArrayEquals(want, row(t, 14, 16), 1e-6f);
    }

    @Test
    void refusesAWidthNotDivisibleByFour() {
        assertThrows(IllegalArgumentException.class, () -> SinCosPositions.table(2, 2, 6));
    }
}
