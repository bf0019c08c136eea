package io.recon4j.geometry;

import java.util.Arrays;

/** Slow, literal references for FPS, written straight from the CUDA kernel and from the spec's rules. */
final class FpsReference {

    private FpsReference() {}

    /**
     * Line-by-line replay of {@code furthest_point_sampling_kernel}: {@code block} threads each scan indices
     * {@code k = tid (mod block)}, then the shared-memory tree reduction.
     */
    static int[] cudaReplay(float[] pts, int n, int m, boolean deadZone) {
        int block = Math.min(Integer.highestOneBit(n), 512);
        float[] temp = new float[n];
        Arrays.fill(temp, 1e10f);
        int[] idxs = new int[m];
        float[] dists = new float[block];
        int[] distsI = new int[block];
        int old = 0;
        for (int j = 1; j < m; j++) {
            float x1 = pts[old * 3];
            float y1 = pts[old * 3 + 1];
            float z1 = pts[old * 3 + 2];
            for (int tid = 0; tid < block; tid++) {
                int besti = 0;
                float best = -1;
                for (int k = tid; k < n; k += block) {
                    float x2 = pts[k * 3];
                    float y2 = pts[k * 3 + 1];
                    float z2 = pts[k * 3 + 2];
                    float mag = (x2 * x2) + (y2 * y2) + (z2 * z2);
                    if (deadZone && mag <= 1e-3) {
                        continue;
                    }
                    float d = (x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1) + (z2 - z1) * (z2 - z1);
                    float d2 = Math.min(d, temp[k]);
                    temp[k] = d2;
                    besti = d2 > best ? k : besti;
                    best = d2 > best ? d2 : best;
                }
                dists[tid] = best;
                distsI[tid] = besti;
            }
            for (int s = block / 2; s >= 1; s /= 2) {
                for (int tid = 0; tid < s; tid++) {
                    float v1 = dists[tid];
                    float v2 = dists[tid + s];
                    int i1 = distsI[tid];
                    int i2 = distsI[tid + s];
                    dists[tid] = Math.max(v1, v2);
                    distsI[tid] = v2 > v1 ? i2 : i1;
                }
            }
            old = distsI[0];
            idxs[j] = old;
        }
        return idxs;
    }

    /** The spec's plain rule (README 8.1): first maximum, dead-zone points skipped. */
    static int[] firstMaximum(float[] pts, int n, int m) {
        double[] temp = new double[n];
        Arrays.fill(temp, 1e10f);
        int[] out = new int[m];
        int old = 0;
        for (int j = 1; j < m; j++) {
            int best = 0;
            double bestV = -1;
            for (int k = 0; k < n; k++) {
                float x = pts[3 * k];
                float y = pts[3 * k + 1];
                float z = pts[3 * k + 2];
                if ((x * x + y * y) + z * z <= 1e-3) {
                    continue;
                }
                float dx = x - pts[3 * old];
                float dy = y - pts[3 * old + 1];
                float dz = z - pts[3 * old + 2];
                temp[k] = Math.min(temp[k], (dx * dx + dy * dy) + dz * dz);
                if (temp[k] > bestV) {
                    bestV = temp[k];
                    best = k;
                }
            }
            out[j] = old = best;
        }
        return out;
    }

    /** Cloud {@code b} of a (B, N, 3) array. */
    static float[] cloud(float[] points, int b, int n) {
        return Arrays.copyOfRange(points, 3 * b * n, 3 * (b + 1) * n);
    }
}
