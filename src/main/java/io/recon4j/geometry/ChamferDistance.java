package io.recon4j.geometry;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.recon4j.nn.Scalars;

/**
 * Chamfer distances between batches of small point sets, differentiable through DJL autograd: ReCon's
 * reconstruction loss ({@code ChamferDistanceL2} / {@code ChamferDistanceL1} of {@code extensions/chamfer_dist}).
 *
 * <p>Inputs are a (M, K1, 3) and b (M, K2, 3): M independent pairs of point sets. For every point of a the
 * squared distance to its nearest point of b gives d1 (M, K1); d2 (M, K2) likewise from b to a. The
 * values are direct differences {@code sum((a_i - b_j)^2)}, as the CUDA kernel computes them, and the
 * gradient flows to each point and its nearest partner (see {@link #nearestSquaredDistances}).
 *
 * <p>Intermediate arrays are closed before returning; the result belongs to a's manager.
 */
public final class ChamferDistance {

    private ChamferDistance() {}

    /**
     * Chamfer L2 ({@code cdl2}): {@code mean(d1) + mean(d2)}, means over all M*K1 resp. M*K2 values;
     * no square root and no halving.
     *
     * @return a float32 scalar
     */
    public static NDArray l2(NDArray a, NDArray b) {
        NDList d = nearestSquaredDistances(a, b);
        try (NDArray m1 = d.get(0).mean(); NDArray m2 = d.get(1).mean()) {
            return m1.add(m2);
        } finally {
            d.close();
        }
    }

    /**
     * Chamfer L1 ({@code cdl1}): {@code (mean(sqrt(d1)) + mean(sqrt(d2))) / 2}. Like the official op, its
     * gradient is not finite where a nearest distance is exactly 0.
     *
     * @return a float32 scalar
     */
    public static NDArray l1(NDArray a, NDArray b) {
        NDList d = nearestSquaredDistances(a, b);
        try (NDArray s1 = d.get(0).sqrt(); NDArray s2 = d.get(1).sqrt();
                NDArray m1 = s1.mean(); NDArray m2 = s2.mean(); NDArray sum = m1.add(m2)) {
            return Scalars.div(sum, 2f);
        } finally {
            d.close();
        }
    }

    /**
     * Nearest-neighbour squared distances in both directions.
     *
     * <p>The nearest partners are found without gradient from the expansion {@code |a|^2 + |b|^2 - 2 a.b}
     * (one batched matmul; both sets first shifted by b's centroid so rounding scales with the sets' extent,
     * not their position). The returned values are then the exact direct differences
     * {@code sum((a_i - b_j)^2)} to those partners, with gradient, as the CUDA kernel computes them. Only
     * partners tied to within float rounding of the expansion could be chosen differently, which changes a
     * value by at most that rounding.
     *
     * @param a points, shape (M, K1, 3)
     * @param b points, shape (M, K2, 3)
     * @return d1 of shape (M, K1) (each a point to its nearest b point) and d2 of shape (M, K2)
     */
    public static NDList nearestSquaredDistances(NDArray a, NDArray b) {
        Shape sa = a.getShape();
        Shape sb = b.getShape();
        if (sa.dimension() != 3 || sb.dimension() != 3 || sa.get(2) != 3 || sb.get(2) != 3
                || sa.get(0) != sb.get(0)) {
            throw new IllegalArgumentException("expected a (M, K1, 3) and b (M, K2, 3) with the same M, got a "
                    + sa + " and b " + sb);
        }
        if (sa.get(1) == 0 || sb.get(1) == 0) {
            throw new IllegalArgumentException("point sets must not be empty, got a " + sa + " and b " + sb);
        }
        long m = sa.get(0);
        NDList tmp = new NDList();
        try {
            NDArray aFixed = keep(tmp, a.stopGradient());
            NDArray bFixed = keep(tmp, b.stopGradient());
            NDArray shift = keep(tmp, bFixed.mean(new int[] {1}, true));
            NDArray a0 = keep(tmp, aFixed.sub(shift));
            NDArray b0 = keep(tmp, bFixed.sub(shift));
            NDArray aa = keep(tmp, keep(tmp, a0.square()).sum(new int[] {2}, true));
            NDArray bb = keep(tmp, keep(tmp, keep(tmp, b0.square()).sum(new int[] {2})).expandDims(1));
            NDArray ab = keep(tmp, a0.matMul(keep(tmp, b0.transpose(0, 2, 1))));
            // pair: (M, K1, K2) approximate squared distances, only used to pick partners
            NDArray pair = keep(tmp, keep(tmp, aa.add(bb)).sub(keep(tmp, Scalars.mul(ab, 2f))));
            NDArray nearB = keep(tmp, gatherRows(tmp, b, keep(tmp, pair.argMin(2)), m, sa.get(1)));
            NDArray nearA = keep(tmp, gatherRows(tmp, a, keep(tmp, pair.argMin(1)), m, sb.get(1)));
            NDArray d1 = keep(tmp, keep(tmp, a.sub(nearB)).square()).sum(new int[] {2});
            NDArray d2 = keep(tmp, keep(tmp, b.sub(nearA)).square()).sum(new int[] {2});
            return new NDList(d1, d2);
        } finally {
            tmp.close();
        }
    }

    /** @return {@code points[s, idx[s, i], :]}, shape (M, K, 3), differentiable w.r.t. {@code points} */
    private static NDArray gatherRows(NDList tmp, NDArray points, NDArray idx, long m, long k) {
        return points.gather(keep(tmp, keep(tmp, idx.expandDims(2)).broadcast(m, k, 3)), 1);
    }

    private static NDArray keep(NDList tmp, NDArray array) {
        tmp.add(array);
        return array;
    }

    /**
     * Plain-Java Chamfer L2 in double precision, a reference for tests.
     *
     * @param a points, shape (M, K1, 3) row-major
     * @param b points, shape (M, K2, 3) row-major
     */
    public static double chamferL2(float[] a, float[] b, int m, int k1, int k2) {
        double[][] d = nearest(a, b, m, k1, k2);
        return mean(d[0], false) + mean(d[1], false);
    }

    /** Plain-Java Chamfer L1 in double precision, a reference for tests; see {@link #chamferL2}. */
    public static double chamferL1(float[] a, float[] b, int m, int k1, int k2) {
        double[][] d = nearest(a, b, m, k1, k2);
        return (mean(d[0], true) + mean(d[1], true)) / 2;
    }

    private static double[][] nearest(float[] a, float[] b, int m, int k1, int k2) {
        if (a.length != 3L * m * k1 || b.length != 3L * m * k2) {
            throw new IllegalArgumentException("expected a of " + 3L * m * k1 + " and b of " + 3L * m * k2
                    + " floats for M=" + m + ", K1=" + k1 + ", K2=" + k2 + "; got " + a.length + " and " + b.length);
        }
        double[] d1 = new double[m * k1];
        double[] d2 = new double[m * k2];
        java.util.Arrays.fill(d1, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(d2, Double.POSITIVE_INFINITY);
        for (int s = 0; s < m; s++) {
            for (int i = 0; i < k1; i++) {
                for (int j = 0; j < k2; j++) {
                    double sum = 0;
                    for (int c = 0; c < 3; c++) {
                        double diff = (double) a[3 * (s * k1 + i) + c] - b[3 * (s * k2 + j) + c];
                        sum += diff * diff;
                    }
                    d1[s * k1 + i] = Math.min(d1[s * k1 + i], sum);
                    d2[s * k2 + j] = Math.min(d2[s * k2 + j], sum);
                }
            }
        }
        return new double[][] {d1, d2};
    }

    private static double mean(double[] values, boolean sqrt) {
        double sum = 0;
        for (double v : values) {
            sum += sqrt ? Math.sqrt(v) : v;
        }
        return sum / values.length;
    }
}
