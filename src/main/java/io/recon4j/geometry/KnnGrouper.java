package io.recon4j.geometry;

import java.util.Arrays;

/**
 * Exact k-nearest-neighbour grouping of points around centres, as ReCon's {@code utils/knn.py}
 * ({@code square_distance} + {@code topk(k, largest=False)}).
 *
 * <p>Squared distances are computed in float32 exactly like the official torch code:
 * {@code (-2 * dot + |c|^2) + |p|^2} with {@code dot = (cx*px + cy*py) + cz*pz} and
 * {@code |v|^2 = (x*x + y*y) + z*z}. (The result can be slightly negative for a centre against itself.)
 * The k smallest are kept (a bounded max-heap over one pass); among equal distances the lower point index
 * wins (torch's {@code topk} leaves boundary ties unspecified). Searches run in parallel over all B*G
 * centres on the common ForkJoinPool.
 */
public final class KnnGrouper {

    /** Order of the k neighbour indices of each group. */
    public enum Order {
        /** Ascending point index: the convention of the parity fixtures ({@code neighborhood_idx_sorted}). */
        INDEX,
        /** Nearest first; equal distances by ascending index. */
        DISTANCE
    }

    private KnnGrouper() {}

    /**
     * Finds the k nearest points of every centre, neighbours in ascending index order.
     *
     * @param points coordinates, shape (B, N, 3) row-major
     * @param batch B
     * @param numPoints N
     * @param centers centre coordinates, shape (B, G, 3) row-major
     * @param numGroups G
     * @param k neighbours per centre, 1..N
     * @return neighbour indices (0..N-1 within each cloud), shape (B, G, k) row-major
     */
    public static int[] neighbors(float[] points, int batch, int numPoints, float[] centers, int numGroups, int k) {
        return neighbors(points, batch, numPoints, centers, numGroups, k, Order.INDEX, true);
    }

    /**
     * Finds the k nearest points of every centre.
     *
     * @param order order of the k indices within each group
     * @param parallel whether to search concurrently on the common ForkJoinPool
     * @see #neighbors(float[], int, int, float[], int, int)
     */
    public static int[] neighbors(float[] points, int batch, int numPoints, float[] centers, int numGroups, int k,
            Order order, boolean parallel) {
        check(points, batch, numPoints, centers, numGroups, k);
        Clouds clouds = Clouds.of(points, batch, numPoints, parallel);
        int[] idx = new int[batch * numGroups * k];
        Batches.forEachRange(batch * numGroups, GRAIN, parallel, (from, to) -> {
            Searcher searcher = new Searcher(clouds, k, order);
            for (int bg = from; bg < to; bg++) {
                searcher.search(centers, bg, bg / numGroups, idx);
            }
        });
        return idx;
    }

    /**
     * Gathers neighbourhoods and re-centres them: {@code points[b, idx[b,g,j]] - centers[b, g]}
     * (float32 subtraction), as the official {@code neighborhood - center.unsqueeze(2)}.
     *
     * @param neighborIdx indices, shape (B, G, k), as returned by {@link #neighbors}; other arguments as there
     * @return centred coordinates, shape (B, G, k, 3) row-major
     */
    public static float[] neighborhoods(float[] points, int batch, int numPoints, float[] centers, int numGroups,
            int k, int[] neighborIdx) {
        check(points, batch, numPoints, centers, numGroups, k);
        if (neighborIdx.length != batch * numGroups * k) {
            throw new IllegalArgumentException("neighborIdx has " + neighborIdx.length + " entries, expected B*G*k = "
                    + batch * numGroups * k);
        }
        for (int i = 0; i < neighborIdx.length; i++) {
            if (neighborIdx[i] < 0 || neighborIdx[i] >= numPoints) {
                throw new IllegalArgumentException("neighborIdx[" + i + "] = " + neighborIdx[i]
                        + " is outside 0.." + (numPoints - 1));
            }
        }
        float[] out = new float[neighborIdx.length * 3];
        for (int bg = 0; bg < batch * numGroups; bg++) {
            center(points, bg / numGroups * numPoints, centers, bg, neighborIdx, bg * k, k, out);
        }
        return out;
    }

    static float squaredNorm(float x, float y, float z) {
        return (x * x + y * y) + z * z;
    }

    static void check(float[] points, int batch, int numPoints, float[] centers, int numGroups, int k) {
        Batches.checkClouds("points", points, batch, numPoints);
        Batches.checkClouds("centers", centers, batch, numGroups);
        checkGroupSize(k, numPoints, batch * numGroups);
    }

    static void checkGroupSize(int k, int numPoints, int centres) {
        Batches.checkPositive("group size k", k);
        if (k > numPoints && centres > 0) {
            throw new IllegalArgumentException("group size k = " + k + " exceeds the " + numPoints
                    + " points per cloud");
        }
    }

    /** Points of a batch de-interleaved into x/y/z arrays plus their squared norms, shape (B*N) each. */
    static final class Clouds {
        final int numPoints;
        final float[] x;
        final float[] y;
        final float[] z;
        final float[] norm;

        private Clouds(int total, int numPoints) {
            this.numPoints = numPoints;
            x = new float[total];
            y = new float[total];
            z = new float[total];
            norm = new float[total];
        }

        static Clouds of(float[] points, int batch, int numPoints, boolean parallel) {
            Clouds c = new Clouds(batch * numPoints, numPoints);
            Batches.forEach(batch, parallel, b -> {
                for (int i = b * numPoints, end = i + numPoints; i < end; i++) {
                    float px = points[3 * i];
                    float py = points[3 * i + 1];
                    float pz = points[3 * i + 2];
                    c.x[i] = px;
                    c.y[i] = py;
                    c.z[i] = pz;
                    c.norm[i] = squaredNorm(px, py, pz);
                }
            });
            return c;
        }
    }

    /** Centres per parallel task: enough work to amortise the task's scratch arrays. */
    static final int GRAIN = 16;

    /** Per-task scratch of a kNN search: the distances to one centre and the selection heap. */
    static final class Searcher {
        private final Clouds clouds;
        private final int k;
        private final Order order;
        private final float[] dist;
        private final long[] heap;

        Searcher(Clouds clouds, int k, Order order) {
            this.clouds = clouds;
            this.k = k;
            this.order = order;
            this.dist = new float[clouds.numPoints];
            this.heap = new long[k];
        }

        /** Writes the k nearest points of centre {@code bg} (of cloud {@code bg / G}) to {@code out[bg*k ..]}. */
        void search(float[] centers, int bg, int b, int[] out) {
            int n = clouds.numPoints;
            int base = b * n;
            float cx = centers[3 * bg];
            float cy = centers[3 * bg + 1];
            float cz = centers[3 * bg + 2];
            float cc = squaredNorm(cx, cy, cz);
            float[] xs = clouds.x;
            float[] ys = clouds.y;
            float[] zs = clouds.z;
            float[] norm = clouds.norm;
            for (int i = 0; i < n; i++) {
                // official evaluation order: -2 * dot, then + |c|^2, then + |p|^2
                float dot = (cx * xs[base + i] + cy * ys[base + i]) + cz * zs[base + i];
                dist[i] = (-2f * dot + cc) + norm[base + i];
            }
            selectSmallest(dist, n, k, order, heap, out, bg * k);
        }
    }

    /**
     * Puts the indices of the k smallest of {@code dist[0..n)} into {@code out[off .. off+k)}, ties to the
     * lower index. A bounded max-heap holds (distance, index) packed into one long, so one comparison
     * orders both.
     *
     * @param heap scratch of length k
     */
    static void selectSmallest(float[] dist, int n, int k, Order order, long[] heap, int[] out, int off) {
        for (int i = 0; i < k; i++) {
            long key = key(dist[i], i);
            int pos = i;
            while (pos > 0 && heap[(pos - 1) >> 1] < key) {
                heap[pos] = heap[(pos - 1) >> 1];
                pos = (pos - 1) >> 1;
            }
            heap[pos] = key;
        }
        float worst = distance(heap[0]);
        for (int i = k; i < n; i++) {
            // A later index never beats an equal distance, so only strictly smaller ones enter.
            if (dist[i] < worst) {
                replaceTop(heap, k, key(dist[i], i));
                worst = distance(heap[0]);
            }
        }
        if (order == Order.INDEX) {
            for (int j = 0; j < k; j++) {
                out[off + j] = (int) heap[j];
            }
            Arrays.sort(out, off, off + k);
        } else {
            Arrays.sort(heap);
            for (int j = 0; j < k; j++) {
                out[off + j] = (int) heap[j];
            }
        }
    }

    /** @return a long ordered like (d, index): d's bits made sign-monotonic in the high word */
    static long key(float d, int index) {
        int bits = Float.floatToRawIntBits(d + 0f); // + 0f turns -0 into +0
        return ((long) (bits ^ ((bits >> 31) & 0x7fffffff)) << 32) | index;
    }

    /** @return the distance packed in {@code key} */
    static float distance(long key) {
        int s = (int) (key >> 32);
        return Float.intBitsToFloat(s ^ ((s >> 31) & 0x7fffffff));
    }

    /** Replaces the top of a max-heap of {@code size} keys with {@code key} and restores the heap. */
    private static void replaceTop(long[] heap, int size, long key) {
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            long c = heap[child];
            if (child + 1 < size && heap[child + 1] > c) {
                c = heap[++child];
            }
            if (c <= key) {
                break;
            }
            heap[pos] = c;
            pos = child;
        }
        heap[pos] = key;
    }

    /** Writes group {@code bg}'s neighbours minus its centre to {@code out[bg*k*3 ..]}. */
    static void center(float[] points, int cloudBase, float[] centers, int bg, int[] idx, int idxOff, int k,
            float[] out) {
        float cx = centers[3 * bg];
        float cy = centers[3 * bg + 1];
        float cz = centers[3 * bg + 2];
        for (int j = 0; j < k; j++) {
            int p = 3 * (cloudBase + idx[idxOff + j]);
            int o = 3 * (idxOff + j);
            out[o] = points[p] - cx;
            out[o + 1] = points[p + 1] - cy;
            out[o + 2] = points[p + 2] - cz;
        }
    }
}
