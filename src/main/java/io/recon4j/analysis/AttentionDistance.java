package io.recon4j.analysis;

/**
 * The 3D average attention distance (the ReCon paper's analysis, after ViT's "mean attention distance"): how far,
 * in the cloud's normalised coordinates, the patches a token attends to lie.
 *
 * <ul>
 *   <li>A local token i (patch centre c_i): Σ_j a_ij ‖c_i − c_j‖ over the local columns j.</li>
 *   <li>A global query (cls, img, text) has no centre of its own: its distance is the spread of what it reads,
 *       Σ_j a_j ‖c_j − ĉ‖ with ĉ = Σ_j a_j c_j (recon4j's reading; the paper does not define it).</li>
 * </ul>
 * In a single-stream Transformer the first rows and columns are the global tokens: local rows are measured over the
 * local columns only, their weights renormalised to 1.
 */
public final class AttentionDistance {

    private AttentionDistance() {
    }

    /**
     * Per-head mean distance of the local rows of one attention map.
     *
     * @param probs row-major (B, H, Lq, Lk) probabilities
     * @param shape {B, H, Lq, Lk}
     * @param centers row-major (B, G, 3) patch centres, G ≤ Lk; the last G rows/columns are the local tokens
     * @param groups G
     * @return (H) mean over shapes and local rows
     */
    public static double[] local(float[] probs, long[] shape, float[] centers, int groups) {
        if (shape[2] < groups) {
            throw new IllegalArgumentException("a map with " + shape[2] + " rows has no " + groups + " local rows");
        }
        return perHead(probs, shape, centers, groups, (int) shape[2] - groups, (int) shape[2], false);
    }

    /**
     * Per-head mean spread of the global-query rows of one attention map.
     *
     * @param cross a cross-attention map (every row is a query) rather than a single-stream self-attention map
     *     (the first Lq − G rows are the queries)
     * @return (H) mean over shapes and query rows (NaN when the map has no query rows)
     */
    public static double[] queries(float[] probs, long[] shape, float[] centers, int groups, boolean cross) {
        return perHead(probs, shape, centers, groups, 0, cross ? (int) shape[2] : (int) shape[2] - groups, true);
    }

    private static double[] perHead(float[] probs, long[] shape, float[] centers, int groups, int firstRow, int endRow,
                                    boolean queryRows) {
        int b = (int) shape[0];
        int h = (int) shape[1];
        int lq = (int) shape[2];
        int lk = (int) shape[3];
        if (lk < groups || (long) b * h * lq * lk != probs.length || centers.length != b * groups * 3) {
            throw new IllegalArgumentException("attention map (" + b + ", " + h + ", " + lq + ", " + lk + ") does not fit "
                    + probs.length + " values and " + centers.length / 3 + " centres of " + groups + " groups");
        }
        int keyOffset = lk - groups;
        double[] out = new double[h];
        int rows = endRow - firstRow;
        if (rows <= 0) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        for (int s = 0; s < b; s++) {
            int cBase = s * groups * 3;
            for (int head = 0; head < h; head++) {
                for (int i = firstRow; i < endRow; i++) {
                    int row = ((s * h + head) * lq + i) * lk + keyOffset;
                    double mass = 0;
                    for (int j = 0; j < groups; j++) {
                        mass += probs[row + j];
                    }
                    if (!(mass > 0)) {
                        continue;
                    }
                    double d = 0;
                    if (queryRows) {
                        double mx = 0;
                        double my = 0;
                        double mz = 0;
                        for (int j = 0; j < groups; j++) {
                            double a = probs[row + j] / mass;
                            mx += a * centers[cBase + 3 * j];
                            my += a * centers[cBase + 3 * j + 1];
                            mz += a * centers[cBase + 3 * j + 2];
                        }
                        for (int j = 0; j < groups; j++) {
                            d += probs[row + j] / mass * dist(centers, cBase + 3 * j, mx, my, mz);
                        }
                    } else {
                        int self = cBase + 3 * (i - (lq - groups));
                        for (int j = 0; j < groups; j++) {
                            d += probs[row + j] / mass
                                    * dist(centers, cBase + 3 * j, centers[self], centers[self + 1], centers[self + 2]);
                        }
                    }
                    out[head] += d;
                }
            }
        }
        for (int head = 0; head < h; head++) {
            out[head] /= (double) b * rows;
        }
        return out;
    }

    private static double dist(float[] c, int at, double x, double y, double z) {
        double dx = c[at] - x;
        double dy = c[at + 1] - y;
        double dz = c[at + 2] - z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
