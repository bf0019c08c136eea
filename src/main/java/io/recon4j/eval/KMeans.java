package io.recon4j.eval;

import java.util.SplittableRandom;

/**
 * Seeded k-means on row-major float rows: k-means++ seeding, then Lloyd iterations; with several restarts the
 * clustering of least inertia (sum of squared distances to the assigned centre) is kept. Shared by the CAE's
 * k-means patch tokenizer and the transductive zero-shot.
 */
public final class KMeans {

    private KMeans() {
    }

    /**
     * A clustering.
     *
     * @param centres (K, D) row-major
     * @param assignment the centre of each of the S rows
     * @param inertia sum over rows of the squared distance to their centre
     */
    public record Clustering(float[] centres, int[] assignment, double inertia) {
    }

    /**
     * @param x (S, D) rows, row-major
     * @param d D, the row width
     * @param k K centres, at most S
     * @param iterations Lloyd iterations after seeding
     * @param restarts independent seedings (≥ 1); the least inertia wins
     * @param seed seeds the k-means++ draws (restart r: seed + r)
     */
    public static Clustering fit(float[] x, int d, int k, int iterations, int restarts, long seed) {
        if (d <= 0 || x.length % d != 0) {
            throw new IllegalArgumentException(x.length + " values are not rows of width " + d);
        }
        int n = x.length / d;
        if (k <= 0 || k > n) {
            throw new IllegalArgumentException("cannot find " + k + " clusters in " + n + " rows");
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
        }
        Clustering best = null;
        for (int r = 0; r < restarts; r++) {
            // Restart r draws from seed + r, so one restart is the tokenizer's original seeding.
            Clustering c = lloyd(x, n, d, k, iterations, new SplittableRandom(seed + r));
            if (best == null || c.inertia < best.inertia) {
                best = c;
            }
        }
        return best;
    }

    private static Clustering lloyd(float[] x, int n, int d, int k, int iterations, SplittableRandom rng) {
        float[] centres = seedPlusPlus(x, n, d, k, rng);
        int[] assignment = new int[n];
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < n; i++) {
                assignment[i] = nearest(x, i, centres, k, d);
            }
            double[] sums = new double[k * d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[assignment[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[assignment[i] * d + j] += x[i * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                // An empty cluster keeps its centre rather than collapsing onto another.
                for (int j = 0; counts[c] > 0 && j < d; j++) {
                    centres[c * d + j] = (float) (sums[c * d + j] / counts[c]);
                }
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            assignment[i] = nearest(x, i, centres, k, d);
            inertia += squared(x, i, centres, assignment[i], d);
        }
        return new Clustering(centres, assignment, inertia);
    }

    /** k-means++: each next centre drawn with probability proportional to its squared distance to the chosen ones. */
    private static float[] seedPlusPlus(float[] x, int n, int d, int k, SplittableRandom rng) {
        float[] centres = new float[k * d];
        double[] dist = new double[n];
        int first = rng.nextInt(n);
        System.arraycopy(x, first * d, centres, 0, d);
        for (int i = 0; i < n; i++) {
            dist[i] = squared(x, i, centres, 0, d);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : dist) {
                total += v;
            }
            int pick = rng.nextInt(n);
            if (total > 0) {
                double r = rng.nextDouble() * total;
                for (pick = 0; pick < n - 1 && (r -= dist[pick]) > 0; pick++) {
                    // walk to the sampled row
                }
            }
            System.arraycopy(x, pick * d, centres, c * d, d);
            for (int i = 0; i < n; i++) {
                dist[i] = Math.min(dist[i], squared(x, i, centres, c, d));
            }
        }
        return centres;
    }

    private static int nearest(float[] x, int i, float[] centres, int k, int d) {
        int best = 0;
        double bestDist = Double.MAX_VALUE;
        for (int c = 0; c < k; c++) {
            double dist = squared(x, i, centres, c, d);
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best;
    }

    private static double squared(float[] x, int i, float[] centres, int c, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = x[i * d + j] - centres[c * d + j];
            s += diff * diff;
        }
        return s;
    }
}
