package io.recon4j.data;

import io.recon4j.cloud.PointCloud;

/**
 * Farthest point sampling as the official ModelNet cache builder does it ({@code farthest_point_sample}
 * in {@code datasets/ModelNetDataset.py}, numpy): start at a given index, no dead zone, float32 squared
 * distances kept in a float64 running minimum initialised to 1e10, first maximum wins.
 *
 * <p>This differs from the CUDA kernel used at train and test time ({@link Fps}: start at point 0 and a
 * dead zone around the origin, which would wrongly exclude points of raw, un-normalised shapes), so the
 * load-time reduction to 8192 points keeps its own implementation. The official start is
 * {@code np.random.randint(0, N)}; callers pass a start derived from the file name, so loading is deterministic.
 */
final class ResampleFps {

    private ResampleFps() {
    }

    /** @return the cloud reduced to {@code n} points by FPS from {@code start}, or unchanged if it has at most n */
    static PointCloud reduce(PointCloud cloud, int n, long seed) {
        int size = cloud.size();
        if (size <= n) {
            return cloud;
        }
        int start = (int) Math.floorMod(seed, (long) size);
        return cloud.select(indices(cloud.xyz(), size, n, start));
    }

    /** @return {@code n} indices in selection order, starting at {@code start} */
    static int[] indices(float[] xyz, int size, int n, int start) {
        double[] distance = new double[size];
        java.util.Arrays.fill(distance, 1e10);
        int[] out = new int[n];
        int farthest = start;
        for (int i = 0; i < n; i++) {
            out[i] = farthest;
            float cx = xyz[3 * farthest];
            float cy = xyz[3 * farthest + 1];
            float cz = xyz[3 * farthest + 2];
            int next = 0;
            double best = -1;
            for (int p = 0; p < size; p++) {
                float dx = xyz[3 * p] - cx;
                float dy = xyz[3 * p + 1] - cy;
                float dz = xyz[3 * p + 2] - cz;
                float d = dx * dx + dy * dy + dz * dz;
                if (d < distance[p]) {
                    distance[p] = d;
                }
                if (distance[p] > best) {
                    best = distance[p];
                    next = p;
                }
            }
            farthest = next;
        }
        return out;
    }
}
