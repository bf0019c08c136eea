package io.recon4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class KMeansTest {

    /** S rows of width 2 around three far-apart centres, row i in blob i % 3. */
    static float[] blobs(int s, long seed) {
        Random r = new Random(seed);
        float[][] c = {{0, 0}, {10, 0}, {0, 10}};
        float[] x = new float[s * 2];
        for (int i = 0; i < s; i++) {
            x[2 * i] = c[i % 3][0] + (float) r.nextGaussian();
            x[2 * i + 1] = c[i % 3][1] + (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void recoversSeparatedBlobs() {
        KMeans.Clustering k = KMeans.fit(blobs(90, 1), 2, 3, 20, 5, 7);
        int[] a = k.assignment();
        for (int i = 0; i < 90; i++) {
            assertEquals(a[i % 3], a[i], "row " + i + " left its blob");
        }
        assertNotEquals(a[0], a[1]);
        assertNotEquals(a[1], a[2]);
        assertNotEquals(a[0], a[2]);
        // Unit-variance blobs in 2-D: about 2 per row.
        assertTrue(k.inertia() < 90 * 4, "inertia " + k.inertia());
    }

    @Test
    void moreRestartsNeverEndWorse() {
        float[] x = blobs(60, 3);
        for (long seed = 0; seed < 5; seed++) {
            double one = KMeans.fit(x, 2, 6, 10, 1, seed).inertia();
            double ten = KMeans.fit(x, 2, 6, 10, 10, seed).inertia();
            assertTrue(ten <= one, "seed " + seed + ": " + ten + " > " + one);
        }
    }

    @Test
    void sameSeedSameClustering() {
        float[] x = blobs(60, 4);
        assertEquals(KMeans.fit(x, 2, 4, 10, 3, 9).inertia(), KMeans.fit(x, 2, 4, 10, 3, 9).inertia());
    }

    @Test
    void refusesImpossibleRequests() {
        float[] x = blobs(4, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KMeans.fit(x, 2, 5, 10, 1, 0)).getMessage()
                .contains("5 clusters in 4 rows"));
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(x, 3, 2, 10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(x, 2, 2, 10, 0, 0));
    }
}
