package io.recon4j.model;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Which groups the MAE branch hides. Masks are (B, G) booleans stored row-major, true = masked
 * (reconstructed). Every cloud masks exactly int(ratio·G) groups.
 */
public enum Masking {
    /** Official {@code _mask_center_rand}: a random permutation of int(ratio·G) ones per cloud. */
    RAND,
    /** Official {@code _mask_center_block}: the int(ratio·G) centres nearest a random centre. */
    BLOCK;

    /** @return the mode named in a config ({@code rand} or {@code block}) */
    public static Masking parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown mask type '" + s + "': expected rand or block", e);
        }
    }

    /**
     * @param centers (B, G, 3) group centres, row-major
     * @param batch B
     * @param groups G
     * @param ratio mask ratio in [0, 1)
     * @param rng random source
     * @return (B, G) mask, true = masked
     */
    public boolean[] sample(float[] centers, int batch, int groups, float ratio, RandomGenerator rng) {
        int masked = (int) (ratio * groups);
        boolean[] mask = new boolean[batch * groups];
        for (int b = 0; b < batch; b++) {
            if (this == RAND) {
                // Fisher-Yates over [0]*(G-M) + [1]*M, like np.random.shuffle on that vector.
                boolean[] row = new boolean[groups];
                for (int g = groups - masked; g < groups; g++) {
                    row[g] = true;
                }
                for (int i = groups - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    boolean t = row[i];
                    row[i] = row[j];
                    row[j] = t;
                }
                System.arraycopy(row, 0, mask, b * groups, groups);
            } else {
                int c = rng.nextInt(groups);
                Integer[] order = new Integer[groups];
                double[] dist = new double[groups];
                for (int g = 0; g < groups; g++) {
                    order[g] = g;
                    double s = 0;
                    for (int a = 0; a < 3; a++) {
                        double d = centers[(b * groups + c) * 3 + a] - centers[(b * groups + g) * 3 + a];
                        s += d * d;
                    }
                    dist[g] = s;
                }
                java.util.Arrays.sort(order, (x, y) -> Double.compare(dist[x], dist[y]));
                for (int i = 0; i < masked; i++) {
                    mask[b * groups + order[i]] = true;
                }
            }
        }
        return mask;
    }

    /**
     * Flat row indices into a (B·G, ...) view for the visible or the masked groups, ascending group
     * index within each cloud (the official boolean-index order).
     *
     * @param mask (B, G), true = masked
     * @param groups G
     * @param masked true for the masked rows, false for the visible rows
     * @return row indices b·G + g
     * @throws IllegalArgumentException if clouds mask different numbers of groups
     */
    public static long[] rows(boolean[] mask, int groups, boolean masked) {
        int batch = mask.length / groups;
        int perCloud = -1;
        long[] out = new long[mask.length];
        int n = 0;
        for (int b = 0; b < batch; b++) {
            int count = 0;
            for (int g = 0; g < groups; g++) {
                if (mask[b * groups + g] == masked) {
                    out[n++] = (long) b * groups + g;
                    count++;
                }
            }
            if (perCloud >= 0 && count != perCloud) {
                throw new IllegalArgumentException("cloud " + b + " has " + count + " " + (masked ? "masked" : "visible")
                        + " groups, cloud 0 has " + perCloud + ": every cloud must mask the same number");
            }
            perCloud = count;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
