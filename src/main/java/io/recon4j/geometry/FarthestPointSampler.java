package io.recon4j.geometry;

import io.recon4j.cloud.PointCloud;
import java.util.Arrays;

/**
 * Farthest point sampling (FPS) with the exact semantics of the CUDA op ReCon uses,
 * {@code pointnet2_ops.furthest_point_sample} (erikwijmans/Pointnet2_PyTorch, {@code sampling_gpu.cu}).
 *
 * <p>Rules reproduced, per cloud:
 * <ul>
 *   <li>The first selected index is always 0, whatever point 0 is.</li>
 *   <li>Every point keeps a running distance to the selected set, initialised to {@code 1e10f}. After each
 *       pick it becomes {@code min(running, d)} with {@code d} the float32 squared distance to the newest
 *       pick, evaluated as {@code ((dx*dx + dy*dy) + dz*dz)} (Java never fuses multiply-adds).</li>
 *   <li><b>Dead zone:</b> a point whose float32 squared norm {@code (x*x + y*y) + z*z} is {@code <= 1e-3}
 *       (compared in double, as the kernel does) is skipped entirely: its running distance is never updated
 *       and it is never selected, except index 0 as the fixed first pick.</li>
 *   <li>The next pick is the point with the largest running distance. Without exact ties that is simply the
 *       first maximum. On an exact tie the kernel's choice depends on its thread layout (each of
 *       {@code T = opt_n_threads(N)} threads keeps the first strict maximum of the indices
 *       {@code k = t (mod T)}, then a tree reduction keeps the lower slot unless the upper one is strictly
 *       larger), which is not always the lowest index. This class detects exact ties and then replays that
 *       reduction, so ties resolve as on the GPU too. (The parity fixtures have no near ties; a plain
 *       first-maximum gives the same indices there.)</li>
 *   <li>When no selectable point has a positive running distance left (all selectable points already
 *       picked, or duplicates of picks; always the case once G exceeds the number of selectable points),
 *       the kernel keeps returning already selected points: index 0 if point 0 is selectable, otherwise
 *       the one its thread reduction favours. If no point at all is selectable, every pick is index 0.
 *       Both are reproduced, so the output always has G entries, repeats included.</li>
 * </ul>
 * Input coordinates must be finite. Batched calls run clouds in parallel on the common ForkJoinPool.
 */
public final class FarthestPointSampler {

    /** Initial running distance ({@code temp.fill_(1e10)} in the op). */
    static final float INITIAL_DISTANCE = 1e10f;
    /** Squared-norm bound of the kernel's dead zone around the origin. */
    static final double DEAD_ZONE = 1e-3;
    /** {@code TOTAL_THREADS} of the CUDA launch: at most 512 threads per cloud. */
    static final int MAX_THREADS = 512;

    private FarthestPointSampler() {}

    /**
     * Samples one cloud.
     *
     * @param xyz interleaved coordinates of one cloud, shape (N, 3) row-major
     * @param numSamples number of points to pick, G
     * @return G point indices in selection order
     */
    public static int[] sample(float[] xyz, int numSamples) {
        if (xyz == null) {
            throw new NullPointerException("xyz");
        }
        if (xyz.length % 3 != 0) {
            throw new IllegalArgumentException("xyz has " + xyz.length + " floats, not a multiple of 3 (layout (N, 3))");
        }
        return sample(xyz, 1, xyz.length / 3, numSamples, false);
    }

    /** Samples the coordinates of {@code cloud}; see {@link #sample(float[], int)}. */
    public static int[] sample(PointCloud cloud, int numSamples) {
        return sample(cloud.xyz(), numSamples);
    }

    /**
     * Samples a batch of clouds, in parallel over the batch.
     *
     * @param points coordinates, shape (B, N, 3) row-major
     * @param batch B
     * @param numPoints N, points per cloud
     * @param numSamples G, points to pick per cloud
     * @return indices (0..N-1 within each cloud), shape (B, G) row-major, each row in selection order
     */
    public static int[] sample(float[] points, int batch, int numPoints, int numSamples) {
        return sample(points, batch, numPoints, numSamples, true);
    }

    /**
     * Samples a batch of clouds.
     *
     * @param parallel whether to process clouds concurrently on the common ForkJoinPool
     * @see #sample(float[], int, int, int)
     */
    public static int[] sample(float[] points, int batch, int numPoints, int numSamples, boolean parallel) {
        Batches.checkClouds("points", points, batch, numPoints);
        Batches.checkNonNegative("number of samples G", numSamples);
        if (numSamples > 0 && batch > 0) {
            Batches.checkPositive("points per cloud N", numPoints);
        }
        int[] out = new int[batch * numSamples];
        Batches.forEach(batch, parallel, b -> sampleCloud(points, b, numPoints, numSamples, out));
        return out;
    }

    /** @return true if the kernel skips a point at (x, y, z): float32 squared norm at most 1e-3 */
    static boolean inDeadZone(float x, float y, float z) {
        float mag = (x * x + y * y) + z * z;
        return mag <= DEAD_ZONE;
    }

    /** Threads per cloud of the CUDA launch, {@code opt_n_threads(N)}: largest power of two <= N, at most 512. */
    public static int cudaThreads(int n) {
        int pow2 = (int) (Math.log(n) / Math.log(2.0));
        return Math.max(Math.min(1 << pow2, MAX_THREADS), 1);
    }

    /** Runs FPS on cloud {@code b} of {@code points}, writing G indices to {@code out[b*G ..]}. */
    static void sampleCloud(float[] points, int b, int n, int g, int[] out) {
        if (g == 0) {
            return;
        }
        int base = 3 * b * n;
        // Compact the selectable points once so the hot loop has no dead-zone branch.
        int[] live = new int[n];
        float[] xs = new float[n];
        float[] ys = new float[n];
        float[] zs = new float[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            float x = points[base + 3 * i];
            float y = points[base + 3 * i + 1];
            float z = points[base + 3 * i + 2];
            if (!inDeadZone(x, y, z)) {
                live[count] = i;
                xs[count] = x;
                ys[count] = y;
                zs[count] = z;
                count++;
            }
        }
        float[] dist = new float[count];
        Arrays.fill(dist, INITIAL_DISTANCE);

        int outBase = b * g;
        int old = 0;
        out[outBase] = 0;
        for (int j = 1; j < g; j++) {
            float x1 = points[base + 3 * old];
            float y1 = points[base + 3 * old + 1];
            float z1 = points[base + 3 * old + 2];
            // Pass 1 (vectorisable): update the running distances and find their maximum.
            float best = -1f;
            for (int i = 0; i < count; i++) {
                float dx = xs[i] - x1;
                float dy = ys[i] - y1;
                float dz = zs[i] - z1;
                float t = Math.min((dx * dx + dy * dy) + dz * dz, dist[i]);
                dist[i] = t;
                best = Math.max(best, t);
            }
            // Pass 2: the first index holding the maximum, and whether a second one does (an exact tie).
            int first = 0;
            while (first < count && dist[first] != best) {
                first++;
            }
            int second = first + 1;
            while (second < count && dist[second] != best) {
                second++;
            }
            if (count == 0) {
                old = 0; // nothing selectable: every thread reports (best -1, index 0)
            } else if (second < count) {
                old = cudaPick(n, live, count, dist);
            } else {
                old = live[first];
            }
            out[outBase + j] = old;
        }
    }

    /**
     * Replays the kernel's per-thread first-maximum and its tree reduction over the running distances
     * (indexed like {@code live}); used only when the maximum is tied.
     */
    static int cudaPick(int n, int[] live, int count, float[] dist) {
        int threads = cudaThreads(n);
        float[] slotBest = new float[threads];
        int[] slotIndex = new int[threads];
        Arrays.fill(slotBest, -1f);
        for (int i = 0; i < count; i++) {
            int k = live[i];
            int slot = k & (threads - 1);
            if (dist[i] > slotBest[slot]) {
                slotBest[slot] = dist[i];
                slotIndex[slot] = k;
            }
        }
        for (int offset = threads >> 1; offset >= 1; offset >>= 1) {
            for (int s = 0; s < offset; s++) {
                if (slotBest[s + offset] > slotBest[s]) {
                    slotBest[s] = slotBest[s + offset];
                    slotIndex[s] = slotIndex[s + offset];
                }
            }
        }
        return slotIndex[0];
    }
}
