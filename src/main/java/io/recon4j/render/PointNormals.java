package io.recon4j.render;

import io.recon4j.cloud.PointCloud;

/**
 * The local surface of a point cloud: unoriented normals by local PCA (the normal of point i is the eigenvector
 * of the smallest eigenvalue of the covariance of its K nearest neighbours, itself included; the sign is left to
 * the caller, the renderer turns every normal towards its camera) and the typical point spacing, which sizes
 * splats that close the surface: the median distance from a point to its {@value #SPACING_RANK}th nearest other
 * point (not the 1st: on a thin panel sampled on both faces the nearest point is across the thickness).
 * Brute-force neighbour search, O(N²) per cloud: ~1M distance evaluations for the 1,024-point ModelNet files,
 * done once per shape and view set.
 *
 * @param normals (N, 3) unit normals, row-major; (0, 1, 0) where a neighbourhood is degenerate (a single point)
 * @param spacing median distance to the {@value #SPACING_RANK}th nearest other point (or the farthest of the K
 *     neighbours if fewer), in the cloud's units; 0 for fewer than two points
 */
record PointNormals(float[] normals, double spacing) {

    /** Which neighbour's distance measures the spacing. */
    static final int SPACING_RANK = 4;

    /**
     * @param cloud N points
     * @param k neighbours per point (clamped to N)
     */
    static PointNormals estimate(PointCloud cloud, int k) {
        int n = cloud.size();
        float[] xyz = cloud.xyz();
        int kk = Math.max(1, Math.min(k, n));
        float[] out = new float[3 * n];
        int[] nearest = new int[kk];
        double[] nearestD = new double[kk];
        double[] nn = new double[n];
        for (int i = 0; i < n; i++) {
            int filled = 0;
            for (int j = 0; j < n; j++) {
                double dx = xyz[3 * j] - xyz[3 * i];
                double dy = xyz[3 * j + 1] - xyz[3 * i + 1];
                double dz = xyz[3 * j + 2] - xyz[3 * i + 2];
                double d = dx * dx + dy * dy + dz * dz;
                if (filled < kk || d < nearestD[kk - 1]) {
                    // Insertion into a sorted list of K: K is small (~16), so this beats a heap.
                    int p = filled < kk ? filled++ : kk - 1;
                    while (p > 0 && nearestD[p - 1] > d) {
                        nearestD[p] = nearestD[p - 1];
                        nearest[p] = nearest[p - 1];
                        p--;
                    }
                    nearestD[p] = d;
                    nearest[p] = j;
                }
            }
            // nearestD[0] is the point itself (distance 0), [r] its r-th nearest other point.
            nn[i] = filled > 1 ? Math.sqrt(nearestD[Math.min(SPACING_RANK, filled - 1)]) : 0;
            double[] c = covariance(xyz, nearest, filled);
            double[] normal = smallestEigenvector(c);
            out[3 * i] = (float) normal[0];
            out[3 * i + 1] = (float) normal[1];
            out[3 * i + 2] = (float) normal[2];
        }
        java.util.Arrays.sort(nn);
        return new PointNormals(out, n < 2 ? 0 : nn[n / 2]);
    }

    /** @return the 3×3 covariance of the indexed points, row-major */
    private static double[] covariance(float[] xyz, int[] idx, int count) {
        double mx = 0;
        double my = 0;
        double mz = 0;
        for (int a = 0; a < count; a++) {
            mx += xyz[3 * idx[a]];
            my += xyz[3 * idx[a] + 1];
            mz += xyz[3 * idx[a] + 2];
        }
        mx /= count;
        my /= count;
        mz /= count;
        double[] c = new double[9];
        for (int a = 0; a < count; a++) {
            double x = xyz[3 * idx[a]] - mx;
            double y = xyz[3 * idx[a] + 1] - my;
            double z = xyz[3 * idx[a] + 2] - mz;
            c[0] += x * x;
            c[1] += x * y;
            c[2] += x * z;
            c[4] += y * y;
            c[5] += y * z;
            c[8] += z * z;
        }
        c[3] = c[1];
        c[6] = c[2];
        c[7] = c[5];
        return c;
    }

    /**
     * Cyclic Jacobi rotations on a symmetric 3×3 matrix (robust when eigenvalues are close, unlike power iteration).
     *
     * @return the unit eigenvector of the smallest eigenvalue; (0, 1, 0) for the zero matrix
     */
    static double[] smallestEigenvector(double[] m) {
        double[] a = m.clone();
        double[] v = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        for (int sweep = 0; sweep < 32; sweep++) {
            double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
            if (off < 1e-30) {
                break;
            }
            for (int[] pq : new int[][] {{0, 1}, {0, 2}, {1, 2}}) {
                int p = pq[0];
                int q = pq[1];
                double apq = a[3 * p + q];
                if (Math.abs(apq) < 1e-300) {
                    continue;
                }
                double theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq);
                double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                if (theta == 0) {
                    t = 1;
                }
                double cs = 1 / Math.sqrt(t * t + 1);
                double sn = t * cs;
                // A ← Jᵀ A J and V ← V J with the rotation J in the (p, q) plane.
                for (int r = 0; r < 3; r++) {
                    double arp = a[3 * r + p];
                    double arq = a[3 * r + q];
                    a[3 * r + p] = cs * arp - sn * arq;
                    a[3 * r + q] = sn * arp + cs * arq;
                }
                for (int r = 0; r < 3; r++) {
                    double apr = a[3 * p + r];
                    double aqr = a[3 * q + r];
                    a[3 * p + r] = cs * apr - sn * aqr;
                    a[3 * q + r] = sn * apr + cs * aqr;
                }
                for (int r = 0; r < 3; r++) {
                    double vrp = v[3 * r + p];
                    double vrq = v[3 * r + q];
                    v[3 * r + p] = cs * vrp - sn * vrq;
                    v[3 * r + q] = sn * vrp + cs * vrq;
                }
            }
        }
        if (a[0] == 0 && a[4] == 0 && a[8] == 0) {
            return new double[] {0, 1, 0};
        }
        int min = 0;
        for (int d = 1; d < 3; d++) {
            if (a[4 * d] < a[4 * min]) {
                min = d;
            }
        }
        double[] e = {v[min], v[3 + min], v[6 + min]};
        double len = Math.sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
        return new double[] {e[0] / len, e[1] / len, e[2] / len};
    }
}
