package io.recon4j.analysis;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The CAE paper's attention-map boundary: the smallest set of patches holding a given share (the paper: 50%) of
 * the attention mass. Taking the heaviest patches first gives the smallest such set; equal weights are taken in
 * patch order, so the set is unique.
 */
public final class MassBoundary {

    private MassBoundary() {
    }

    /**
     * @param weights (P) non-negative attention over the patches (need not sum to 1: the share is of their sum)
     * @param share the mass to hold, in (0, 1]
     * @return (P) true for the patches in the smallest set holding at least {@code share} of the mass
     */
    public static boolean[] smallestSet(double[] weights, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], got " + share);
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("attention weights must be finite and >= 0, got " + w);
            }
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("attention weights sum to 0");
        }
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -weights[i]).thenComparingInt(i -> i));
        boolean[] in = new boolean[weights.length];
        double held = 0;
        // A relative allowance so that float rounding never adds a patch that exactly reaching the share would not.
        double needed = share * total * (1 - 1e-12);
        for (int i : order) {
            if (held >= needed) {
                break;
            }
            in[i] = true;
            held += weights[i];
        }
        return in;
    }

    /** @return how many patches are in the set */
    public static int count(boolean[] set) {
        int c = 0;
        for (boolean b : set) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
