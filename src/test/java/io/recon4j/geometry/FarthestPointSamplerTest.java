package io.recon4j.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fixture")
@Tag("shared")
class FarthestPointSamplerTest {

    @Test
    void randomCloudsMatchKernelReplay() {
        Random rnd = new Random(1);
        int[][] sizes = {{3, 1024, 64}, {2, 100, 37}, {2, 3000, 50}, {1, 1, 4}, {2, 7, 7}};
        for (int[] s : sizes) {
            float[] pts = TestData.randomClouds(rnd, s[0], s[1]);
            int[] idx = FarthestPointSampler.sample(pts, s[0], s[1], s[2]);
            for (int b = 0; b < s[0]; b++) {
                float[] cloud = FpsReference.cloud(pts, b, s[1]);
                int[] expected = FpsReference.cudaReplay(cloud, s[1], s[2], true);
                assertArrayEquals(expected, Arrays.copyOfRange(idx, b * s[2], (b + 1) * s[2]), Arrays.toString(s));
                assertArrayEquals(expected, FpsReference.firstMaximum(cloud, s[1], s[2]), "no ties in random data");
            }
        }
    }

    @Test
    void exactTiesResolveLikeTheKernel() {
        // Coordinates on a coarse grid give many exactly equal distances.
        Random rnd = new Random(2);
        int differsFromFirstMax = 0;
        for (int trial = 0; trial < 40; trial++) {
            int n = 20 + rnd.nextInt(700);
            float[] pts = new float[3 * n];
            for (int i = 0; i < pts.length; i++) {
                pts[i] = (rnd.nextInt(9) - 4) / 4f;
            }
            int g = 1 + rnd.nextInt(80);
            int[] expected = FpsReference.cudaReplay(pts, n, g, true);
            assertArrayEquals(expected, FarthestPointSampler.sample(pts, g), "trial " + trial + ", N=" + n);
            if (!Arrays.equals(expected, FpsReference.firstMaximum(pts, n, g))) {
                differsFromFirstMax++;
            }
        }
        assertTrue(differsFromFirstMax > 0, "the tie cases should include some where lowest-index-wins differs");
    }

    @Test
    void twoEquidistantCandidatesFollowTheThreadReduction() {
        // Points 1 and 2 are both at squared distance 5 from point 0. With N=3 the kernel runs 2 threads:
        // thread 0 sees points 0 and 2, thread 1 sees point 1; the reduction keeps thread 0's point 2.
        float[] pts = {1, 0, 0, -1, 1, 0, -1, -1, 0};
        assertArrayEquals(new int[] {0, 2, 1}, FarthestPointSampler.sample(pts, 3));
        assertArrayEquals(new int[] {0, 1, 2}, FpsReference.firstMaximum(pts, 3, 3));
    }

    @Test
    void allPointsIdenticalGiveIndexZeroRepeatedly() {
        float[] same = new float[3 * 10];
        Arrays.fill(same, 1f);
        assertArrayEquals(new int[6], FarthestPointSampler.sample(same, 6));
        float[] origin = new float[3 * 10];
        assertArrayEquals(new int[6], FarthestPointSampler.sample(origin, 6), "all points in the dead zone");
    }

    @Test
    void fewerPointsThanSamplesRepeatIndexZero() {
        float[] pts = {1, 0, 0, 0, 1, 0, 0, 0, 1, -1, 0, 0, 0, -1, 0};
        int[] idx = FarthestPointSampler.sample(pts, 9);
        int[] head = Arrays.copyOf(idx, 5);
        Arrays.sort(head);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, head);
        assertArrayEquals(new int[4], Arrays.copyOfRange(idx, 5, 9));
        assertArrayEquals(FpsReference.cudaReplay(pts, 5, 9, true), idx);
    }

    @Test
    void deadZoneIsSkippedWithTheKernelsBoundary() {
        // Largest float x with x*x <= 1e-3 is dead; the next float up is selectable.
        float dead = (float) Math.sqrt(1e-3);
        while ((double) (dead * dead) > 1e-3) {
            dead = Math.nextDown(dead);
        }
        while ((double) (Math.nextUp(dead) * Math.nextUp(dead)) <= 1e-3) {
            dead = Math.nextUp(dead);
        }
        float live = Math.nextUp(dead);
        assertTrue(FarthestPointSampler.inDeadZone(dead, 0, 0));
        assertFalse(FarthestPointSampler.inDeadZone(live, 0, 0));

        // Six unit axis points, then the two near-origin points: after the axes, the centre is farthest.
        float[] pts = {1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, dead, 0, 0, 0, live, 0};
        int[] idx = FarthestPointSampler.sample(pts, 8);
        assertArrayEquals(FpsReference.cudaReplay(pts, 8, 8, true), idx);
        assertFalse(Arrays.stream(idx).anyMatch(i -> i == 6), "dead-zone point selected: " + Arrays.toString(idx));
        assertEquals(7, idx[6], "the live point just outside the dead zone comes after the axes");
        assertTrue(Arrays.stream(FpsReference.cudaReplay(pts, 8, 8, false)).anyMatch(i -> i == 6),
                "without the rule the centre point would be picked");
    }

    @Test
    void deadFirstPointIsPickedFirstOnly() {
        float[] pts = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
        int[] idx = FarthestPointSampler.sample(pts, 6);
        assertEquals(0, idx[0]);
        assertArrayEquals(FpsReference.cudaReplay(pts, 4, 6, true), idx);
        int[] next = Arrays.copyOfRange(idx, 1, 4);
        Arrays.sort(next);
        assertArrayEquals(new int[] {1, 2, 3}, next);
    }

    @Test
    void batchedParallelSequentialAndSingleCloudAgree() {
        float[] pts = TestData.randomClouds(new Random(3), 8, 500);
        int[] par = FarthestPointSampler.sample(pts, 8, 500, 40, true);
        assertArrayEquals(par, FarthestPointSampler.sample(pts, 8, 500, 40, false));
        for (int b = 0; b < 8; b++) {
            assertArrayEquals(Arrays.copyOfRange(par, b * 40, b * 40 + 40),
                    FarthestPointSampler.sample(FpsReference.cloud(pts, b, 500), 40));
        }
        assertEquals(0, FarthestPointSampler.sample(pts, 8, 500, 0).length);
    }

    @Test
    void threadCountFollowsOptNThreads() {
        assertEquals(256, FarthestPointSampler.cudaThreads(256));
        assertEquals(512, FarthestPointSampler.cudaThreads(1024));
        assertEquals(2, FarthestPointSampler.cudaThreads(3));
        assertEquals(1, FarthestPointSampler.cudaThreads(1));
        for (int n = 1; n <= 1 << 16; n++) {
            assertEquals(Math.min(Integer.highestOneBit(n), 512), FarthestPointSampler.cudaThreads(n), "N=" + n);
        }
    }

    @Test
    void fixtureIndicesReproducedExactly() throws IOException {
        float[] input = TestData.fixture("input_points.npy").toFloatArray();
        int[] expected = TestData.fixture("fps_idx.npy").toIntArray();
        int[] idx = FarthestPointSampler.sample(input, 2, 256, 16);
        assertArrayEquals(expected, idx);
        // Cloud 1 carries axle points in the dead zone: ignoring the rule changes the picks.
        float[] wheel = FpsReference.cloud(input, 1, 256);
        assertFalse(Arrays.equals(Arrays.copyOfRange(expected, 16, 32), FpsReference.cudaReplay(wheel, 256, 16, false)));
    }

    @Test
    void modelNetCloudsMatchKernelReplay() throws IOException {
        List<float[]> clouds = TestData.modelNetClouds(10);
        float[] pts = TestData.concat(clouds);
        int n = clouds.get(0).length / 3;
        int[] idx = FarthestPointSampler.sample(pts, clouds.size(), n, 64);
        for (int b = 0; b < clouds.size(); b++) {
            assertArrayEquals(FpsReference.cudaReplay(clouds.get(b), n, 64, true),
                    Arrays.copyOfRange(idx, b * 64, b * 64 + 64), "cloud " + b);
        }
        assertArrayEquals(FpsReference.cudaReplay(clouds.get(0), n, 700, true),
                FarthestPointSampler.sample(clouds.get(0), 700));
    }

    @Test
    void badInputIsRejectedWithSpecificMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FarthestPointSampler.sample(new float[10], 1, 4, 2));
        assertTrue(e.getMessage().contains("expected B*N*3"), e.getMessage());
        float[] nan = new float[12];
        nan[7] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> FarthestPointSampler.sample(nan, 2, 2, 1));
        assertTrue(e.getMessage().contains("[b=1, n=0, y]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FarthestPointSampler.sample(new float[6], -1));
        assertTrue(e.getMessage().contains("G must be >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FarthestPointSampler.sample(new float[5], 1));
        assertTrue(e.getMessage().contains("not a multiple of 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FarthestPointSampler.sample(new float[0], 1));
        assertTrue(e.getMessage().contains("N must be >= 1"), e.getMessage());
    }
}
