package io.recon4j.geometry;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The result of ReCon's point grouping ("patchify") of a batch: FPS centres and their centred kNN
 * neighbourhoods, as plain row-major Java arrays (produced by {@link PointGrouper}).
 *
 * <p>Axes: B clouds, N points per cloud, G groups (centres) per cloud, K points per group.
 * The arrays are shared, not copied: treat them as read-only. (Being a record, {@code equals} compares
 * array identity, not contents.)
 *
 * @param batch B
 * @param numPoints N
 * @param numGroups G
 * @param groupSize K
 * @param fpsIdx centre point indices (0..N-1 per cloud), shape (B, G), in FPS selection order
 * @param centers centre coordinates, exact copies of the input points, shape (B, G, 3)
 * @param neighborIdx neighbour point indices, shape (B, G, K), order as requested (default ascending index)
 * @param neighborhood neighbours minus their centre (float32 subtraction), shape (B, G, K, 3), same order
 */
public record Grouping(int batch, int numPoints, int numGroups, int groupSize,
        int[] fpsIdx, float[] centers, int[] neighborIdx, float[] neighborhood) {

    /** Validates that every array has the length its shape implies. */
    public Grouping {
        long bg = (long) batch * numGroups;
        requireLength("fpsIdx", fpsIdx.length, bg);
        requireLength("centers", centers.length, bg * 3);
        requireLength("neighborIdx", neighborIdx.length, bg * groupSize);
        requireLength("neighborhood", neighborhood.length, bg * groupSize * 3);
    }

    private static void requireLength(String name, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " entries, expected " + expected);
        }
    }

    /** @return the centres as a float32 NDArray of shape (B, G, 3) in {@code manager} */
    public NDArray centers(NDManager manager) {
        return manager.create(centers, new Shape(batch, numGroups, 3));
    }

    /** @return the centred neighbourhoods as a float32 NDArray of shape (B, G, K, 3) in {@code manager} */
    public NDArray neighborhood(NDManager manager) {
        return manager.create(neighborhood, new Shape(batch, numGroups, groupSize, 3));
    }

    /** @return the FPS indices as an int64 NDArray of shape (B, G) in {@code manager} */
    public NDArray fpsIdx(NDManager manager) {
        return manager.create(toLong(fpsIdx), new Shape(batch, numGroups));
    }

    /** @return the neighbour indices as an int64 NDArray of shape (B, G, K) in {@code manager} */
    public NDArray neighborIdx(NDManager manager) {
        return manager.create(toLong(neighborIdx), new Shape(batch, numGroups, groupSize));
    }

    private static long[] toLong(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
