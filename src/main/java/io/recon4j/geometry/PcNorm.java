package io.recon4j.geometry;

/**
 * ReCon's {@code pc_norm} ({@code pc_normalize} in the ModelNet loader): {@code pc -= mean(pc);
 * pc /= max_i ||pc_i||}, so the cloud's centroid is the origin and its farthest point lies on the
 * unit sphere. Computed in double: raw ModelNet coordinates reach 1e5, where float sums lose digits.
 */
public final class PcNorm {

    private PcNorm() {}

    /**
     * Normalises one cloud in place. A cloud whose largest radius is not positive (a single point, all
     * points equal, or non-finite values) is scaled by 0 instead, so its finite values become 0: the
     * official code would divide by zero. Callers that must reject such clouds check the returned radius.
     *
     * @param xyz (N, 3) coordinates, xyz interleaved
     * @return the largest distance from the centroid before scaling
     * @throws IllegalArgumentException if the length is not a multiple of 3
     */
    public static double apply(double[] xyz) {
        if (xyz.length % 3 != 0) {
            throw new IllegalArgumentException("cloud has " + xyz.length + " values, expected N*3 (layout (N, 3))");
        }
        int n = xyz.length / 3;
        double[] mean = new double[3];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                mean[c] += xyz[3 * i + c];
            }
        }
        for (int c = 0; c < 3; c++) {
            mean[c] /= n;
        }
        double maxSq = 0;
        for (int i = 0; i < n; i++) {
            double dx = xyz[3 * i] - mean[0];
            double dy = xyz[3 * i + 1] - mean[1];
            double dz = xyz[3 * i + 2] - mean[2];
            maxSq = Math.max(maxSq, dx * dx + dy * dy + dz * dz);
        }
        double radius = Math.sqrt(maxSq);
        double inv = radius > 0 ? 1.0 / radius : 0;
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (xyz[i] - mean[i % 3]) * inv;
        }
        return radius;
    }
}
