package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Which patches of each image of a batch are masked. Every image masks the same number M of its P patches, so
 * the indices form rectangles; both lists are ascending, the order in which the official boolean indexing
 * ({@code x[~bool_masked_pos]}) takes them.
 *
 * @param batch B
 * @param patches P
 * @param visible B × V visible patch indices, row-major (V = P − M)
 * @param masked B × M masked patch indices, row-major
 */
public record PatchMask(int batch, int patches, long[] visible, long[] masked) {

    /**
     * @param masks one mask per image (true = masked), all of length P with the same masked count
     * @return the batch's indices
     */
    public static PatchMask of(List<boolean[]> masks) {
        int b = masks.size();
        int p = masks.get(0).length;
        int m = count(masks.get(0));
        long[] visible = new long[b * (p - m)];
        long[] masked = new long[b * m];
        int vi = 0;
        int mi = 0;
        for (boolean[] mask : masks) {
            if (mask.length != p || count(mask) != m) {
                throw new IllegalArgumentException("every mask of a batch needs " + p + " patches with " + m + " masked");
            }
            for (int i = 0; i < p; i++) {
                if (mask[i]) {
                    masked[mi++] = i;
                } else {
                    visible[vi++] = i;
                }
            }
        }
        return new PatchMask(b, p, visible, masked);
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean x : mask) {
            n += x ? 1 : 0;
        }
        return n;
    }

    /** @return M, masked patches per image */
    public int maskedCount() {
        return masked.length / batch;
    }

    /** @return V, visible patches per image */
    public int visibleCount() {
        return visible.length / batch;
    }

    /** @return (B, V) int64 visible indices owned by {@code manager} */
    public NDArray visible(NDManager manager) {
        return manager.create(visible, new Shape(batch, visibleCount()));
    }

    /** @return (B, M) int64 masked indices owned by {@code manager} */
    public NDArray masked(NDManager manager) {
        return manager.create(masked, new Shape(batch, maskedCount()));
    }
}
