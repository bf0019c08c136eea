package io.recon4j.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("shared")
class KnnGrouperTest {

    /** Brute force: sort all N indices by (official float32 distance, index), keep k. */
    static int[] bruteForce(float[] pts, int b, int n, float[] centers, int bg, int k, KnnGrouper.Order order) {
        float cx = centers[3 * bg];
        float cy = centers[3 * bg + 1];
        float cz = centers[3 * bg + 2];
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            int p = 3 * (b * n + i);
            float dot = (cx * pts[p] + cy * pts[p + 1]) + cz * pts[p + 2];
            float cc = (cx * cx + cy * cy) + cz * cz;
            float pp = (pts[p] * pts[p] + pts[p + 1] * pts[p + 1]) + pts[p + 2] * pts[p + 2];
            d[i] = (-2f * dot + cc) + pp;
        }
        int[] best = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
        if (order == KnnGrouper.Order.INDEX) {
            Arrays.sort(best);
        }
        return best;
    }

    static void assertMatchesBruteForce(float[] pts, int batch, int n, float[] centers, int g, int k) {
        for (KnnGrouper.Order order : KnnGrouper.Order.values()) {
            int[] idx = KnnGrouper.neighbors(pts, batch, n, centers, g, k, order, true);
            for (int bg = 0; bg < batch * g; bg++) {
                assertArrayEquals(bruteForce(pts, bg / g, n, centers, bg, k, order),
                        Arrays.copyOfRange(idx, bg * k, bg * k + k), order + " group " + bg);
            }
        }
    }

    @Test
    void randomCentresMatchBruteForce() {
        Random rnd = new Random(4);
        float[] pts = TestData.randomClouds(rnd, 3, 700);
        assertMatchesBruteForce(pts, 3, 700, TestData.randomClouds(rnd, 3, 20), 20, 32);
        assertMatchesBruteForce(pts, 3, 700, TestData.randomClouds(rnd, 3, 5), 5, 700);
        assertMatchesBruteForce(pts, 3, 700, TestData.randomClouds(rnd, 3, 5), 5, 1);
    }

    @Test
    void fpsCentresMatchBruteForceAndContainTheCentre() {
        float[] pts = TestData.randomClouds(new Random(5), 2, 1024);
        int[] fps = FarthestPointSampler.sample(pts, 2, 1024, 64);
        float[] centers = PointGrouper.gather(pts, 1024, fps, 64);
        assertMatchesBruteForce(pts, 2, 1024, centers, 64, 32);
        int[] nearestFirst = KnnGrouper.neighbors(pts, 2, 1024, centers, 64, 32, KnnGrouper.Order.DISTANCE, false);
        for (int bg = 0; bg < 128; bg++) {
            assertEquals(fps[bg], nearestFirst[bg * 32], "a centre is its own nearest point");
        }
    }

    @Test
    void gridTiesGoToTheLowerIndex() {
        Random rnd = new Random(6);
        int n = 400;
        float[] pts = new float[3 * n];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = (rnd.nextInt(5) - 2) / 2f; // many duplicates and equal distances
        }
        float[] centers = new float[3 * 30];
        for (int i = 0; i < centers.length; i++) {
            centers[i] = (rnd.nextInt(5) - 2) / 2f;
        }
        assertMatchesBruteForce(pts, 1, n, centers, 30, 17);
    }

    @Test
    void equidistantBoundaryCandidatesKeepTheLowerIndex() {
        float[] pts = {1, 0, 0, 0, 1, 0, 0, 0, 0.5f};
        float[] centre = {0, 0, 0};
        assertArrayEquals(new int[] {0, 2}, KnnGrouper.neighbors(pts, 1, 3, centre, 1, 2));
        assertArrayEquals(new int[] {2, 0}, KnnGrouper.neighbors(pts, 1, 3, centre, 1, 2, KnnGrouper.Order.DISTANCE, true));
        float[] same = new float[3 * 9];
        Arrays.fill(same, 0.25f);
        assertArrayEquals(new int[] {0, 1, 2, 3}, KnnGrouper.neighbors(same, 1, 9, new float[] {0.25f, 0.25f, 0.25f}, 1, 4));
    }

    @Test
    void neighbourhoodsAreFloat32DifferencesToTheCentre() {
        Random rnd = new Random(7);
        float[] pts = TestData.randomClouds(rnd, 2, 50);
        float[] centers = TestData.randomClouds(rnd, 2, 4);
        int[] idx = KnnGrouper.neighbors(pts, 2, 50, centers, 4, 6);
        float[] nb = KnnGrouper.neighborhoods(pts, 2, 50, centers, 4, 6, idx);
        for (int bg = 0; bg < 8; bg++) {
            for (int j = 0; j < 6; j++) {
                for (int c = 0; c < 3; c++) {
                    float expected = pts[3 * (bg / 4 * 50 + idx[bg * 6 + j]) + c] - centers[3 * bg + c];
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(nb[3 * (bg * 6 + j) + c]));
                }
            }
        }
    }

    @Test
    void modelNetCloudsMatchBruteForce() throws IOException {
        List<float[]> clouds = TestData.modelNetClouds(6);
        float[] pts = TestData.concat(clouds);
        int n = clouds.get(0).length / 3;
        int[] fps = FarthestPointSampler.sample(pts, clouds.size(), n, 64);
        assertMatchesBruteForce(pts, clouds.size(), n, PointGrouper.gather(pts, n, fps, 64), 64, 32);
    }

    @Test
    void packedKeysOrderByDistanceThenIndex() {
        float[] d = {-1.2e-7f, -0f, 0f, Float.MIN_VALUE, 1e-7f, 1f, 3.5f, Float.MAX_VALUE};
        for (int i = 0; i + 1 < d.length; i++) {
            assertTrue(KnnGrouper.key(d[i], 9) < KnnGrouper.key(d[i + 1], 0) || (d[i] == d[i + 1]), d[i] + " < " + d[i + 1]);
            assertEquals(d[i] + 0f, KnnGrouper.distance(KnnGrouper.key(d[i], 5)));
        }
        assertEquals(KnnGrouper.key(0f, 3), KnnGrouper.key(-0f, 3), "-0 and +0 are the same distance");
        assertTrue(KnnGrouper.key(0.5f, 3) < KnnGrouper.key(0.5f, 4));
        assertTrue(KnnGrouper.key(-0.5f, 7) < KnnGrouper.key(-0.25f, 2));
    }

    @Test
    void badInputIsRejectedWithSpecificMessages() {
        float[] pts = new float[3 * 5];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KnnGrouper.neighbors(pts, 1, 5, new float[3], 1, 6));
        assertTrue(e.getMessage().contains("k = 6 exceeds the 5 points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KnnGrouper.neighbors(pts, 1, 5, new float[4], 1, 2));
        assertTrue(e.getMessage().startsWith("centers has 4 floats"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KnnGrouper.neighbors(pts, 1, 5, new float[3], 1, 0));
        assertTrue(e.getMessage().contains("k must be >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KnnGrouper.neighborhoods(pts, 1, 5, new float[3], 1, 2, new int[] {0, 5}));
        assertTrue(e.getMessage().contains("neighborIdx[1] = 5"), e.getMessage());
    }
}
