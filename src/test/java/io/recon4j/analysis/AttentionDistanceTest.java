package io.recon4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Attention distances on hand-built geometry, where the answer is known. */
@Tag("fast")
class AttentionDistanceTest {

    /** Four patch centres on the x axis at 0, 1, 2, 3 (one shape). */
    private static final float[] LINE = {0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0};

    @Test
    void oneHotToTheNextPatchIsDistanceOne() {
        // (1, 1, 4, 4): token i attends only to token (i + 1) mod 4: distances 1, 1, 1, 3.
        float[] p = new float[16];
        for (int i = 0; i < 4; i++) {
            p[i * 4 + (i + 1) % 4] = 1;
        }
        double[] d = AttentionDistance.local(p, new long[] {1, 1, 4, 4}, LINE, 4);
        assertEquals((1 + 1 + 1 + 3) / 4.0, d[0], 1e-12);
    }

    @Test
    void uniformAttentionAveragesAllDistancesAndSelfAttentionIsZero() {
        // Head 0 uniform: row means (0+1+2+3)/4, (1+0+1+2)/4, (2+1+0+1)/4, (3+2+1+0)/4 -> 1.25 overall. Head 1: identity -> 0.
        float[] p = new float[2 * 16];
        for (int i = 0; i < 16; i++) {
            p[i] = 0.25f;
        }
        for (int i = 0; i < 4; i++) {
            p[16 + i * 4 + i] = 1;
        }
        double[] d = AttentionDistance.local(p, new long[] {1, 2, 4, 4}, LINE, 4);
        assertEquals(1.25, d[0], 1e-6);
        assertEquals(0, d[1], 1e-12);
    }

    @Test
    void queriesMeasureTheSpreadOfWhatTheyRead() {
        // Cross-attention (1, 1, 2, 4): query 0 reads patches at 0 and 2 half each (centroid 1, spread 1);
        // query 1 reads patch 3 only (spread 0). Mean 0.5.
        float[] p = {0.5f, 0, 0.5f, 0, 0, 0, 0, 1};
        double[] d = AttentionDistance.queries(p, new long[] {1, 1, 2, 4}, LINE, 4, true);
        assertEquals(0.5, d[0], 1e-12);
    }

    @Test
    void singleStreamMapsSplitQueryRowsFromLocalRowsAndRenormalise() {
        // (1, 1, 5, 5): row/column 0 is a global token. Local row 1 (centre 0) puts 0.5 on the token and 0.5 on the
        // patch at 2: renormalised over locals it reads distance 2. Other local rows attend to themselves.
        float[] p = new float[25];
        p[0] = 1; // the token row attends to itself: no mass on locals, skipped
        p[5] = 0.5f;
        p[5 + 3] = 0.5f;
        p[10 + 2] = 1;
        p[15 + 3] = 1;
        p[20 + 4] = 1;
        double[] local = AttentionDistance.local(p, new long[] {1, 1, 5, 5}, LINE, 4);
        assertEquals(2 / 4.0, local[0], 1e-12);
        double[] q = AttentionDistance.queries(p, new long[] {1, 1, 5, 5}, LINE, 4, false);
        assertEquals(0, q[0], 1e-12);
    }

    @Test
    void mapsThatDoNotFitTheCentresAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionDistance.local(new float[16], new long[] {1, 1, 4, 4}, new float[9], 4));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AttentionDistance.local(new float[8], new long[] {1, 1, 2, 4}, LINE, 4));
    }
}
