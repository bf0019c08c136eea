package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.PointCloud;
import io.recon4j.geometry.FarthestPointSampler;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class TransformsTest {

    private static SplittableRandom rng(long seed) {
        return new SplittableRandom(seed);
    }

    private static double[] centroidAndMaxRadius(PointCloud c) {
        double[] m = new double[3];
        for (int i = 0; i < c.size(); i++) {
            for (int a = 0; a < 3; a++) {
                m[a] += c.get(i, a);
            }
        }
        for (int a = 0; a < 3; a++) {
            m[a] /= c.size();
        }
        double r = 0;
        for (int i = 0; i < c.size(); i++) {
            double s = 0;
            for (int a = 0; a < 3; a++) {
                s += (double) c.get(i, a) * c.get(i, a);
            }
            r = Math.max(r, Math.sqrt(s));
        }
        return new double[] {m[0], m[1], m[2], r};
    }

    @Test
    void pcNormGivesUnitSphereEvenForLargeCoordinates() {
        // Raw ModelNet coordinates reach 1e5: a float centroid would be off by whole units there.
        PointCloud raw = TestData.randomCloud(1000, 1, 1e5);
        PointCloud n = Transforms.pcNorm().apply(raw, rng(0));
        double[] s = centroidAndMaxRadius(n);
        assertEquals(0, s[0], 1e-5);
        assertEquals(0, s[1], 1e-5);
        assertEquals(0, s[2], 1e-5);
        assertEquals(1, s[3], 1e-5);
        // Shape preserved: ratios of distances to point 0 unchanged.
        double d1 = dist(raw, 0, 1) / dist(raw, 0, 2);
        double d2 = dist(n, 0, 1) / dist(n, 0, 2);
        assertEquals(d1, d2, 1e-3);
    }

    @Test
    void pcNormKeepsFieldsAndRejectsDegenerateClouds() {
        float[] nx = {1, 2, 3};
        PointCloud c = new PointCloud(new float[] {0, 0, 0, 1, 0, 0, 0, 2, 0}, Map.of("nx", nx));
        PointCloud n = Transforms.normalize(c);
        assertArrayEquals(nx, n.field("nx"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.normalize(new PointCloud(new float[] {5, 5, 5, 5, 5, 5})));
        assertTrue(e.getMessage().contains("coincide"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transforms.normalize(new PointCloud(new float[0])));
    }

    private static double dist(PointCloud c, int i, int j) {
        double s = 0;
        for (int a = 0; a < 3; a++) {
            double d = c.get(i, a) - c.get(j, a);
            s += d * d;
        }
        return Math.sqrt(s);
    }

    @Test
    void randomSubsetHasDistinctIndicesAndIsUniform() {
        PointCloud c = TestData.indexedCloud(100, 3);
        PointTransform t = Transforms.randomSubset(10);
        int[] hits = new int[100];
        int sortedOutputs = 0;
        for (int trial = 0; trial < 4000; trial++) {
            int[] idx = TestData.indicesOf(t.apply(c, rng(trial)));
            assertEquals(10, idx.length);
            assertEquals(10, Arrays.stream(idx).distinct().count(), "indices must be distinct");
            for (int i : idx) {
                hits[i]++;
            }
            int[] s = idx.clone();
            Arrays.sort(s);
            if (Arrays.equals(s, idx)) {
                sortedOutputs++;
            }
        }
        // Each index is taken with probability 10/100: 400 expected, binomial sd ~19.
        for (int h : hits) {
            assertTrue(h > 300 && h < 500, "inclusion count " + h + " far from 400");
        }
        // A permutation prefix is in random order, not sorted.
        assertTrue(sortedOutputs < 10, "subsets came out sorted " + sortedOutputs + " times");
    }

    @Test
    void randomSubsetOfAllPointsIsAPermutationAndShuffleToo() {
        PointCloud c = TestData.indexedCloud(50, 4);
        for (PointTransform t : new PointTransform[] {Transforms.randomSubset(50), Transforms.shufflePoints()}) {
            int[] idx = TestData.indicesOf(t.apply(c, rng(9)));
            int[] sorted = idx.clone();
            Arrays.sort(sorted);
            int[] all = new int[50];
            Arrays.setAll(all, i -> i);
            assertArrayEquals(all, sorted);
            assertFalse(Arrays.equals(all, idx), "order should be shuffled");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.randomSubset(51).apply(c, rng(0)));
        assertTrue(e.getMessage().contains("51") && e.getMessage().contains("50"), e.getMessage());
    }

    @Test
    void randomTransformsAreDeterministicGivenTheSeed() {
        PointCloud c = TestData.randomCloud(2048, 5, 0.5);
        PointTransform t = Transforms.compose(Transforms.randomSubset(1024), Transforms.pcNorm(), Transforms.rotateY(),
                Transforms.scaleAndTranslate(), Transforms.jitter());
        assertEquals(t.apply(c, rng(42)), t.apply(c, rng(42)));
        assertNotEquals(t.apply(c, rng(42)), t.apply(c, rng(43)));
    }

    @Test
    void headTakesFirstPoints() {
        PointCloud c = TestData.indexedCloud(20, 1);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, TestData.indicesOf(Transforms.head(5).apply(c, rng(1))));
        assertThrows(IllegalArgumentException.class, () -> Transforms.head(21).apply(c, rng(1)));
    }

    @Test
    void fpsMatchesTheCudaSemanticsSampler() {
        PointCloud c = TestData.randomCloud(500, 6, 0);
        PointCloud f = Transforms.fps(64).apply(c, rng(1));
        assertEquals(c.select(FarthestPointSampler.sample(c, 64)), f);
        // Deterministic whatever the generator, starts at point 0.
        assertEquals(f, Transforms.fps(64).apply(c, rng(2)));
        assertEquals(c.get(0, 0), f.get(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Transforms.fps(501).apply(c, rng(1)));
    }

    @Test
    void fpsThenRandomSubsetDrawsDistinctPointsFromTheFpsPool() {
        PointCloud c = TestData.indexedCloud(2000, 7);
        Set<Integer> pool = new HashSet<>();
        for (int i : TestData.indicesOf(Transforms.fps(1200).apply(c, rng(0)))) {
            pool.add(i);
        }
        assertEquals(1200, pool.size());
        Set<Integer> union = new HashSet<>();
        for (int trial = 0; trial < 20; trial++) {
            int[] idx = TestData.indicesOf(Transforms.fpsThenRandomSubset(1200, 1024).apply(c, rng(trial)));
            assertEquals(1024, idx.length);
            assertEquals(1024, Arrays.stream(idx).distinct().count());
            for (int i : idx) {
                assertTrue(pool.contains(i), "index " + i + " is not among the 1200 FPS points");
                union.add(i);
            }
        }
        assertEquals(pool, union, "over 20 draws every FPS point should appear");
    }

    @Test
    void fpsPoolIsClampedToTheCloudSizeAsOfficially() {
        // 1024-point clouds (e.g. the PCD ModelNet10): point_all = min(1200, N), then 1024 of 1024.
        PointCloud c = TestData.indexedCloud(1024, 8);
        int[] idx = TestData.indicesOf(Transforms.fpsThenRandomSubset(1200, 1024).apply(c, rng(3)));
        assertEquals(1024, Arrays.stream(idx).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> Transforms.fpsThenRandomSubset(1000, 1024));
        assertThrows(IllegalArgumentException.class,
                () -> Transforms.fpsThenRandomSubset(1200, 1024).apply(TestData.indexedCloud(1000, 1), rng(0)));
    }

    @Test
    void fpsPoolSizesFollowTheOfficialLoop() {
        assertEquals(1200, Transforms.fpsPoolSize(1024));
        assertEquals(2400, Transforms.fpsPoolSize(2048));
        assertEquals(4800, Transforms.fpsPoolSize(4096));
        assertEquals(8192, Transforms.fpsPoolSize(8192));
        assertThrows(IllegalArgumentException.class, () -> Transforms.fpsPoolSize(512));
    }

    /** Two probe points recover the affine map: p0 = origin gives t, p1 = (1,1,1) gives s + t. */
    private static double[][] affineOf(PointTransform t, long seed) {
        PointCloud probe = new PointCloud(new float[] {0, 0, 0, 1, 1, 1});
        PointCloud out = t.apply(probe, rng(seed));
        double[] tr = new double[3];
        double[] sc = new double[3];
        for (int a = 0; a < 3; a++) {
            tr[a] = out.get(0, a);
            sc[a] = out.get(1, a) - out.get(0, a);
        }
        return new double[][] {sc, tr};
    }

    @Test
    void scaleAndTranslateDrawsPerAxisFromTheOfficialRanges() {
        double minS = 9;
        double maxS = 0;
        double minT = 9;
        double maxT = -9;
        boolean axesDiffer = false;
        for (int trial = 0; trial < 2000; trial++) {
            double[][] st = affineOf(Transforms.scaleAndTranslate(), trial);
            for (int a = 0; a < 3; a++) {
                assertTrue(st[0][a] >= 2.0 / 3 - 1e-6 && st[0][a] < 1.5 + 1e-6, "scale " + st[0][a]);
                assertTrue(st[1][a] >= -0.2 - 1e-6 && st[1][a] < 0.2 + 1e-6, "shift " + st[1][a]);
                minS = Math.min(minS, st[0][a]);
                maxS = Math.max(maxS, st[0][a]);
                minT = Math.min(minT, st[1][a]);
                maxT = Math.max(maxT, st[1][a]);
            }
            axesDiffer |= Math.abs(st[0][0] - st[0][1]) > 1e-3;
        }
        assertTrue(minS < 0.68 && maxS > 1.48, "scale range not covered: " + minS + ".." + maxS);
        assertTrue(minT < -0.19 && maxT > 0.19, "shift range not covered: " + minT + ".." + maxT);
        assertTrue(axesDiffer, "scale must be drawn per axis");
    }

    @Test
    void testTimeScaleHasNoShift() {
        for (int trial = 0; trial < 200; trial++) {
            double[][] st = affineOf(Transforms.scale(), trial);
            for (int a = 0; a < 3; a++) {
                assertEquals(0, st[1][a], 0);
                assertTrue(st[0][a] >= 2.0 / 3 - 1e-6 && st[0][a] < 1.5 + 1e-6);
            }
        }
    }

    @Test
    void rotationFollowsTheOfficialRowVectorConvention() {
        // Official: pc @ R with R = [[c,0,s],[0,1,0],[-s,0,c]]; at 90 degrees x -> z and z -> -x.
        PointCloud c = new PointCloud(new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0});
        PointCloud r = Transforms.rotateY(c, Math.PI / 2);
        float[] expected = {0, 0, 1, -1, 0, 0, 0, 1, 0};
        float[] got = r.xyz();
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i], got[i], 1e-6);
        }
    }

    @Test
    void randomRotationPreservesNormsAndYAndCoversTheCircle() {
        PointCloud c = TestData.randomCloud(200, 11, 0);
        int[] quadrant = new int[4];
        for (int trial = 0; trial < 2000; trial++) {
            PointCloud r = Transforms.rotateY().apply(c, rng(trial));
            for (int i = 0; i < c.size(); i++) {
                assertEquals(c.get(i, 1), r.get(i, 1), 0f);
                double n0 = Math.hypot(c.get(i, 0), c.get(i, 2));
                double n1 = Math.hypot(r.get(i, 0), r.get(i, 2));
                assertEquals(n0, n1, 1e-5);
            }
            // Angle from the image of (1, 0, 0): x' = cos, z' = sin.
            PointCloud e = Transforms.rotateY().apply(new PointCloud(new float[] {1, 0, 0}), rng(trial));
            double angle = Math.atan2(e.get(0, 2), e.get(0, 0));
            quadrant[(int) Math.floor(((angle + 2 * Math.PI) % (2 * Math.PI)) / (Math.PI / 2))]++;
        }
        for (int q : quadrant) {
            assertTrue(q > 400 && q < 600, "angles not uniform over [0, 2pi): " + Arrays.toString(quadrant));
        }
    }

    @Test
    void rotationRotatesNormalsToo() {
        Map<String, float[]> f = new LinkedHashMap<>();
        f.put("nx", new float[] {1});
        f.put("ny", new float[] {0});
        f.put("nz", new float[] {0});
        f.put("intensity", new float[] {7});
        PointCloud r = Transforms.rotateY(new PointCloud(new float[] {1, 0, 0}, f), Math.PI / 2);
        assertEquals(0, r.field("nx")[0], 1e-6);
        assertEquals(1, r.field("nz")[0], 1e-6);
        assertEquals(7, r.field("intensity")[0], 0);
        assertEquals(java.util.List.of("nx", "ny", "nz", "intensity"), java.util.List.copyOf(r.fieldNames()));
    }

    @Test
    void jitterIsClippedGaussianNoise() {
        PointCloud c = new PointCloud(new float[30000]);
        PointCloud j = Transforms.jitter().apply(c, rng(5));
        double sum = 0;
        double sq = 0;
        for (float v : j.xyz()) {
            assertTrue(Math.abs(v) <= 0.05f + 1e-7, "jitter " + v + " beyond the 0.05 clip");
            sum += v;
            sq += v * v;
        }
        int n = 30000;
        assertEquals(0, sum / n, 3e-4);
        assertEquals(0.01, Math.sqrt(sq / n), 5e-4);
        PointCloud clipped = Transforms.jitter(1.0, 0.05).apply(c, rng(5));
        long atClip = 0;
        for (float v : clipped.xyz()) {
            assertTrue(Math.abs(v) <= 0.05f + 1e-7);
            atClip += Math.abs(Math.abs(v) - 0.05f) < 1e-7 ? 1 : 0;
        }
        assertTrue(atClip > n * 0.9, "with std 1 almost every value is clipped");
    }

    @Test
    void composeAppliesInOrderAndNamesItself() {
        PointCloud c = TestData.indexedCloud(10, 1);
        PointTransform t = Transforms.compose(Transforms.head(5), Transforms.head(3));
        assertArrayEquals(new int[] {0, 1, 2}, TestData.indicesOf(t.apply(c, rng(0))));
        assertEquals("head(5) -> head(3)", t.toString());
        assertThrows(IllegalArgumentException.class,
                () -> Transforms.compose(Transforms.head(3), Transforms.head(5)).apply(c, rng(0)));
        assertEquals(c, PointTransform.identity().apply(c, rng(0)));
        assertArrayEquals(new int[] {0, 1}, TestData.indicesOf(Transforms.head(4).andThen(Transforms.head(2)).apply(c, rng(0))));
    }
}
