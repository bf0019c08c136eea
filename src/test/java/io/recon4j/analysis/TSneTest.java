package io.recon4j.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exact t-SNE: clusters stay apart, the KL falls, a seed fixes the map, the perplexity is met. */
@Tag("fast")
class TSneTest {

    private static final int CLUSTERS = 3;
    private static final int PER_CLUSTER = 30;
    private static final int DIM = 10;

    /** Three tight Gaussian clusters in 10-D, centres 20 apart (spread 1). */
    private static float[] clusters(int[] labels) {
        Random r = new Random(7);
        float[] x = new float[CLUSTERS * PER_CLUSTER * DIM];
        for (int i = 0; i < CLUSTERS * PER_CLUSTER; i++) {
            int c = i % CLUSTERS;
            labels[i] = c;
            for (int d = 0; d < DIM; d++) {
                x[i * DIM + d] = (float) ((d == c ? 20 : 0) + r.nextGaussian());
            }
        }
        return x;
    }

    private static TSne small(long seed) {
        return TSne.builder().optPerplexity(10).optIterations(300).optSeed(seed).build();
    }

    @Test
    void separatedClustersStaySeparatedAndKlFalls() {
        int n = CLUSTERS * PER_CLUSTER;
        int[] labels = new int[n];
        TSne.Result r = small(1).embed(clusters(labels), n, DIM);
        assertEquals(1.0, NeighbourAccuracy.leaveOneOut(r.map(), n, 2, labels, 5), "every point's neighbours share its cluster");
        // Stronger than k-NN: the closest pair of points from different clusters is farther apart than any point is
        // from its own cluster's centre.
        double[][] centre = new double[CLUSTERS][2];
        for (int i = 0; i < n; i++) {
            centre[labels[i]][0] += r.map()[2 * i] / PER_CLUSTER;
            centre[labels[i]][1] += r.map()[2 * i + 1] / PER_CLUSTER;
        }
        double radius = 0;
        double gap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            radius = Math.max(radius, Math.hypot(r.map()[2 * i] - centre[labels[i]][0], r.map()[2 * i + 1] - centre[labels[i]][1]));
            for (int j = 0; j < n; j++) {
                if (labels[i] != labels[j]) {
                    gap = Math.min(gap, Math.hypot(r.map()[2 * i] - r.map()[2 * j], r.map()[2 * i + 1] - r.map()[2 * j + 1]));
                }
            }
        }
        assertTrue(gap > radius, "between-cluster gap " + gap + " vs cluster radius " + radius);

        double[] kl = r.kl();
        assertEquals(30, kl.length);
        assertEquals(300, r.klIterations()[kl.length - 1]);
        // After early exaggeration (50 iterations) the KL of the true P falls: final well below its value then.
        assertTrue(r.finalKl() < 0.8 * kl[4], Arrays.toString(kl));
        for (int t = 10; t < kl.length; t++) {
            assertTrue(kl[t] <= kl[t - 1] + 1e-3, "KL rose at " + r.klIterations()[t] + ": " + Arrays.toString(kl));
        }
    }

    @Test
    void aSeedFixesTheMapAndAnotherSeedChangesIt() {
        int n = CLUSTERS * PER_CLUSTER;
        int[] labels = new int[n];
        float[] x = clusters(labels);
        float[] a = small(3).embed(x, n, DIM).map();
        assertArrayEquals(a, small(3).embed(x, n, DIM).map());
        assertFalse(Arrays.equals(a, small(4).embed(x, n, DIM).map()));
    }

    @Test
    void conditionalsMeetThePerplexity() {
        int n = CLUSTERS * PER_CLUSTER;
        int[] labels = new int[n];
        float[] x = clusters(labels);
        TSne t = small(0);
        double[] p = t.jointProbabilities(TSne.squaredDistances(x, n, DIM), n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(0, p[i * n + i], 1e-12);
            for (int j = 0; j < n; j++) {
                assertEquals(p[i * n + j], p[j * n + i], 1e-15, "p is symmetric");
                sum += p[i * n + j];
            }
        }
        assertEquals(1, sum, 1e-6);
    }

    @Test
    void refusesTooFewPointsAndBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> TSne.builder().optPerplexity(30).build().embed(new float[20], 10, 2));
        assertThrows(IllegalArgumentException.class, () -> TSne.builder().optIterations(10).build());
        assertThrows(IllegalArgumentException.class, () -> small(0).embed(new float[7], 100, 2));
    }
}
